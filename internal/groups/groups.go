// Package groups keeps the store's customer groups from IndicaOnline at hand, refreshed in the
// background, so that rendering a form never waits on the API once the groups are known.
package groups

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"intake/internal/indica"
)

// Source answers the store's customer groups.
type Source interface {
	CustomerGroups(ctx context.Context) ([]indica.Group, error)
}

// fetchTimeout bounds a fetch made while a page waits for it.
const fetchTimeout = 5 * time.Second

// Cache holds the last groups IndicaOnline answered.
type Cache struct {
	src     Source
	refresh time.Duration
	log     *slog.Logger

	mu     sync.Mutex
	groups []indica.Group
	known  bool
}

// NewCache answers an empty cache over src, refreshed every refresh by Run.
func NewCache(src Source, refresh time.Duration, log *slog.Logger) *Cache {
	return &Cache{src: src, refresh: refresh, log: log}
}

// Manual answers the manual groups, the only ones a customer may be put in. Until a first fetch has
// succeeded it fetches, and answers the error when that fails.
func (c *Cache) Manual(ctx context.Context) ([]indica.Group, error) {
	c.mu.Lock()
	groups, known := c.groups, c.known
	c.mu.Unlock()
	if !known {
		ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
		defer cancel()
		if err := c.Refresh(ctx); err != nil {
			return nil, err
		}
		c.mu.Lock()
		groups = c.groups
		c.mu.Unlock()
	}
	return slices.DeleteFunc(slices.Clone(groups), func(g indica.Group) bool { return g.Type != indica.GroupManual }), nil
}

// Refresh fetches the groups now. On failure the groups already known are kept.
func (c *Cache) Refresh(ctx context.Context) error {
	groups, err := c.src.CustomerGroups(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.groups, c.known = groups, true
	c.mu.Unlock()
	return nil
}

// Run refreshes the groups at once and then every refresh interval until ctx ends.
func (c *Cache) Run(ctx context.Context) {
	ticker := time.NewTicker(c.refresh)
	defer ticker.Stop()
	for {
		fetchCtx, cancel := context.WithTimeout(ctx, fetchTimeout)
		if err := c.Refresh(fetchCtx); err != nil && ctx.Err() == nil {
			c.log.Warn("customer groups not refreshed; keeping the last known", "err", err)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
