// Package handlers is Intake's HTTP layer: the routes table, the middleware, and one handler per file.
// Handlers parse, validate, call a domain package and render a view; they declare the few methods they
// need as small interfaces, so that tests can pass hand-written fakes.
package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"intake/internal/document"
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
	// Customers is IndicaOnline: upload, create, attach.
	Customers signup.API
	Rules     RulesSource
	Documents DocumentSettings
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
	Load(ctx context.Context, id string) (signup.Draft, error)
	Save(ctx context.Context, id string, d signup.Draft) error
	Claim(ctx context.Context, id string) (signup.Draft, error)
	Release(ctx context.Context, id string) error
	Delete(ctx context.Context, id string) error
}

// DocumentSettings are how the kiosk takes documents.
type DocumentSettings struct {
	Normalizer DocumentNormalizer
	Files      FileStore
	// MaxUploadBytes bounds one upload request.
	MaxUploadBytes int64
	// MaxEdge is the longest edge of a photo sent on; browsers scale to it before uploading.
	MaxEdge int
	// MaxUploads bounds how many upload requests are read at once, each holding up to MaxUploadBytes,
	// and UploadWait how long one waits for its turn before the customer is asked to try again.
	MaxUploads     int
	UploadWait     time.Duration
	RequireID      bool
	RequireMedical bool
}

// DocumentNormalizer turns a customer's photo or scan into what IndicaOnline accepts.
type DocumentNormalizer interface {
	Normalize(ctx context.Context, r io.Reader) (*document.Result, error)
}

// FileStore keeps documents waiting to be sent; filestore.Store is the real one.
type FileStore interface {
	Put(data []byte, ext string) (string, error)
	Open(name string) (io.ReadCloser, error)
	Delete(names ...string) error
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
	// Body limits come before CSRF, whose token lookup may read the body: photos get the document limit,
	// every other request the few kilobytes a form needs.
	e.Use(limitUploads(d.Documents.MaxUploadBytes, d.Documents.MaxUploads, d.Documents.UploadWait))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Skipper: isUpload, Limit: formBodyLimit}))
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

	kiosk := e.Group("/kiosk")
	kiosk.GET("", showKioskWelcome(d.Site)).Name = routeKiosk
	kiosk.POST("/start", startKiosk(sess, d.Drafts, d.Documents.Files)).Name = routeKioskStart
	kiosk.GET("/details", showKioskDetails(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Log)).Name = routeKioskDetails
	kiosk.POST("/details", saveKioskDetails(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Log))
	kiosk.POST("/documents/:kind", uploadKioskDocument(d.Site, sess, d.Drafts, d.Kiosk, d.Documents, d.Log)).Name = routeKioskDocumentUpload
	kiosk.GET("/documents/:kind", showKioskDocuments(d.Site, sess, d.Drafts, d.Kiosk, d.Documents)).Name = routeKioskDocuments
	kiosk.POST("/documents/:kind/remove", removeKioskDocument(d.Site, sess, d.Drafts, d.Kiosk, d.Documents)).Name = routeKioskDocumentRemove
	kiosk.POST("/documents/:kind/next", finishKioskDocuments(d.Site, sess, d.Drafts, d.Kiosk, d.Documents)).Name = routeKioskDocumentsNext
	kiosk.GET("/review", showKioskReview(d.Site, sess, d.Drafts, rules, d.Kiosk, d.Documents, d.Log)).Name = routeKioskReview
	kiosk.POST("/submit", submitKiosk(d.Site, sess, d.Drafts, d.Customers, rules, d.Kiosk, d.Documents, d.Log)).Name = routeKioskSubmit
	kiosk.GET("/done", showKioskDone(d.Site, d.Kiosk)).Name = routeKioskDone
	kiosk.POST("/cancel", cancelKiosk(sess, d.Drafts, d.Documents.Files)).Name = routeKioskCancel
	return e
}

// Route names, for redirects and links.
const (
	routeKiosk        = "kiosk"
	routeKioskStart   = "kiosk.start"
	routeKioskDetails = "kiosk.details"
	routeKioskReview  = "kiosk.review"

	routeKioskDocuments      = "kiosk.documents"
	routeKioskDocumentUpload = "kiosk.documents.upload"
	routeKioskDocumentRemove = "kiosk.documents.remove"
	routeKioskDocumentsNext  = "kiosk.documents.next"
	routeKioskSubmit         = "kiosk.submit"
	routeKioskDone           = "kiosk.done"
	routeKioskCancel         = "kiosk.cancel"
)

// isUpload reports whether the request sends documents, the one kind of request with a large body.
func isUpload(c echo.Context) bool {
	return c.Request().Method == http.MethodPost && c.Path() == "/kiosk/documents/:kind"
}

func isStatic(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, static.Prefix)
}
