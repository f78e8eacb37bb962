package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

// showKioskDone thanks the customer and returns to the welcome screen after a few seconds. The status in
// the address only chooses the wording; nothing of the customer is on this page.
func showKioskDone(site views.Site, k KioskSettings) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := kioskPage(c, site, "You're signed up", k, false)
		p.Refresh = &views.Refresh{Seconds: int(k.DoneAfter.Seconds()), URL: c.Echo().Reverse(routeKiosk)}
		return render(c, http.StatusOK, views.KioskDone(views.DonePage{Page: p, Verified: c.QueryParam("status") == "verified"}))
	}
}
