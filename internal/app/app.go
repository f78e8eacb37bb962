// Package app builds Intake from its settings: logger, storage, the IndicaOnline client (or the built-in
// sandbox), the caches and the HTTP handler. It is the one place that knows how the parts fit.
package app

import (
	"context"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"intake/handlers"
	"intake/internal/config"
	"intake/internal/document"
	"intake/internal/filestore"
	"intake/internal/groups"
	"intake/internal/indica"
	"intake/internal/keyfile"
	"intake/internal/sandbox"
	"intake/internal/signup"
	"intake/internal/store"
	"intake/views"
)

// janitorInterval is how often expired drafts are deleted.
const janitorInterval = time.Minute

// App is a built Intake, ready to serve.
type App struct {
	cfg     config.Config
	log     *slog.Logger
	db      *store.DB
	drafts  *store.Drafts
	files   *filestore.Store
	groups  *groups.Cache
	client  *indica.Client
	sandbox *sandbox.Server
	sbKey   string
	handler http.Handler

	stop context.CancelFunc
	wg   sync.WaitGroup
}

// New builds the app from cfg and starts its background work (group refresh, draft clean-up), which
// Close stops.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	a := &App{cfg: cfg, log: log}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	var err error
	if a.db, err = store.Open(ctx, filepath.Join(cfg.DataDir, "intake.db")); err != nil {
		return nil, err
	}
	if err := a.connectIndica(); err != nil {
		a.Close()
		return nil, err
	}
	hashKey, err := keyfile.LoadOrCreate(filepath.Join(cfg.DataDir, "session-hash.key"), 64)
	if err != nil {
		a.Close()
		return nil, err
	}
	blockKey, err := keyfile.LoadOrCreate(filepath.Join(cfg.DataDir, "session-block.key"), 32)
	if err != nil {
		a.Close()
		return nil, err
	}

	if a.files, err = filestore.Open(cfg.Documents.UploadsDir); err != nil {
		a.Close()
		return nil, err
	}
	a.drafts = store.NewDrafts(a.db, cfg.Kiosk.DraftTTL)
	a.groups = groups.NewCache(a.client, cfg.Indica.GroupsRefresh, log)
	deps := handlers.Deps{
		Log:           log,
		Site:          views.Site{StoreName: cfg.Store.Name, Sandbox: cfg.UsesSandbox()},
		Sessions:      handlers.NewCookieStore(hashKey, blockKey, cfg.Session.SecureCookie),
		SecureCookies: cfg.Session.SecureCookie,
		Drafts:        a.drafts,
		Customers:     a.client,
		Rules: signup.Policy{
			CustomerTypes:      indica.CustomerTypes(cfg.Store.State),
			MinAgeRecreational: cfg.MinAgeRecreational(),
			MinAgeMedical:      cfg.Store.MinAgeMedical,
			Location:           cfg.Location(),
			Groups:             a.groups,
		},
		Ready: []handlers.ReadinessCheck{
			{Name: "storage", Check: a.db.Ping},
			{Name: "indica", Check: func(ctx context.Context) error { _, err := a.client.CustomerGroups(ctx); return err }},
		},
		Documents: handlers.DocumentSettings{
			Normalizer: document.New(document.Options{
				MaxBytes:      int64(cfg.Documents.MaxUploadMB) << 20,
				MaxPixels:     cfg.Documents.MaxMegapixels * 1_000_000,
				MaxEdge:       cfg.Documents.MaxEdge,
				JPEGQuality:   cfg.Documents.JPEGQuality,
				MaxPDFPages:   cfg.Documents.MaxPDFPages,
				MaxDecodes:    cfg.Documents.MaxDecodes,
				ThumbnailEdge: 240,
			}),
			Files:          a.files,
			MaxUploadBytes: int64(cfg.Documents.MaxUploadMB) << 20,
			MaxEdge:        cfg.Documents.MaxEdge,
			// Twice the decodes: while some photos decode, as many more can arrive, and no more.
			MaxUploads:     2 * cfg.Documents.MaxDecodes,
			UploadWait:     30 * time.Second,
			RequireID:      cfg.Documents.RequireID,
			RequireMedical: cfg.Documents.RequireMedical,
		},
		Kiosk:    handlers.KioskSettings{DoneAfter: cfg.Kiosk.DoneAfter, IdleTimeout: cfg.Kiosk.IdleTimeout, IdleGrace: cfg.Kiosk.IdleGrace},
		Location: cfg.Location(),
	}
	if cfg.UsesSandbox() {
		deps.SandboxCustomers = a.client
	}
	a.handler = handlers.New(deps)
	a.startBackground()
	return a, nil
}

// connectIndica makes the IndicaOnline client; with no base URL it first starts the built-in sandbox on
// a loopback port, with a key generated on first start and kept in the data folder.
func (a *App) connectIndica() error {
	baseURL, key := a.cfg.Indica.BaseURL, a.cfg.Indica.APIKey
	if a.cfg.UsesSandbox() {
		dir := filepath.Join(a.cfg.DataDir, "sandbox")
		raw, err := keyfile.LoadOrCreate(filepath.Join(dir, "api.key"), 24)
		if err != nil {
			return err
		}
		a.sbKey = hex.EncodeToString(raw)
		sb, err := sandbox.New(sandbox.Options{
			APIKey:    a.sbKey,
			KeyHeader: a.cfg.Indica.APIKeyHeader,
			State:     a.cfg.Store.State,
			Tariff:    a.cfg.Sandbox.Tariff,
			DataDir:   dir,
		})
		if err != nil {
			return err
		}
		if a.sandbox, err = sandbox.Listen("127.0.0.1:0", sb); err != nil {
			return fmt.Errorf("start the sandbox: %w", err)
		}
		baseURL, key = a.sandbox.URL(), a.sbKey
		a.log.Info("running on the built-in sandbox; nothing reaches IndicaOnline", "sandbox_url", baseURL)
	}
	var err error
	a.client, err = indica.New(baseURL, key,
		indica.WithAPIKeyHeader(a.cfg.Indica.APIKeyHeader),
		indica.WithTimeout(a.cfg.Indica.Timeout),
		indica.WithUserAgent("Intake"))
	return err
}

func (a *App) startBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	a.stop = cancel
	a.wg.Add(2)
	go func() { defer a.wg.Done(); a.groups.Run(ctx) }()
	go func() { defer a.wg.Done(); a.cleanDrafts(ctx) }()
}

// cleanDrafts deletes abandoned signups and their documents once they expire, and any document file
// that no draft holds any more (what a crash may leave): customer data is kept no longer than needed.
func (a *App) cleanDrafts(ctx context.Context) {
	ticker := time.NewTicker(janitorInterval)
	defer ticker.Stop()
	for {
		if err := a.cleanOnce(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("expired drafts not cleaned up", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func (a *App) cleanOnce(ctx context.Context) error {
	expired, err := a.drafts.DeleteExpired(ctx)
	if err != nil {
		return err
	}
	if err := a.files.Delete(expired...); err != nil {
		return err
	}
	live, err := a.drafts.Files(ctx)
	if err != nil {
		return err
	}
	kept := make(map[string]bool, len(live))
	for _, name := range live {
		kept[name] = true
	}
	orphans, err := a.files.Sweep(time.Now().Add(-a.cfg.Kiosk.DraftTTL), func(name string) bool { return kept[name] })
	if n := len(expired) + orphans; n > 0 {
		a.log.Info("expired documents deleted", "files", n)
	}
	return err
}

// Handler answers the app's HTTP handler.
func (a *App) Handler() http.Handler { return a.handler }

// Sandbox answers the in-process sandbox's URL and key, or empty strings when the app talks to IndicaOnline.
func (a *App) Sandbox() (url, key string) {
	if a.sandbox == nil {
		return "", ""
	}
	return a.sandbox.URL(), a.sbKey
}

// Close stops the background work and the sandbox and closes the database.
func (a *App) Close() error {
	if a.stop != nil {
		a.stop()
		a.wg.Wait()
	}
	if a.sandbox != nil {
		_ = a.sandbox.Close()
	}
	if a.db != nil {
		return a.db.Close()
	}
	return nil
}
