package handlers

import (
	"errors"

	"github.com/labstack/echo/v4"

	"intake/internal/store"
)

// cancelKiosk throws the signup in progress away and returns to the welcome screen: the customer chose
// to start over, or walked away and the idle timer chose for them.
func cancelKiosk(sess kioskSession, drafts DraftStore, files FileStore) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := discardDraft(c, sess, drafts, files); err != nil {
			return err
		}
		if err := sess.setDraftID(c, ""); err != nil {
			return err
		}
		return redirect(c, routeKiosk)
	}
}

// discardDraft deletes the signup in progress, if any, with its documents' files.
func discardDraft(c echo.Context, sess kioskSession, drafts DraftStore, files FileStore) error {
	id, draft, err := loadDraft(c, sess, drafts)
	if errors.Is(err, store.ErrNoDraft) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := drafts.Delete(c.Request().Context(), id); err != nil {
		return err
	}
	return files.Delete(draft.Files()...)
}
