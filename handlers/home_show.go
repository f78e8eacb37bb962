package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/views"
)

func showHome(site views.Site) echo.HandlerFunc {
	return func(c echo.Context) error {
		return render(c, http.StatusOK, views.Home(views.HomePage{Page: newPage(c, site, "Welcome")}))
	}
}
