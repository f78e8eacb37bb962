package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

// finishKioskDocuments moves on from a document step, once it has what the store requires.
func finishKioskDocuments(site views.Site, sess kioskSession, drafts DraftStore, k KioskSettings, ds DocumentSettings) echo.HandlerFunc {
	return func(c echo.Context) error {
		step, _, draft, err := stepDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		if step.required(draft, ds) && len(draft.Of(step.docType)) == 0 {
			problem := "Please add a photo of your ID to go on. If you can't, ask at the front desk."
			if step == medicalStep {
				problem = "Please add a photo or PDF of your medical recommendation to go on. If you can't, ask at the front desk."
			}
			return render(c, http.StatusUnprocessableEntity, views.KioskDocuments(documentsPage(c, site, k, ds, step, draft, problem)))
		}
		return c.Redirect(http.StatusSeeOther, nextAfter(c, step, draft))
	}
}
