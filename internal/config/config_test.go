package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "intake.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaultsNeedNoFileAndNoEnvironment(t *testing.T) {
	cfg, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != "127.0.0.1:8080" || cfg.DataDir != "./data" || cfg.Store.State != "CA" || !cfg.UsesSandbox() {
		t.Fatalf("defaults: %+v", cfg)
	}
	if cfg.Indica.APIKey != "" {
		t.Fatal("a secret has a default")
	}
	if cfg.MinAgeRecreational() != 21 {
		t.Fatalf("California adult-use age: %d", cfg.MinAgeRecreational())
	}
}

func TestPrecedenceFileThenEnvironment(t *testing.T) {
	path := writeFile(t, `
listen: 0.0.0.0:9000
indica:
  base_url: https://api.indicaonline.com
  api_key: from-file
  timeout: 5s
store:
  name: Green Door
  state: on
`)
	cfg, err := Load(path, env(map[string]string{
		"INTAKE_INDICA_API_KEY":            "from-env",
		"INTAKE_STORE_MIN_AGE_MEDICAL":     "19",
		"INTAKE_SESSION_SECURE_COOKIE":     "true",
		"INTAKE_KIOSK_IDLE_TIMEOUT":        "90s",
		"INTAKE_DATA_DIR":                  "/var/lib/intake",
		"INTAKE_UNRELATED_SETTING_IGNORED": "x",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Defaults()
	want.Listen = "0.0.0.0:9000"
	want.DataDir = "/var/lib/intake"
	want.Indica.BaseURL = "https://api.indicaonline.com"
	want.Indica.APIKey = "from-env"
	want.Indica.Timeout = 5 * time.Second
	want.Store.Name = "Green Door"
	want.Store.State = "ON"
	want.Store.MinAgeMedical = 19
	want.Session.SecureCookie = true
	want.Kiosk.IdleTimeout = 90 * time.Second
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got  %+v\nwant %+v", cfg, want)
	}
	if cfg.UsesSandbox() || cfg.MinAgeRecreational() != 19 {
		t.Fatalf("Ontario store on the real API: sandbox %v, age %d", cfg.UsesSandbox(), cfg.MinAgeRecreational())
	}
}

func TestInvalidSettingsNameTheSetting(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		wants []string
	}{
		{"unknown state", "", map[string]string{"INTAKE_STORE_STATE": "XX"}, []string{"store.state (INTAKE_STORE_STATE)", `"XX"`}},
		{"listen without port", "", map[string]string{"INTAKE_LISTEN": "localhost"}, []string{"listen (INTAKE_LISTEN)"}},
		{"listen port too high", "", map[string]string{"INTAKE_LISTEN": ":70000"}, []string{"listen (INTAKE_LISTEN)"}},
		{"base URL without key", "", map[string]string{"INTAKE_INDICA_BASE_URL": "https://api.indicaonline.com"}, []string{"indica.api_key (INTAKE_INDICA_API_KEY)"}},
		{"base URL with a path", "", map[string]string{"INTAKE_INDICA_BASE_URL": "https://x.test/open_api", "INTAKE_INDICA_API_KEY": "k"}, []string{"indica.base_url"}},
		{"base URL not http", "", map[string]string{"INTAKE_INDICA_BASE_URL": "ftp://x", "INTAKE_INDICA_API_KEY": "k"}, []string{"indica.base_url"}},
		{"duration not a duration", "", map[string]string{"INTAKE_INDICA_TIMEOUT": "soon"}, []string{"indica.timeout (INTAKE_INDICA_TIMEOUT)", "duration"}},
		{"timeout out of range", "", map[string]string{"INTAKE_INDICA_TIMEOUT": "1h"}, []string{"indica.timeout"}},
		{"number not a number", "", map[string]string{"INTAKE_STORE_MIN_AGE_MEDICAL": "eighteen"}, []string{"store.min_age_medical", "whole number"}},
		{"bool not a bool", "", map[string]string{"INTAKE_SESSION_SECURE_COOKIE": "maybe"}, []string{"session.secure_cookie"}},
		{"recreational age too low", "", map[string]string{"INTAKE_STORE_MIN_AGE_RECREATIONAL": "16"}, []string{"store.min_age_recreational"}},
		{"bad time zone", "", map[string]string{"INTAKE_STORE_TIME_ZONE": "Mars/Olympus"}, []string{"store.time_zone"}},
		{"bad log level", "", map[string]string{"INTAKE_LOG_LEVEL": "loud"}, []string{"log.level"}},
		{"bad tariff", "", map[string]string{"INTAKE_SANDBOX_TARIFF": "gold"}, []string{"sandbox.tariff"}},
		{"draft kept shorter than idle", "", map[string]string{"INTAKE_KIOSK_DRAFT_TTL": "1m"}, []string{"kiosk.draft_ttl"}},
		{"misspelt key in file", "stor:\n  name: x\n", nil, []string{"stor"}},
		{"wrong type in file", "kiosk:\n  done_after: [1]\n", nil, []string{"done_after"}},
		{"two problems at once", "", map[string]string{"INTAKE_STORE_STATE": "", "INTAKE_STORE_NAME": ""}, []string{"store.state", "store.name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = writeFile(t, tt.file)
			}
			_, err := Load(path, env(tt.env))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
		})
	}
}

func TestMissingConfigFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), env(nil)); err == nil || !strings.Contains(err.Error(), "config file") {
		t.Fatalf("want a config file error, got %v", err)
	}
}

// The example file documents every setting, each with its environment variable, and holds the defaults.
func TestExampleDocumentsEverySetting(t *testing.T) {
	path := filepath.Join("..", "..", "config.example.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range keys() {
		if !strings.Contains(string(raw), EnvName(key)) {
			t.Errorf("config.example.yaml does not mention %s (%s)", key, EnvName(key))
		}
	}
	cfg, err := Load(path, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Defaults()) {
		t.Fatalf("the example's values differ from the defaults:\n%+v\n%+v", cfg, Defaults())
	}
}
