// Package config reads Intake's settings: built-in defaults, then a YAML file, then environment variables
// named INTAKE_<SECTION>_<KEY> (INTAKE_<KEY> for top-level keys). No secret has a default.
package config

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // a store's time zone must load on machines without a zoneinfo database

	"go.yaml.in/yaml/v3"

	"intake/internal/region"
)

// EnvPrefix starts every environment variable Intake reads.
const EnvPrefix = "INTAKE_"

// Config holds every setting. The yaml tags name the keys; the environment variables follow from them.
type Config struct {
	Listen    string    `yaml:"listen"`
	DataDir   string    `yaml:"data_dir"`
	Log       Log       `yaml:"log"`
	Indica    Indica    `yaml:"indica"`
	Sandbox   Sandbox   `yaml:"sandbox"`
	Store     Store     `yaml:"store"`
	Kiosk     Kiosk     `yaml:"kiosk"`
	Documents Documents `yaml:"documents"`
	Session   Session   `yaml:"session"`
}

// Log settings.
type Log struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// Indica settings: where the IndicaOnline Open API is and how to reach it.
type Indica struct {
	// BaseURL empty runs the built-in sandbox in-process.
	BaseURL       string        `yaml:"base_url"`
	APIKey        string        `yaml:"api_key"`
	APIKeyHeader  string        `yaml:"api_key_header"`
	Timeout       time.Duration `yaml:"timeout"`
	GroupsRefresh time.Duration `yaml:"groups_refresh"`
}

// Sandbox settings for the in-process sandbox, used when Indica.BaseURL is empty.
type Sandbox struct {
	Tariff string `yaml:"tariff"`
}

// Store settings: who the store is and the rules it signs customers up under.
type Store struct {
	Name  string `yaml:"name"`
	State string `yaml:"state"`
	// MinAgeRecreational 0 means the legal age of the store's state or province.
	MinAgeRecreational int    `yaml:"min_age_recreational"`
	MinAgeMedical      int    `yaml:"min_age_medical"`
	TimeZone           string `yaml:"time_zone"`
}

// Kiosk settings for the front-desk tablet.
type Kiosk struct {
	DoneAfter   time.Duration `yaml:"done_after"`
	IdleTimeout time.Duration `yaml:"idle_timeout"`
	IdleGrace   time.Duration `yaml:"idle_grace"`
	DraftTTL    time.Duration `yaml:"draft_ttl"`
}

// Documents settings: photos and scans of IDs and medical recommendations.
type Documents struct {
	// UploadsDir holds documents waiting to be sent; they are deleted once IndicaOnline has them.
	UploadsDir    string `yaml:"uploads_dir"`
	MaxUploadMB   int    `yaml:"max_upload_mb"`
	MaxMegapixels int    `yaml:"max_megapixels"`
	MaxEdge       int    `yaml:"max_edge"`
	JPEGQuality   int    `yaml:"jpeg_quality"`
	MaxPDFPages   int    `yaml:"max_pdf_pages"`
	MaxDecodes    int    `yaml:"max_decodes"`
	// RequireID and RequireMedical make the kiosk ask for a photo of the ID, and of the medical
	// recommendation for medical customers, before it signs anyone up.
	RequireID      bool `yaml:"require_id"`
	RequireMedical bool `yaml:"require_medical"`
}

// Session settings.
type Session struct {
	SecureCookie bool `yaml:"secure_cookie"`
}

// Defaults answers the built-in settings: the sandbox, SQLite in ./data, a California store.
func Defaults() Config {
	return Config{
		Listen:  "127.0.0.1:8080",
		DataDir: "./data",
		Log:     Log{Level: "info", Format: "text"},
		Indica: Indica{
			APIKeyHeader:  "X-Api-Key",
			Timeout:       20 * time.Second,
			GroupsRefresh: 5 * time.Minute,
		},
		Sandbox: Sandbox{Tariff: "pro"},
		Store:   Store{Name: "Demo Dispensary", State: "CA", MinAgeMedical: 18, TimeZone: "Local"},
		Documents: Documents{
			UploadsDir: "./uploads", MaxUploadMB: 20, MaxMegapixels: 50, MaxEdge: 2000, JPEGQuality: 85,
			MaxPDFPages: 20, MaxDecodes: 2, RequireID: true, RequireMedical: true,
		},
		Kiosk: Kiosk{DoneAfter: 8 * time.Second, IdleTimeout: 2 * time.Minute, IdleGrace: 30 * time.Second, DraftTTL: 30 * time.Minute},
	}
}

// Load answers the settings: defaults, then the YAML file at path (none when empty), then the
// environment as lookup answers it. It refuses invalid settings with a message that names each one.
func Load(path string, lookup func(string) (string, bool)) (Config, error) {
	cfg := Defaults()
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return cfg, fmt.Errorf("config file: %w", err)
		}
		defer f.Close()
		if err := decodeYAML(f, &cfg); err != nil {
			return cfg, fmt.Errorf("config file %s: %w", path, err)
		}
	}
	if err := applyEnv(&cfg, lookup); err != nil {
		return cfg, err
	}
	cfg.Store.State = strings.ToUpper(strings.TrimSpace(cfg.Store.State))
	return cfg, cfg.Validate()
}

func decodeYAML(r io.Reader, cfg *Config) error {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file changes nothing
		}
		return err
	}
	return errors.Join(decodeMapping(doc.Content[0], reflect.ValueOf(cfg).Elem(), "")...)
}

// decodeMapping sets the fields of v from a YAML mapping, one key at a time, so that each problem names
// its setting; a misspelt key is refused rather than ignored.
func decodeMapping(node *yaml.Node, v reflect.Value, prefix string) []error {
	if node.Kind != yaml.MappingNode {
		return []error{fmt.Errorf("%s (line %d): must be a mapping of settings", strings.TrimSuffix(prefix, "."), node.Line)}
	}
	var errs []error
	for i := 0; i+1 < len(node.Content); i += 2 {
		keyNode, valueNode := node.Content[i], node.Content[i+1]
		key := prefix + keyNode.Value
		field, ok := fieldByTag(v, keyNode.Value)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s (line %d): is not a setting; see config.example.yaml", key, keyNode.Line))
		case field.Kind() == reflect.Struct:
			errs = append(errs, decodeMapping(valueNode, field, key+".")...)
		default:
			if err := valueNode.Decode(field.Addr().Interface()); err != nil {
				errs = append(errs, fmt.Errorf("%s (line %d): %q is not a valid %s", key, valueNode.Line, valueNode.Value, describe(field)))
			}
		}
	}
	return errs
}

func fieldByTag(v reflect.Value, tag string) (reflect.Value, bool) {
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("yaml") == tag {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func describe(v reflect.Value) string {
	switch {
	case v.Type() == durationType:
		return "duration such as 30s or 5m"
	case v.Kind() == reflect.Int:
		return "whole number"
	case v.Kind() == reflect.Bool:
		return "true or false"
	default:
		return "text value"
	}
}

// applyEnv walks the settings and overrides each from its environment variable.
func applyEnv(cfg *Config, lookup func(string) (string, bool)) error {
	var errs []error
	walk(reflect.ValueOf(cfg).Elem(), "", func(key string, v reflect.Value) {
		raw, ok := lookup(EnvName(key))
		if !ok {
			return
		}
		if err := setFromString(v, raw); err != nil {
			errs = append(errs, fmt.Errorf("%s (%s): %w", key, EnvName(key), err))
		}
	})
	return errors.Join(errs...)
}

// EnvName answers the environment variable for a setting key such as "indica.base_url".
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// keys answers every setting key, such as "indica.base_url", in the order of the Config struct.
func keys() []string {
	var keys []string
	cfg := Defaults()
	walk(reflect.ValueOf(&cfg).Elem(), "", func(key string, _ reflect.Value) { keys = append(keys, key) })
	return keys
}

func walk(v reflect.Value, prefix string, visit func(key string, v reflect.Value)) {
	t := v.Type()
	for i := range t.NumField() {
		key := prefix + t.Field(i).Tag.Get("yaml")
		if f := v.Field(i); f.Kind() == reflect.Struct {
			walk(f, key+".", visit)
		} else {
			visit(key, f)
		}
	}
}

var durationType = reflect.TypeOf(time.Duration(0))

func setFromString(v reflect.Value, raw string) error {
	raw = strings.TrimSpace(raw)
	var err error
	switch {
	case v.Type() == durationType:
		var d time.Duration
		if d, err = time.ParseDuration(raw); err == nil {
			v.SetInt(int64(d))
		}
	case v.Kind() == reflect.String:
		v.SetString(raw)
	case v.Kind() == reflect.Int:
		var n int
		if n, err = strconv.Atoi(raw); err == nil {
			v.SetInt(int64(n))
		}
	case v.Kind() == reflect.Bool:
		var b bool
		if b, err = strconv.ParseBool(raw); err == nil {
			v.SetBool(b)
		}
	}
	if err != nil {
		return fmt.Errorf("%q is not a valid %s", raw, describe(v))
	}
	return nil
}

// Validate checks every setting and answers one error naming each invalid one and what it accepts.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s (%s): %s", key, EnvName(key), fmt.Sprintf(format, args...)))
	}
	if host, port, err := net.SplitHostPort(c.Listen); err != nil {
		bad("listen", "%q is not host:port, such as 127.0.0.1:8080 or :8080", c.Listen)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || (host != "" && net.ParseIP(host) == nil && host != "localhost") {
		bad("listen", "%q needs an IP address (or none) and a port from 0 to 65535", c.Listen)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("data_dir", "is empty; name a folder for local state, such as ./data")
	}
	oneOf(bad, "log.level", c.Log.Level, "debug", "info", "warn", "error")
	oneOf(bad, "log.format", c.Log.Format, "text", "json")
	if c.Indica.BaseURL != "" {
		if u, err := url.Parse(c.Indica.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			bad("indica.base_url", "%q is not a URL such as https://api.indicaonline.com (scheme and host only)", c.Indica.BaseURL)
		}
		if c.Indica.APIKey == "" {
			bad("indica.api_key", "is required when indica.base_url is set")
		}
	}
	if c.Indica.APIKeyHeader == "" || strings.ContainsAny(c.Indica.APIKeyHeader, " :\t\r\n") {
		bad("indica.api_key_header", "%q is not a header name such as X-Api-Key", c.Indica.APIKeyHeader)
	}
	between(bad, "indica.timeout", c.Indica.Timeout, time.Second, 5*time.Minute)
	between(bad, "indica.groups_refresh", c.Indica.GroupsRefresh, 10*time.Second, 24*time.Hour)
	oneOf(bad, "sandbox.tariff", c.Sandbox.Tariff, "pro", "basic")
	if name := strings.TrimSpace(c.Store.Name); name == "" || len(name) > 80 {
		bad("store.name", "must be 1 to 80 characters")
	}
	if _, ok := region.Lookup(c.Store.State); !ok || len(c.Store.State) != 2 {
		bad("store.state", "%q is not the two-letter code of a US state or territory or a Canadian province, such as CA", c.Store.State)
	}
	if n := c.Store.MinAgeRecreational; n != 0 && (n < 18 || n > 25) {
		bad("store.min_age_recreational", "%d is not 0 (the law of the store's state) or an age from 18 to 25", n)
	}
	if n := c.Store.MinAgeMedical; n < 0 || n > 25 {
		bad("store.min_age_medical", "%d is not an age from 0 to 25", n)
	}
	if _, err := time.LoadLocation(c.Store.TimeZone); err != nil {
		bad("store.time_zone", "%q is not a time zone such as America/Los_Angeles or Local", c.Store.TimeZone)
	}
	between(bad, "kiosk.done_after", c.Kiosk.DoneAfter, 2*time.Second, time.Minute)
	between(bad, "kiosk.idle_timeout", c.Kiosk.IdleTimeout, 30*time.Second, 30*time.Minute)
	between(bad, "kiosk.idle_grace", c.Kiosk.IdleGrace, 5*time.Second, 5*time.Minute)
	between(bad, "kiosk.draft_ttl", c.Kiosk.DraftTTL, c.Kiosk.IdleTimeout, 24*time.Hour)
	if strings.TrimSpace(c.Documents.UploadsDir) == "" {
		bad("documents.uploads_dir", "is empty; name a folder for documents waiting to be sent, such as ./uploads")
	}
	within(bad, "documents.max_upload_mb", c.Documents.MaxUploadMB, 1, 100)
	within(bad, "documents.max_megapixels", c.Documents.MaxMegapixels, 1, 200)
	within(bad, "documents.max_edge", c.Documents.MaxEdge, 500, 8000)
	within(bad, "documents.jpeg_quality", c.Documents.JPEGQuality, 50, 100)
	within(bad, "documents.max_pdf_pages", c.Documents.MaxPDFPages, 1, 500)
	within(bad, "documents.max_decodes", c.Documents.MaxDecodes, 1, 32)
	return errors.Join(errs...)
}

func within(bad func(string, string, ...any), key string, n, min, max int) {
	if n < min || n > max {
		bad(key, "%d is not a whole number from %d to %d", n, min, max)
	}
}

func oneOf(bad func(string, string, ...any), key, value string, allowed ...string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	bad(key, "%q is not one of: %s", value, strings.Join(allowed, ", "))
}

func between(bad func(string, string, ...any), key string, d, min, max time.Duration) {
	if d < min || d > max {
		bad(key, "%v is not between %v and %v", d, min, max)
	}
}

// UsesSandbox reports whether the app runs the built-in sandbox instead of a real IndicaOnline.
func (c Config) UsesSandbox() bool { return c.Indica.BaseURL == "" }

// Location answers the store's time zone. Validate has checked it loads.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Store.TimeZone)
	if err != nil {
		return time.Local
	}
	return loc
}

// MinAgeRecreational answers the adult-use age: the setting, or the law of the store's state.
func (c Config) MinAgeRecreational() int {
	if c.Store.MinAgeRecreational != 0 {
		return c.Store.MinAgeRecreational
	}
	r, _ := region.Lookup(c.Store.State)
	return r.AdultUseAge()
}
