package groups

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"intake/internal/indica"
)

type fakeSource struct {
	groups []indica.Group
	err    error
	calls  atomic.Int32
}

func (f *fakeSource) CustomerGroups(context.Context) ([]indica.Group, error) {
	f.calls.Add(1)
	return f.groups, f.err
}

func TestManualFetchesOnceThenServesFromMemory(t *testing.T) {
	src := &fakeSource{groups: []indica.Group{
		{ID: 1, Name: "Veterans", Type: indica.GroupManual},
		{ID: 2, Name: "Big spenders", Type: indica.GroupAutomatic},
		{ID: 3, Name: "Seniors", Type: indica.GroupManual},
	}}
	c := NewCache(src, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for range 3 {
		got, err := c.Manual(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != 1 || got[1].ID != 3 {
			t.Fatalf("want the two manual groups, got %+v", got)
		}
	}
	if src.calls.Load() != 1 {
		t.Fatalf("want one fetch, got %d", src.calls.Load())
	}
}

func TestFailedRefreshKeepsWhatIsKnown(t *testing.T) {
	src := &fakeSource{err: errors.New("down")}
	c := NewCache(src, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if _, err := c.Manual(context.Background()); err == nil {
		t.Fatal("with nothing known and the source down, Manual must fail")
	}
	src.err, src.groups = nil, []indica.Group{{ID: 7, Name: "Staff", Type: indica.GroupManual}}
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	src.err, src.groups = errors.New("down again"), nil
	if err := c.Refresh(context.Background()); err == nil {
		t.Fatal("refresh should report the failure")
	}
	got, err := c.Manual(context.Background())
	if err != nil || len(got) != 1 || got[0].ID != 7 {
		t.Fatalf("want the last known groups, got %+v, %v", got, err)
	}
}

func TestRunRefreshesUntilCancelled(t *testing.T) {
	src := &fakeSource{groups: []indica.Group{{ID: 1, Type: indica.GroupManual}}}
	c := NewCache(src, 10*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if calls := src.calls.Load(); calls >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Run fetched %d times in 5s", src.calls.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
}
