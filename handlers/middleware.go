package handlers

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// contentSecurityPolicy allows nothing but the app's own scripts, styles and forms: no inline script, no
// third party, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// securityHeaders sets the headers every answer carries. Pages may show customer data, so none of them
// may be stored by the browser or a proxy: the Back button on a shared tablet must not bring the last
// customer's details back. Only the content-hashed static assets are cached.
func securityHeaders(https bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if https {
				h.Set("Strict-Transport-Security", "max-age=31536000")
			}
			if !isStatic(c) {
				h.Set("Cache-Control", "no-store")
			}
			return next(c)
		}
	}
}

// requestLog logs one line per request: the route pattern, never the path or query, so that no customer
// data reaches the log even if a URL ever carried some.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		Skipper:      isStatic,
		LogStatus:    true,
		LogLatency:   true,
		LogMethod:    true,
		LogRoutePath: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			log.Info("request",
				"request_id", requestID(c),
				"method", v.Method,
				"route", v.RoutePath,
				"status", v.Status,
				"duration_ms", float64(v.Latency.Microseconds())/1000,
			)
			return nil
		},
	})
}

// limitUploads bounds document uploads: each body to limit bytes, and how many are read at once to
// slots, so that the memory photos take stays bounded however many arrive together. One announced as
// too large is refused before it is read, with words the customer can act on; one that runs over while
// being read stops there; one that waits longer than wait for its turn is asked to try again.
func limitUploads(limit int64, slots int, wait time.Duration) echo.MiddlewareFunc {
	inFlight := make(chan struct{}, max(slots, 1))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !isUpload(c) {
				return next(c)
			}
			if c.Request().ContentLength > limit {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, tooLargeMessage(limit))
			}
			timer := time.NewTimer(wait)
			defer timer.Stop()
			select {
			case inFlight <- struct{}{}:
				defer func() { <-inFlight }()
			case <-timer.C:
				return echo.NewHTTPError(http.StatusServiceUnavailable, "Many photos are arriving at once. Please go back and add yours again in a moment.")
			case <-c.Request().Context().Done():
				return c.Request().Context().Err()
			}
			c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, limit)
			return next(c)
		}
	}
}

func tooLargeMessage(max int64) string {
	return fmt.Sprintf("That was more than %d MB in one go. Please add one photo or file at a time.", max>>20)
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}
