package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"intake/internal/indica"
)

// state is everything the sandbox keeps across restarts.
type state struct {
	NextCustomerID int64             `json:"next_customer_id"`
	NextFileID     int64             `json:"next_file_id"`
	Customers      []indica.Customer `json:"customers"`
	Files          []storedFile      `json:"files"`
	Groups         []indica.Group    `json:"groups"`
}

// storedFile is an uploaded file's record; its bytes live in the file store.
type storedFile struct {
	indica.File
	// CustomerID is the customer the file is attached to, 0 while it is attached to none.
	CustomerID int64 `json:"customer_id,omitempty"`
}

const stateFile = "sandbox.json"

func seedGroups() []indica.Group {
	return []indica.Group{
		{ID: 1, Name: "Veterans", Type: indica.GroupManual},
		{ID: 2, Name: "Seniors", Type: indica.GroupManual},
		{ID: 3, Name: "Industry", Type: indica.GroupManual},
		{ID: 4, Name: "First visit this month", Type: indica.GroupAutomatic},
		{ID: 5, Name: "Spent over $500", Type: indica.GroupAutomatic},
	}
}

func loadState(dir string) (state, error) {
	var st state
	if dir == "" {
		return st, nil
	}
	raw, err := os.ReadFile(filepath.Join(dir, stateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("sandbox: read state: %w", err)
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		return st, fmt.Errorf("sandbox: %s is damaged: %w", filepath.Join(dir, stateFile), err)
	}
	return st, nil
}

// save writes the state atomically (temporary file, then rename). Callers hold s.mu.
func (s *Sandbox) save() error {
	if s.opts.DataDir == "" {
		return nil
	}
	raw, err := json.Marshal(s.data)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.opts.DataDir, stateFile+".*")
	if err != nil {
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	return os.Rename(tmp.Name(), filepath.Join(s.opts.DataDir, stateFile))
}

func (s *Sandbox) customerIndex(id int64) int {
	for i := range s.data.Customers {
		if s.data.Customers[i].ID == id {
			return i
		}
	}
	return -1
}

func (s *Sandbox) group(id int64) (indica.Group, bool) {
	for _, g := range s.data.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return indica.Group{}, false
}

func (s *Sandbox) fileIndex(id int64) int {
	for i := range s.data.Files {
		if s.data.Files[i].ID == id {
			return i
		}
	}
	return -1
}

type journalKey struct{}

func withJournalEntry(r *http.Request, e *JournalEntry) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), journalKey{}, e))
}

// journalBody records what a request carried, as the journal shows it.
func journalBody(r *http.Request, body json.RawMessage) {
	if e, ok := r.Context().Value(journalKey{}).(*JournalEntry); ok {
		if !json.Valid(body) {
			body, _ = json.Marshal(string(body))
		}
		e.Body = body
	}
}

// journalDropped records a create whose answer is about to be dropped, at once: the client may look at
// the journal before the held connection closes.
func (s *Sandbox) journalDropped(r *http.Request, status int) {
	if e, ok := r.Context().Value(journalKey{}).(*JournalEntry); ok {
		e.Status, e.Dropped, e.recorded = status, true, true
		s.record(*e)
	}
}
