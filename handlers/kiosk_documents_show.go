package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showKioskDocuments(site views.Site, sess kioskSession, drafts DraftStore, k KioskSettings, ds DocumentSettings) echo.HandlerFunc {
	return func(c echo.Context) error {
		step, _, draft, err := stepDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		return render(c, http.StatusOK, views.KioskDocuments(documentsPage(c, site, k, ds, step, draft, "")))
	}
}
