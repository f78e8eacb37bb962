package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"intake/views"
)

// removeKioskDocument takes one page away again, to retake it, and deletes its file.
func removeKioskDocument(site views.Site, sess kioskSession, drafts DraftStore, k KioskSettings, ds DocumentSettings) echo.HandlerFunc {
	return func(c echo.Context) error {
		step, id, draft, err := stepDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		n, err := strconv.Atoi(c.FormValue("page"))
		rest, file, found := draft.WithoutDocument(step.docType, n)
		if err != nil || !found {
			return render(c, http.StatusUnprocessableEntity, views.KioskDocuments(documentsPage(c, site, k, ds, step, draft, "That page is not here any more.")))
		}
		if err := drafts.Save(c.Request().Context(), id, rest); err != nil {
			return err
		}
		if err := ds.Files.Delete(file); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, c.Echo().Reverse(routeKioskDocuments, step.kind))
	}
}
