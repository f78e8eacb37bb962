package handlers

import (
	"github.com/labstack/echo/v4"
)

// cancelKiosk throws the signup in progress away and returns to the welcome screen: the customer chose
// to start over, or walked away and the idle timer chose for them.
func cancelKiosk(sess kioskSession, drafts DraftStore) echo.HandlerFunc {
	return func(c echo.Context) error {
		if id := sess.draftID(c); id != "" {
			if err := drafts.Delete(c.Request().Context(), id); err != nil {
				return err
			}
		}
		if err := sess.setDraftID(c, ""); err != nil {
			return err
		}
		return redirect(c, routeKiosk)
	}
}
