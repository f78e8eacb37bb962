package handlers

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"intake/views"
)

// render answers a page. It renders into a buffer first, so that a failing template becomes a clean
// error page instead of half a page.
func render(c echo.Context, status int, page templ.Component) error {
	var buf bytes.Buffer
	if err := page.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// redirect answers 303 See Other to a named route, so that reloading the next page never posts again.
func redirect(c echo.Context, route string, params ...any) error {
	return c.Redirect(http.StatusSeeOther, c.Echo().Reverse(route, params...))
}

// newPage answers the layout's view model for a page titled title.
func newPage(c echo.Context, site views.Site, title string) views.Page {
	token, _ := c.Get("csrf").(string)
	return views.Page{Site: site, Title: title, CSRF: token}
}
