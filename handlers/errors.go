package handlers

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"intake/views"
)

// errorHandler turns every error a handler returns into a page, and logs it once: 5xx as errors,
// 4xx as warnings, with the request id the page shows.
func errorHandler(log *slog.Logger, site views.Site) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status := http.StatusInternalServerError
		message := "Something went wrong on our side. Please try again, or ask at the front desk."
		var he *echo.HTTPError
		if errors.As(err, &he) {
			status = he.Code
			message = publicMessage(he)
		}
		level := slog.LevelWarn
		if status >= 500 {
			level = slog.LevelError
		}
		log.Log(c.Request().Context(), level, "request failed",
			"request_id", requestID(c), "method", c.Request().Method, "route", c.Path(), "status", status, "err", err)

		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		p := views.MessagePage{
			Page:      newPage(c, site, http.StatusText(status)),
			Heading:   heading(status),
			Message:   message,
			RequestID: requestID(c),
			BackURL:   "/",
			BackLabel: "Go to the start",
		}
		switch path := c.Request().URL.Path; {
		case strings.HasPrefix(path, "/kiosk/documents/") && (status == http.StatusRequestEntityTooLarge || status == http.StatusServiceUnavailable):
			p.Page.Kiosk = true
			p.BackURL, p.BackLabel = path, "Back to the photos"
		case strings.HasPrefix(path, "/kiosk"):
			p.Page.Kiosk = true
			p.BackURL, p.BackLabel = "/kiosk", "Start again"
		}
		if err := render(c, status, views.Message(p)); err != nil {
			log.Error("error page failed", "request_id", requestID(c), "err", err)
			_ = c.String(status, message)
		}
	}
}

func heading(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusForbidden, http.StatusBadRequest:
		return "Please start again"
	case http.StatusRequestEntityTooLarge:
		return "That was too much to send"
	case http.StatusServiceUnavailable:
		return "Please try again in a moment"
	default:
		if status >= 500 {
			return "Sorry, something went wrong"
		}
		return http.StatusText(status)
	}
}

// publicMessage answers what a customer may read of an HTTP error. Echo's own texts for the statuses it
// raises itself are for developers, so those get plain words; the app's own 4xx messages are written for
// customers.
func publicMessage(he *echo.HTTPError) string {
	if msg, ok := he.Message.(string); ok && (he.Code < 500 || he.Code == http.StatusServiceUnavailable) && !strings.EqualFold(msg, http.StatusText(he.Code)) {
		return msg
	}
	switch he.Code {
	case http.StatusNotFound:
		return "There is no page at this address."
	case http.StatusRequestEntityTooLarge:
		return "The form was larger than this page accepts. Please go back and try again."
	case http.StatusMethodNotAllowed:
		return "This page can't be used that way. Please start from the beginning."
	}
	if he.Code < 500 {
		return "This page can't be used that way. Please start from the beginning."
	}
	return "Something went wrong on our side. Please try again, or ask at the front desk."
}

// csrfFailed answers a form that came without a valid token: an old page left open too long, or a post
// from another site. Either way the customer should simply start again.
func csrfFailed(err error, c echo.Context) error {
	return &echo.HTTPError{
		Code:     http.StatusForbidden,
		Message:  "This page had expired, so nothing was sent. Please start again.",
		Internal: err,
	}
}
