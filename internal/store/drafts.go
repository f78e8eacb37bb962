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

// Drafts keeps the details of signups in progress, server-side, for at most ttl after their last change.
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

// Save stores the details under id, creating the draft when it is new.
func (d *Drafts) Save(ctx context.Context, id string, details signup.Details) error {
	raw, err := json.Marshal(details)
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

// Load answers the details of draft id, or ErrNoDraft.
func (d *Drafts) Load(ctx context.Context, id string) (signup.Details, error) {
	var raw string
	err := d.db.sql.QueryRowContext(ctx, `SELECT details FROM drafts WHERE id = ? AND updated_at >= ?`,
		id, d.oldestKept()).Scan(&raw)
	return decodeDraft(raw, err)
}

// Claim marks draft id as being sent and answers its details, so that a second submit of the same draft
// (a double tap, a second tab) gets ErrDraftBusy instead of creating the customer twice. Release or
// Delete ends the claim; a claim older than two minutes is taken to be abandoned.
func (d *Drafts) Claim(ctx context.Context, id string) (signup.Details, error) {
	now := d.now().Unix()
	var raw string
	err := d.db.sql.QueryRowContext(ctx, `
		UPDATE drafts SET claimed_at = ?
		WHERE id = ? AND updated_at >= ? AND (claimed_at IS NULL OR claimed_at < ?)
		RETURNING details`,
		now, id, d.oldestKept(), now-int64(claimTimeout/time.Second)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		if _, loadErr := d.Load(ctx, id); loadErr == nil {
			return signup.Details{}, ErrDraftBusy
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

// DeleteExpired removes every draft not changed for longer than the ttl and answers how many it removed.
func (d *Drafts) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := d.db.sql.ExecContext(ctx, `DELETE FROM drafts WHERE updated_at < ?`, d.oldestKept())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (d *Drafts) oldestKept() int64 { return d.now().Add(-d.ttl).Unix() }

func decodeDraft(raw string, err error) (signup.Details, error) {
	var details signup.Details
	if errors.Is(err, sql.ErrNoRows) {
		return details, ErrNoDraft
	}
	if err != nil {
		return details, fmt.Errorf("store: load draft: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &details); err != nil {
		return details, fmt.Errorf("store: draft is damaged: %w", err)
	}
	return details, nil
}
