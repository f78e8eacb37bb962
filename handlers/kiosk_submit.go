package handlers

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"intake/internal/indica"
	"intake/internal/signup"
	"intake/internal/store"
	"intake/views"
)

// unreachableMessage is what a customer reads when IndicaOnline cannot take the signup now.
const unreachableMessage = "We couldn't finish signing you up just now. Please ask at the front desk: " +
	"your details are kept on this tablet for a little while, so nothing needs typing again."

// busyMessage is what a second tap on "Sign me up" reads while the first is still being sent.
const busyMessage = "We're already sending your details. Please wait a moment."

// submitKiosk sends the draft to IndicaOnline (documents, then the customer, then the rest of the
// documents), then deletes the draft and its files. A failure keeps the draft, with how far it got, for
// a retry that repeats nothing IndicaOnline already has.
func submitKiosk(site views.Site, sess kioskSession, drafts DraftStore, api signup.API, rules RulesSource, k KioskSettings, ds DocumentSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		id := sess.draftID(c)
		if id == "" {
			return redirect(c, routeKiosk)
		}
		draft, err := drafts.Claim(ctx, id)
		switch {
		case errors.Is(err, store.ErrNoDraft):
			return redirect(c, routeKiosk)
		case errors.Is(err, store.ErrDraftBusy):
			d, _ := drafts.Load(ctx, id)
			return render(c, http.StatusConflict, views.KioskReview(reviewPage(c, site, k, currentRules(c, rules, log), d, busyMessage)))
		case err != nil:
			return err
		}
		release := func() {
			if err := drafts.Release(ctx, id); err != nil {
				log.Error("draft not released", "request_id", requestID(c), "err", err)
			}
		}

		r := currentRules(c, rules, log)
		if draft.CustomerID == 0 {
			if errs := draft.Details.Validate(r); len(errs) > 0 {
				release()
				return render(c, http.StatusUnprocessableEntity, views.Details(detailsPage(c, site, k, r, draft.Details, errs, "")))
			}
			if step := firstIncomplete(c, draft, r, ds); step != "" {
				release()
				return c.Redirect(http.StatusSeeOther, step)
			}
		}
		save := func(d signup.Draft) error { return drafts.Save(ctx, id, d) }
		customerID, status, err := signup.Send(ctx, api, ds.Files, &draft, save)
		var invalid *indica.ValidationError
		switch {
		case errors.As(err, &invalid):
			release()
			errs, problem := fieldErrors(invalid)
			log.Warn("IndicaOnline refused the signup", "request_id", requestID(c), "fields", strings.Join(fieldNames(invalid), ","))
			if len(errs) == 0 {
				return render(c, http.StatusUnprocessableEntity, views.KioskReview(reviewPage(c, site, k, r, draft, problem)))
			}
			return render(c, http.StatusUnprocessableEntity, views.Details(detailsPage(c, site, k, r, draft.Details, errs, problem)))
		case err != nil:
			release()
			log.Error("signup not sent", "request_id", requestID(c), "reason", reason(err), "customer_id", draft.CustomerID, "err", err)
			return render(c, http.StatusServiceUnavailable, views.KioskReview(reviewPage(c, site, k, r, draft, unreachableMessage)))
		}

		log.Info("customer created", "request_id", requestID(c), "customer_id", customerID, "status", status, "documents", len(draft.Documents))
		if err := drafts.Delete(ctx, id); err != nil {
			log.Error("draft not deleted after the customer was created", "request_id", requestID(c), "err", err)
		}
		if err := ds.Files.Delete(draft.Files()...); err != nil {
			log.Error("documents not deleted after IndicaOnline took them", "request_id", requestID(c), "err", err)
		}
		if err := sess.setDraftID(c, ""); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, c.Echo().Reverse(routeKioskDone)+"?status="+strings.ToLower(status))
	}
}

// fieldErrors places IndicaOnline's messages next to the fields they are about; messages about anything
// else become one problem for the top of the page.
func fieldErrors(invalid *indica.ValidationError) (signup.Errors, string) {
	errs := signup.Errors{}
	var other []string
	for _, name := range fieldNames(invalid) {
		msg := strings.Join(invalid.Fields[name], "; ")
		if f, ok := signup.FieldForAPI(name); ok {
			errs.Add(f, "IndicaOnline says: "+msg)
		} else {
			other = append(other, name+": "+msg)
		}
	}
	problem := ""
	if len(other) > 0 {
		problem = "IndicaOnline did not accept the signup (" + strings.Join(other, "; ") + "). Please ask at the front desk."
	}
	return errs, problem
}

func fieldNames(invalid *indica.ValidationError) []string {
	names := make([]string, 0, len(invalid.Fields))
	for name := range invalid.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// reason names, for the log, why IndicaOnline did not take a signup.
func reason(err error) string {
	for _, r := range []struct {
		err  error
		name string
	}{
		{indica.ErrUnavailable, "unreachable or timed out (the step may have been done)"},
		{indica.ErrRateLimited, "rate limited"},
		{indica.ErrServer, "server error"},
		{indica.ErrUnauthorized, "API key refused"},
		{indica.ErrForbidden, "not allowed for this API key"},
		{indica.ErrInvalid, "refused as invalid, with no field named"},
	} {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return "unexpected answer"
}
