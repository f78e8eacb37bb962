// Package handlers is Intake's HTTP layer: the routes table, the middleware, and one handler per file.
// Handlers parse, validate, call a domain package and render a view; they declare the few methods they
// need as small interfaces, so that tests can pass hand-written fakes.
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"intake/internal/indica"
	"intake/internal/signup"
	"intake/static"
	"intake/views"
)

// Deps are what the handlers need from the rest of the app.
type Deps struct {
	Log  *slog.Logger
	Site views.Site
	// Sessions keeps the cookie session, which holds a draft id and nothing else.
	Sessions      sessions.Store
	SecureCookies bool
	Drafts        DraftStore
	Customers     CustomerCreator
	Rules         RulesSource
	// Ready lists what /readyz checks.
	Ready []ReadinessCheck
	Kiosk KioskSettings
	// SandboxCustomers lists the sandbox's customers; nil when the app talks to IndicaOnline.
	SandboxCustomers CustomerLister
	Location         *time.Location
}

// KioskSettings are the kiosk's timings.
type KioskSettings struct {
	DoneAfter   time.Duration
	IdleTimeout time.Duration
	IdleGrace   time.Duration
}

// DraftStore keeps signups in progress; store.Drafts is the real one.
type DraftStore interface {
	Load(ctx context.Context, id string) (signup.Details, error)
	Save(ctx context.Context, id string, d signup.Details) error
	Claim(ctx context.Context, id string) (signup.Details, error)
	Release(ctx context.Context, id string) error
	Delete(ctx context.Context, id string) error
}

// CustomerCreator creates customers in IndicaOnline.
type CustomerCreator interface {
	CreateCustomer(ctx context.Context, nc indica.NewCustomer) (*indica.Customer, error)
}

// CustomerLister lists customers by the day they were created.
type CustomerLister interface {
	ListCustomers(ctx context.Context, q indica.CustomerQuery) (*indica.CustomerPage, error)
}

// RulesSource answers the store's rules for a signup now.
type RulesSource interface {
	Rules(ctx context.Context) (signup.Rules, error)
}

// formBodyLimit bounds a form post; a form of details is a few kilobytes.
const formBodyLimit = "64K"

// New answers the app's HTTP handler: middleware, then every route. Read it top to bottom to learn the app.
func New(d Deps) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The app answers browsers directly; a proxy in front would need ExtractIPFromXFFHeader and its address.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = errorHandler(d.Log, d.Site)

	// Order matters: recover first so a panic anywhere becomes a 500 page; the request id before the log
	// so every line carries it; CSRF last, after the request is known to be worth checking.
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			d.Log.Error("panic", "request_id", requestID(c), "err", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(securityHeaders(d.SecureCookies))
	e.Use(middleware.RequestID())
	e.Use(requestLog(d.Log))
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		Skipper:        func(c echo.Context) bool { return isStatic(c) },
		TokenLookup:    "form:_csrf",
		CookieName:     "_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   d.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		ErrorHandler:   csrfFailed,
	}))

	sess := kioskSession{store: d.Sessions}
	rules := d.Rules

	e.GET(static.Prefix+"*", echo.WrapHandler(static.Handler()))
	e.GET("/healthz", showHealth)
	e.GET("/readyz", showReadiness(d.Ready))
	e.GET("/", showHome(d.Site)).Name = "home"
	e.GET("/register", showRegister(d.Site)).Name = "register"
	e.GET("/staff", showStaff(d.Site)).Name = "staff"
	if d.SandboxCustomers != nil {
		e.GET("/sandbox", showSandboxCustomers(d.Site, d.SandboxCustomers, d.Location)).Name = "sandbox"
	}

	kiosk := e.Group("/kiosk", middleware.BodyLimit(formBodyLimit))
	kiosk.GET("", showKioskWelcome(d.Site)).Name = routeKiosk
	kiosk.POST("/start", startKiosk(sess, d.Drafts)).Name = routeKioskStart
	kiosk.GET("/details", showKioskDetails(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Log)).Name = routeKioskDetails
	kiosk.POST("/details", saveKioskDetails(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Log))
	kiosk.GET("/review", showKioskReview(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Log)).Name = routeKioskReview
	kiosk.POST("/submit", submitKiosk(d.Site, sess, d.Drafts, d.Customers, rules, d.Kiosk, d.Log)).Name = routeKioskSubmit
	kiosk.GET("/done", showKioskDone(d.Site, d.Kiosk)).Name = routeKioskDone
	kiosk.POST("/cancel", cancelKiosk(sess, d.Drafts)).Name = routeKioskCancel
	return e
}

// Route names, for redirects and links.
const (
	routeKiosk        = "kiosk"
	routeKioskStart   = "kiosk.start"
	routeKioskDetails = "kiosk.details"
	routeKioskReview  = "kiosk.review"
	routeKioskSubmit  = "kiosk.submit"
	routeKioskDone    = "kiosk.done"
	routeKioskCancel  = "kiosk.cancel"
)

func isStatic(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, static.Prefix)
}
