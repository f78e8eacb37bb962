package signup

import (
	"context"
	"time"

	"intake/internal/indica"
)

// GroupSource answers the store's manual customer groups.
type GroupSource interface {
	Manual(ctx context.Context) ([]indica.Group, error)
}

// Policy is the store's standing rules; Rules fills in today's date and the current groups.
type Policy struct {
	CustomerTypes      []string
	MinAgeRecreational int
	MinAgeMedical      int
	Location           *time.Location
	Groups             GroupSource
	Now                func() time.Time
}

// Rules answers the rules for a signup now. When the groups cannot be had, it answers the rules without
// groups together with the error, so a form can still be shown.
func (p Policy) Rules(ctx context.Context) (Rules, error) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	loc := p.Location
	if loc == nil {
		loc = time.Local
	}
	y, m, d := now().In(loc).Date()
	r := Rules{
		Today:              time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		CustomerTypes:      p.CustomerTypes,
		MinAgeRecreational: p.MinAgeRecreational,
		MinAgeMedical:      p.MinAgeMedical,
	}
	groups, err := p.Groups.Manual(ctx)
	r.ManualGroups = groups
	return r, err
}
