package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showKioskWelcome(site views.Site) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := kioskPage(c, site, "Welcome", KioskSettings{}, false)
		return render(c, http.StatusOK, views.KioskWelcome(p, c.Echo().Reverse(routeKioskStart)))
	}
}
