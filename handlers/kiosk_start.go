package handlers

import (
	"github.com/labstack/echo/v4"

	"intake/internal/signup"
	"intake/internal/store"
)

// startKiosk begins a fresh signup: whatever an earlier customer left unfinished is deleted first.
func startKiosk(sess kioskSession, drafts DraftStore) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if old := sess.draftID(c); old != "" {
			if err := drafts.Delete(ctx, old); err != nil {
				return err
			}
		}
		id := store.NewDraftID()
		if err := drafts.Save(ctx, id, signup.Details{}); err != nil {
			return err
		}
		if err := sess.setDraftID(c, id); err != nil {
			return err
		}
		return redirect(c, routeKioskDetails)
	}
}
