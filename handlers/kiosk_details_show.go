package handlers

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showKioskDetails(site views.Site, sess kioskSession, drafts DraftStore, rules RulesSource, k KioskSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		_, draft, err := loadDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		r := currentRules(c, rules, log)
		return render(c, http.StatusOK, views.Details(detailsPage(c, site, k, r, draft.Details, nil, "")))
	}
}
