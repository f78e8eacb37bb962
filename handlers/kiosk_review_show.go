package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/internal/signup"
	"intake/internal/store"
	"intake/views"
)

func showKioskReview(site views.Site, sess kioskSession, drafts DraftStore, rules RulesSource, k KioskSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		_, details, err := loadDraft(c, sess, drafts)
		if errors.Is(err, store.ErrNoDraft) {
			return redirect(c, routeKiosk)
		}
		if err != nil {
			return err
		}
		r := currentRules(c, rules, log)
		if len(details.Validate(r)) > 0 {
			return redirect(c, routeKioskDetails) // not filled in yet, or the store's rules changed meanwhile
		}
		return render(c, http.StatusOK, views.KioskReview(reviewPage(c, site, k, r, details, "")))
	}
}

func reviewPage(c echo.Context, site views.Site, k KioskSettings, r signup.Rules, details signup.Details, problem string) views.ReviewPage {
	return views.ReviewPage{
		Page:         kioskPage(c, site, "Check your details", k, true),
		Details:      details,
		GroupNames:   groupNames(details.ManualGroups, r.ManualGroups),
		Problem:      problem,
		EditURL:      c.Echo().Reverse(routeKioskDetails),
		SubmitAction: c.Echo().Reverse(routeKioskSubmit),
		CancelAction: c.Echo().Reverse(routeKioskCancel),
	}
}
