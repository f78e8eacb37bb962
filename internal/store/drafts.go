package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"intake/internal/signup"
)

// ErrNoDraft means the draft does not exist: it was never made, was finished, or expired.
var ErrNoDraft = errors.New("store: no such draft")

// ErrDraftBusy means another request is sending the draft right now.
var ErrDraftBusy = errors.New("store: draft is being sent")

// claimTimeout frees a claim whose holder died without releasing it.
const claimTimeout = 2 * time.Minute

// Drafts keeps signups in progress, server-side, for at most ttl after their last change.
// The customer's cookie holds only the draft's id.
type Drafts struct {
	db  *DB
	ttl time.Duration
	now func() time.Time
}

// NewDrafts answers the drafts kept in db, each for ttl after its last change.
func NewDrafts(db *DB, ttl time.Duration) *Drafts {
	return &Drafts{db: db, ttl: ttl, now: time.Now}
}

// NewDraftID answers a fresh, unguessable draft id.
func NewDraftID() string { return rand.Text() }

// Save stores the draft under id, creating it when it is new.
func (d *Drafts) Save(ctx context.Context, id string, draft signup.Draft) error {
	raw, err := json.Marshal(draft)
	if err != nil {
		return err
	}
	_, err = d.db.sql.ExecContext(ctx, `
		INSERT INTO drafts (id, details, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET details = excluded.details, updated_at = excluded.updated_at`,
		id, string(raw), d.now().Unix())
	if err != nil {
		return fmt.Errorf("store: save draft: %w", err)
	}
	return nil
}

// Load answers draft id, or ErrNoDraft.
func (d *Drafts) Load(ctx context.Context, id string) (signup.Draft, error) {
	var raw string
	err := d.db.sql.QueryRowContext(ctx, `SELECT details FROM drafts WHERE id = ? AND updated_at >= ?`,
		id, d.oldestKept()).Scan(&raw)
	return decodeDraft(raw, err)
}

// Claim marks draft id as being sent and answers it, so that a second submit of the same draft
// (a double tap, a second tab) gets ErrDraftBusy instead of creating the customer twice. Release or
// Delete ends the claim; a claim older than two minutes is taken to be abandoned.
func (d *Drafts) Claim(ctx context.Context, id string) (signup.Draft, error) {
	now := d.now().Unix()
	var raw string
	err := d.db.sql.QueryRowContext(ctx, `
		UPDATE drafts SET claimed_at = ?
		WHERE id = ? AND updated_at >= ? AND (claimed_at IS NULL OR claimed_at < ?)
		RETURNING details`,
		now, id, d.oldestKept(), now-int64(claimTimeout/time.Second)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		if _, loadErr := d.Load(ctx, id); loadErr == nil {
			return signup.Draft{}, ErrDraftBusy
		}
	}
	return decodeDraft(raw, err)
}

// Release ends a claim without deleting the draft, so that it can be sent again.
func (d *Drafts) Release(ctx context.Context, id string) error {
	_, err := d.db.sql.ExecContext(ctx, `UPDATE drafts SET claimed_at = NULL WHERE id = ?`, id)
	return err
}

// Delete removes draft id; deleting a missing draft is not an error.
func (d *Drafts) Delete(ctx context.Context, id string) error {
	_, err := d.db.sql.ExecContext(ctx, `DELETE FROM drafts WHERE id = ?`, id)
	return err
}

// DeleteExpired removes every draft not changed for longer than the ttl and answers the names of the
// files those drafts held, for the caller to delete.
func (d *Drafts) DeleteExpired(ctx context.Context) ([]string, error) {
	rows, err := d.db.sql.QueryContext(ctx, `DELETE FROM drafts WHERE updated_at < ? RETURNING details`, d.oldestKept())
	if err != nil {
		return nil, err
	}
	return draftFiles(rows)
}

// Files answers the names of the files every live draft holds.
func (d *Drafts) Files(ctx context.Context) ([]string, error) {
	rows, err := d.db.sql.QueryContext(ctx, `SELECT details FROM drafts`)
	if err != nil {
		return nil, err
	}
	return draftFiles(rows)
}

func draftFiles(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var names []string
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		draft, err := decodeDraft(raw, nil)
		if err != nil {
			continue // a damaged draft holds nothing we can name
		}
		names = append(names, draft.Files()...)
	}
	return names, rows.Err()
}

func (d *Drafts) oldestKept() int64 { return d.now().Add(-d.ttl).Unix() }

func decodeDraft(raw string, err error) (signup.Draft, error) {
	var draft signup.Draft
	if errors.Is(err, sql.ErrNoRows) {
		return draft, ErrNoDraft
	}
	if err != nil {
		return draft, fmt.Errorf("store: load draft: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &draft); err != nil {
		return draft, fmt.Errorf("store: draft is damaged: %w", err)
	}
	return draft, nil
}
