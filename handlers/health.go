package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// ReadinessCheck is one thing /readyz asks: Check answers nil when the part is ready.
type ReadinessCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// readinessTimeout bounds each check, so that a hung dependency makes /readyz answer "not ready" rather
// than hang the prober.
const readinessTimeout = 3 * time.Second

// showHealth answers that the process is alive; it checks nothing else, so a restart loop never starts
// because IndicaOnline is down.
func showHealth(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// showReadiness answers whether storage and IndicaOnline answer, 200 when all do and 503 otherwise.
func showReadiness(checks []ReadinessCheck) echo.HandlerFunc {
	return func(c echo.Context) error {
		results := make(map[string]string, len(checks))
		status := http.StatusOK
		for _, chk := range checks {
			ctx, cancel := context.WithTimeout(c.Request().Context(), readinessTimeout)
			err := chk.Check(ctx)
			cancel()
			if err != nil {
				results[chk.Name] = "failing: " + err.Error()
				status = http.StatusServiceUnavailable
				continue
			}
			results[chk.Name] = "ok"
		}
		state := "ready"
		if status != http.StatusOK {
			state = "not ready"
		}
		return c.JSON(status, map[string]any{"status": state, "checks": results})
	}
}
