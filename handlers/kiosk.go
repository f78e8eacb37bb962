package handlers

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"intake/internal/indica"
	"intake/internal/region"
	"intake/internal/signup"
	"intake/internal/store"
	"intake/views"
)

// kioskPage answers the layout model of a kiosk step: large, and with the idle timer when the step
// shows or collects a customer's details.
func kioskPage(c echo.Context, site views.Site, title string, k KioskSettings, withIdleTimer bool) views.Page {
	p := newPage(c, site, title)
	p.Kiosk = true
	if withIdleTimer {
		p.IdleSeconds = int(k.IdleTimeout.Seconds())
		p.IdleGraceSeconds = int(k.IdleGrace.Seconds())
	}
	return p
}

// currentRules answers the store's rules; when the groups cannot be had, the form goes on without them
// and the log says why.
func currentRules(c echo.Context, rules RulesSource, log *slog.Logger) signup.Rules {
	r, err := rules.Rules(c.Request().Context())
	if err != nil {
		log.Warn("customer groups unavailable; showing the form without them", "request_id", requestID(c), "err", err)
	}
	return r
}

// detailsPage answers the details form's model for the given values and messages.
func detailsPage(c echo.Context, site views.Site, k KioskSettings, r signup.Rules, values signup.Details, errs signup.Errors, problem string) views.DetailsPage {
	groups := make([]signup.Option, len(r.ManualGroups))
	for i, g := range r.ManualGroups {
		groups[i] = signup.Option{Value: strconv.FormatInt(g.ID, 10), Label: g.Name}
	}
	return views.DetailsPage{
		Page:         kioskPage(c, site, "Your details", k, true),
		Action:       c.Echo().Reverse(routeKioskDetails),
		CancelAction: c.Echo().Reverse(routeKioskCancel),
		Values:       values,
		Errors:       errs,
		Problem:      problem,
		Types:        signup.TypeOptions(r.CustomerTypes),
		Genders:      signup.GenderOptions(),
		Groups:       groups,
		Regions:      region.All,
		Today:        r.Today.Format(indica.DateLayout),
		SharedDevice: true,
	}
}

// parseDetails reads the details form. Checkboxes count as ticked with any value; a group that is not
// a number becomes -1, which no store has, so validation refuses it.
func parseDetails(c echo.Context) signup.Details {
	form, _ := c.FormParams()
	get := func(f signup.Field) string { return form.Get(string(f)) }
	ticked := func(f signup.Field) bool { return form.Get(string(f)) != "" }
	d := signup.Details{
		FirstName:                get(signup.FirstName),
		MiddleName:               get(signup.MiddleName),
		LastName:                 get(signup.LastName),
		DateOfBirth:              get(signup.DateOfBirth),
		Gender:                   get(signup.Gender),
		Type:                     get(signup.Type),
		Phone:                    get(signup.Phone),
		Email:                    get(signup.Email),
		StateID:                  get(signup.StateID),
		StateIDExpiresOn:         get(signup.StateIDExpiresOn),
		HasMedicalRecommendation: ticked(signup.HasMedicalRecommendation),
		Address: signup.Address{
			Street: get(signup.AddressStreet),
			City:   get(signup.AddressCity),
			State:  get(signup.AddressState),
			Zip:    get(signup.AddressZip),
		},
		AcceptsMarketingEmail: ticked(signup.AcceptsMarketingEmail),
		AcceptsMarketingSMS:   ticked(signup.AcceptsMarketingSMS),
		AcceptsMarketingMail:  ticked(signup.AcceptsMarketingMail),
		AcceptsMarketingCalls: ticked(signup.AcceptsMarketingCalls),
		AcceptTerms:           ticked(signup.AcceptTerms),
	}
	for _, v := range form[string(signup.ManualGroups)] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			id = -1
		}
		d.ManualGroups = append(d.ManualGroups, id)
	}
	return d.Clean()
}

// groupNames answers the names of the chosen groups, for the review.
func groupNames(ids []int64, groups []indica.Group) []string {
	var names []string
	for _, g := range groups {
		for _, id := range ids {
			if g.ID == id {
				names = append(names, g.Name)
			}
		}
	}
	return names
}

// orWelcome answers err, except that a missing draft sends the visitor back to the welcome screen: the
// signup was finished, abandoned or never started.
func orWelcome(c echo.Context, err error) error {
	if errors.Is(err, store.ErrNoDraft) {
		return redirect(c, routeKiosk)
	}
	return err
}

// loadDraft answers the id and the draft of the signup in progress, or store.ErrNoDraft when there is none.
func loadDraft(c echo.Context, sess kioskSession, drafts DraftStore) (string, signup.Draft, error) {
	id := sess.draftID(c)
	if id == "" {
		return "", signup.Draft{}, store.ErrNoDraft
	}
	d, err := drafts.Load(c.Request().Context(), id)
	return id, d, err
}
