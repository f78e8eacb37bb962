package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showStaff(site views.Site) echo.HandlerFunc {
	return func(c echo.Context) error {
		return render(c, http.StatusOK, views.Message(views.MessagePage{
			Page:    newPage(c, site, "Staff console"),
			Heading: "Staff console",
			Message: "The staff console is coming soon: finding, correcting and verifying customers.",
			BackURL: "/", BackLabel: "Back to the start",
		}))
	}
}
