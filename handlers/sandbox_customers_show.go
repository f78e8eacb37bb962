package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"intake/internal/indica"
	"intake/views"
)

// sandboxWindow is how far back the sandbox page looks.
const sandboxWindow = 30 * 24 * time.Hour

// showSandboxCustomers shows what the built-in sandbox holds, so that a demo can see its signups arrive.
// It exists only while the app runs on the sandbox, whose customers are not real.
func showSandboxCustomers(site views.Site, customers CustomerLister, loc *time.Location) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := views.SandboxPage{Page: newPage(c, site, "Sandbox customers")}
		now := time.Now().In(loc)
		page, err := customers.ListCustomers(c.Request().Context(), indica.CustomerQuery{Start: now.Add(-sandboxWindow), End: now.Add(24 * time.Hour)})
		if err != nil {
			p.Problem = "The sandbox did not answer: " + err.Error()
			return render(c, http.StatusBadGateway, views.SandboxCustomers(p))
		}
		p.Total = page.Total
		for _, cu := range page.Items {
			p.Customers = append(p.Customers, views.SandboxCustomer{
				ID:        cu.ID,
				Name:      strings.Join(strings.Fields(cu.FirstName+" "+cu.MiddleName+" "+cu.LastName), " "),
				Status:    cu.Status,
				Type:      cu.Type,
				Documents: len(cu.Documents),
				Created:   cu.CreatedAt.In(loc).Format("2006-01-02 15:04"),
			})
		}
		return render(c, http.StatusOK, views.SandboxCustomers(p))
	}
}
