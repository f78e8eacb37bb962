// Package cli reads Intake's command line and runs the chosen command: serve (the default) or sandbox.
package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"intake/internal/app"
	"intake/internal/config"
	"intake/internal/indica"
	"intake/internal/sandbox"
)

const usage = `Intake signs up a dispensary's customers into IndicaOnline.

Usage:
  intake [serve] [--config FILE]   run the web app (the default command)
  intake sandbox [flags]           run the IndicaOnline sandbox on its own
  intake normalize IN OUT          normalise one document as uploads are, and say what was done
  intake help                      show this help

Settings come from built-in defaults, then the YAML file named by --config or INTAKE_CONFIG, then
INTAKE_<SECTION>_<KEY> environment variables; config.example.yaml documents every one. With no
IndicaOnline base URL set, serve runs the sandbox in-process.
`

// shutdownGrace is how long requests in flight may take to finish when the app is asked to stop.
const shutdownGrace = 10 * time.Second

// Run runs the command in args (without the program name) and answers the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stderr, lookupEnv)
	case "sandbox":
		return runSandbox(ctx, args, stdout, stderr)
	case "normalize":
		return normalize(ctx, args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "intake: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
}

func serve(ctx context.Context, args []string, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "YAML settings file (default: $INTAKE_CONFIG, else none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *configPath == "" {
		*configPath, _ = lookupEnv("INTAKE_CONFIG")
	}
	cfg, err := config.Load(*configPath, lookupEnv)
	if err != nil {
		fmt.Fprintf(stderr, "intake: cannot start, the settings need attention:\n  %s\n", strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return 2
	}
	log := newLogger(cfg.Log, stderr)

	a, err := app.New(ctx, cfg, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		return 1
	}
	defer a.Close()

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		log.Error("cannot listen", "listen", cfg.Listen, "err", err)
		return 1
	}
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // document uploads over a slow store Wi-Fi
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("Intake is ready", "url", "http://"+ln.Addr().String(), "store", cfg.Store.Name, "state", cfg.Store.State, "sandbox", cfg.UsesSandbox())

	select {
	case err := <-served:
		log.Error("server stopped", "err", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("stopping; letting requests in flight finish")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("stopped before every request finished", "err", err)
		return 1
	}
	return 0
}

func runSandbox(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:9090", "address to listen on")
	opts := sandbox.Options{}
	fs.StringVar(&opts.APIKey, "api-key", "", "API key clients must send (default: a new random key, printed)")
	fs.StringVar(&opts.KeyHeader, "api-key-header", indica.DefaultAPIKeyHeader, "header that carries the API key")
	fs.StringVar(&opts.State, "state", "CA", "the store's two-letter state or province, deciding the customer types")
	fs.StringVar(&opts.Tariff, "tariff", sandbox.TariffPro, "pro or basic; basic answers 403 to patch and the single-customer reads")
	fs.StringVar(&opts.DataDir, "data-dir", "", "folder that keeps customers and files across restarts (default: memory only)")
	fs.DurationVar(&opts.Latency, "latency", 0, "delay added to every API request, such as 300ms")
	fs.Float64Var(&opts.FailRate, "fail-rate", 0, "share of API requests answered 500, from 0 to 1")
	fs.Float64Var(&opts.ThrottleRate, "throttle-rate", 0, "share of API requests answered 429 with Retry-After, from 0 to 1")
	fs.Float64Var(&opts.DropRate, "drop-rate", 0, "share of creates committed but never answered, from 0 to 1")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if opts.APIKey == "" {
		opts.APIKey = rand.Text()
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "intake sandbox: %v\n", err)
		return 2
	}
	srv, err := sandbox.Listen(*listen, sb)
	if err != nil {
		fmt.Fprintf(stderr, "intake sandbox: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "IndicaOnline sandbox listening on %s (state %s, %s tariff)\nAPI key (header %s): %s\n",
		srv.URL(), strings.ToUpper(opts.State), opts.Tariff, opts.KeyHeader, opts.APIKey)
	<-ctx.Done()
	if err := srv.Close(); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "intake sandbox: %v\n", err)
		return 1
	}
	return 0
}

func newLogger(cfg config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Level)) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
