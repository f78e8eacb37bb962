package handlers

import (
	"net/http"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
)

// sessionName names the cookie. It holds the id of the signup in progress and nothing else: the details
// themselves stay on the server.
const sessionName = "intake"

const draftKey = "draft"

// kioskSession reads and writes the draft id in the cookie session.
type kioskSession struct {
	store sessions.Store
}

// draftID answers the id of the signup in progress, or "" when there is none.
func (s kioskSession) draftID(c echo.Context) string {
	sess, err := s.store.Get(c.Request(), sessionName)
	if err != nil {
		return "" // a cookie from old keys or tampered with: as good as none
	}
	id, _ := sess.Values[draftKey].(string)
	return id
}

func (s kioskSession) setDraftID(c echo.Context, id string) error {
	sess, _ := s.store.Get(c.Request(), sessionName)
	if id == "" {
		delete(sess.Values, draftKey)
	} else {
		sess.Values[draftKey] = id
	}
	return sess.Save(c.Request(), c.Response())
}

// NewCookieStore answers the cookie store for the session: signed and encrypted with the given keys,
// HttpOnly and SameSite=Lax (gorilla's defaults are neither), Secure when the app is served over HTTPS.
func NewCookieStore(hashKey, blockKey []byte, secure bool) *sessions.CookieStore {
	cs := sessions.NewCookieStore(hashKey, blockKey)
	cs.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   12 * 60 * 60,
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
	return cs
}
