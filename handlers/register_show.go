package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showRegister(site views.Site) echo.HandlerFunc {
	return func(c echo.Context) error {
		return render(c, http.StatusOK, views.Message(views.MessagePage{
			Page:    newPage(c, site, "Pre-register"),
			Heading: "Pre-register before your visit",
			Message: "Online pre-registration is coming soon. Until then, please sign up at the kiosk when you visit.",
			BackURL: "/", BackLabel: "Back to the start",
		}))
	}
}
