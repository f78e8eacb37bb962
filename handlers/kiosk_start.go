package handlers

import (
	"github.com/labstack/echo/v4"

	"intake/internal/signup"
	"intake/internal/store"
)

// startKiosk begins a fresh signup: whatever an earlier customer left unfinished is deleted first.
func startKiosk(sess kioskSession, drafts DraftStore, files FileStore) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if err := discardDraft(c, sess, drafts, files); err != nil {
			return err
		}
		id := store.NewDraftID()
		if err := drafts.Save(ctx, id, signup.Draft{}); err != nil {
			return err
		}
		if err := sess.setDraftID(c, id); err != nil {
			return err
		}
		return redirect(c, routeKioskDetails)
	}
}
