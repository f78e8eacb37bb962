package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"intake/internal/signup"
)

func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "intake.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestDraftLifecycle(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	drafts := NewDrafts(db, 30*time.Minute)
	drafts.now = func() time.Time { return now }

	id := NewDraftID()
	if len(id) < 20 || id == NewDraftID() {
		t.Fatalf("draft ids must be long and unique: %q", id)
	}
	if _, err := drafts.Load(ctx, id); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("want ErrNoDraft before saving, got %v", err)
	}
	d := signup.Draft{Details: signup.Details{FirstName: "Ada", ManualGroups: []int64{1, 2}, Address: signup.Address{City: "Oakland"}, AcceptTerms: true}}
	if err := drafts.Save(ctx, id, d); err != nil {
		t.Fatal(err)
	}
	d.Details.LastName = "Lovelace"
	d.Documents = []signup.Document{{Type: "state_id", File: "F.jpg", FieldID: 9}}
	d.CustomerID = 4
	if err := drafts.Save(ctx, id, d); err != nil {
		t.Fatal(err)
	}
	got, err := drafts.Load(ctx, id)
	if err != nil || got.Details.FirstName != "Ada" || got.Details.LastName != "Lovelace" || got.Details.Address.City != "Oakland" ||
		len(got.Details.ManualGroups) != 2 || !got.Details.AcceptTerms || got.CustomerID != 4 || len(got.Documents) != 1 || got.Documents[0].FieldID != 9 {
		t.Fatalf("load: %+v, %v", got, err)
	}

	if _, err := drafts.Claim(ctx, id); err != nil {
		t.Fatalf("claim: %v", err)
	}
	if _, err := drafts.Claim(ctx, id); !errors.Is(err, ErrDraftBusy) {
		t.Fatalf("second claim: want ErrDraftBusy, got %v", err)
	}
	if err := drafts.Release(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := drafts.Claim(ctx, id); err != nil {
		t.Fatalf("claim after release: %v", err)
	}
	now = now.Add(3 * time.Minute)
	if _, err := drafts.Claim(ctx, id); err != nil {
		t.Fatalf("an abandoned claim should lapse: %v", err)
	}

	if err := drafts.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := drafts.Load(ctx, id); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("want ErrNoDraft after delete, got %v", err)
	}
	if _, err := drafts.Claim(ctx, id); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("claim of a deleted draft: want ErrNoDraft, got %v", err)
	}
}

func TestDraftsExpire(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	drafts := NewDrafts(db, 30*time.Minute)
	drafts.now = func() time.Time { return now }
	old, fresh := NewDraftID(), NewDraftID()
	if err := drafts.Save(ctx, old, signup.Draft{Details: signup.Details{FirstName: "Old"}, Documents: []signup.Document{{File: "OLD.jpg"}}}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(20 * time.Minute)
	if err := drafts.Save(ctx, fresh, signup.Draft{Details: signup.Details{FirstName: "Fresh"}, Documents: []signup.Document{{File: "FRESH.pdf"}}}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(11 * time.Minute)
	if _, err := drafts.Load(ctx, old); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("an expired draft must not load even before it is purged, got %v", err)
	}
	files, err := drafts.DeleteExpired(ctx)
	if err != nil || len(files) != 1 || files[0] != "OLD.jpg" {
		t.Fatalf("purge must answer the expired draft's files: %v, %v", files, err)
	}
	if got, err := drafts.Load(ctx, fresh); err != nil || got.Details.FirstName != "Fresh" {
		t.Fatalf("fresh draft: %+v, %v", got, err)
	}
	if live, err := drafts.Files(ctx); err != nil || len(live) != 1 || live[0] != "FRESH.pdf" {
		t.Fatalf("live files: %v, %v", live, err)
	}
}

func TestConcurrentClaimsLetOneThrough(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	drafts := NewDrafts(db, time.Hour)
	id := NewDraftID()
	if err := drafts.Save(ctx, id, signup.Draft{Details: signup.Details{FirstName: "Once"}}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, busy := 0, 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := drafts.Claim(ctx, id)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, ErrDraftBusy):
				busy++
			default:
				t.Errorf("claim: %v", err)
			}
		}()
	}
	wg.Wait()
	if won != 1 || busy != 7 {
		t.Fatalf("want one claim to win and seven to be told busy, got %d and %d", won, busy)
	}
}

// A deleted draft leaves no trace of its details in the database file.
func TestDeletedDraftsAreOverwritten(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	drafts := NewDrafts(db, time.Hour)
	id := NewDraftID()
	marker := "Zebulon-Quixote-7731"
	if err := drafts.Save(ctx, id, signup.Draft{Details: signup.Details{LastName: marker}}); err != nil {
		t.Fatal(err)
	}
	if err := drafts.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte(marker)) {
			t.Fatalf("%s still holds the deleted draft's details", filepath.Base(f))
		}
	}
}

func TestReopenKeepsDataAndRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	drafts := NewDrafts(db, time.Hour)
	id := NewDraftID()
	if err := drafts.Save(ctx, id, signup.Draft{Details: signup.Details{FirstName: "Kept"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	again, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if got, err := NewDrafts(again, time.Hour).Load(ctx, id); err != nil || got.Details.FirstName != "Kept" {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	if err := again.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := again.sql.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	again.Close()
	if _, err := Open(ctx, path); err == nil {
		t.Fatal("a database from a newer version must not be opened")
	}
}
