package handlers

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/internal/store"
	"intake/views"
)

// saveKioskDetails checks the details and keeps them in the draft. A draft that expired while the form
// was open is replaced, so what the customer typed is never lost.
func saveKioskDetails(site views.Site, sess kioskSession, drafts DraftStore, rules RulesSource, k KioskSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		details := parseDetails(c)
		r := currentRules(c, rules, log)
		if errs := details.Validate(r); len(errs) > 0 {
			return render(c, http.StatusUnprocessableEntity, views.Details(detailsPage(c, site, k, r, details, errs, "")))
		}
		id := sess.draftID(c)
		if id == "" {
			id = store.NewDraftID()
			if err := sess.setDraftID(c, id); err != nil {
				return err
			}
		}
		if err := drafts.Save(c.Request().Context(), id, details); err != nil {
			return err
		}
		return redirect(c, routeKioskReview)
	}
}
