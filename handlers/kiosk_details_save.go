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

// saveKioskDetails checks the details and keeps them in the draft. A draft that expired while the form
// was open is replaced, so what the customer typed is never lost.
func saveKioskDetails(site views.Site, sess kioskSession, drafts DraftStore, rules RulesSource, k KioskSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		details := parseDetails(c)
		r := currentRules(c, rules, log)
		if errs := details.Validate(r); len(errs) > 0 {
			return render(c, http.StatusUnprocessableEntity, views.Details(detailsPage(c, site, k, r, details, errs, "")))
		}
		id, draft, err := loadDraft(c, sess, drafts)
		if errors.Is(err, store.ErrNoDraft) {
			id, draft = store.NewDraftID(), signup.Draft{}
			if err := sess.setDraftID(c, id); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		draft.Details = details
		if err := drafts.Save(c.Request().Context(), id, draft); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, c.Echo().Reverse(routeKioskDocuments, idStep.kind))
	}
}
