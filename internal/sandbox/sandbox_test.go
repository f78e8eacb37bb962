package sandbox

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"intake/internal/indica"
)

const key = "k-sandbox-test"

var fixedNow = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func newSandbox(t *testing.T, opts Options) *Sandbox {
	t.Helper()
	opts.APIKey = key
	if opts.State == "" {
		opts.State = "CA"
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	sb, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return sb
}

func call(t *testing.T, sb *Sandbox, method, path, contentType string, body []byte) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set(indica.DefaultAPIKeyHeader, key)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	sb.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

// base is a valid create body; each case changes it.
func base() map[string]any {
	return map[string]any{
		"first_name": "Grace", "last_name": "Hopper", "date_of_birth": "1980-01-31", "gender": "female",
		"type": "recreational", "has_medical_recommendation": false, "manual_groups": []any{},
	}
}

func TestCreateValidation(t *testing.T) {
	tests := []struct {
		name   string
		state  string
		change func(map[string]any)
		field  string // "" means the create succeeds
	}{
		{"valid", "", func(map[string]any) {}, ""},
		{"valid with every optional field", "", func(m map[string]any) {
			m["middle_name"], m["phone"], m["email"] = "B", "5551234567", "g@example.com"
			m["state_id"], m["state_id_expires_on"], m["alternative_id"] = "A123", "2030-02-28", "ALT-1"
			m["address"] = map[string]any{"street": "1 Navy Way", "city": "Arlington", "state": "VA", "zip": "22202"}
			m["manual_groups"] = []any{1, 2}
			m["accepts_marketing_sms"] = true
		}, ""},
		{"missing first name", "", func(m map[string]any) { delete(m, "first_name") }, "first_name"},
		{"blank last name", "", func(m map[string]any) { m["last_name"] = "  " }, "last_name"},
		{"null date of birth", "", func(m map[string]any) { m["date_of_birth"] = nil }, "date_of_birth"},
		{"missing groups", "", func(m map[string]any) { delete(m, "manual_groups") }, "manual_groups"},
		{"missing medical flag", "", func(m map[string]any) { delete(m, "has_medical_recommendation") }, "has_medical_recommendation"},
		{"first name not a string", "", func(m map[string]any) { m["first_name"] = 7 }, "first_name"},
		{"first name too long", "", func(m map[string]any) { m["first_name"] = strings.Repeat("a", 51) }, "first_name"},
		{"state id too long", "", func(m map[string]any) { m["state_id"] = strings.Repeat("1", 31) }, "state_id"},
		{"impossible birth date", "", func(m map[string]any) { m["date_of_birth"] = "1990-02-30" }, "date_of_birth"},
		{"birth date in another format", "", func(m map[string]any) { m["date_of_birth"] = "01/31/1980" }, "date_of_birth"},
		{"future birth date", "", func(m map[string]any) { m["date_of_birth"] = "2027-01-01" }, "date_of_birth"},
		{"unknown gender", "", func(m map[string]any) { m["gender"] = "robot" }, "gender"},
		{"type of another state", "", func(m map[string]any) { m["type"] = "medical" }, "type"},
		{"Oklahoma type in Oklahoma", "OK", func(m map[string]any) { m["type"] = "temporary_adult" }, ""},
		{"California type in Oklahoma", "OK", func(m map[string]any) { m["type"] = "recreational" }, "type"},
		{"caregiver in Oregon", "OR", func(m map[string]any) { m["type"] = "caregiver" }, ""},
		{"caregiver in Nevada", "NV", func(m map[string]any) { m["type"] = "caregiver" }, "type"},
		{"formatted phone", "", func(m map[string]any) { m["phone"] = "555-123-4567" }, "phone"},
		{"short phone", "", func(m map[string]any) { m["phone"] = "555123456" }, "phone"},
		{"bad email", "", func(m map[string]any) { m["email"] = "grace@" }, "email"},
		{"email without domain dot", "", func(m map[string]any) { m["email"] = "grace@localhost" }, "email"},
		{"automatic group", "", func(m map[string]any) { m["manual_groups"] = []any{4} }, "manual_groups"},
		{"unknown group", "", func(m map[string]any) { m["manual_groups"] = []any{99} }, "manual_groups"},
		{"groups not a list", "", func(m map[string]any) { m["manual_groups"] = "1" }, "manual_groups"},
		{"medical flag not a boolean", "", func(m map[string]any) { m["has_medical_recommendation"] = "yes" }, "has_medical_recommendation"},
		{"bad expiry", "", func(m map[string]any) { m["state_id_expires_on"] = "2030-13-01" }, "state_id_expires_on"},
		{"address state too long", "", func(m map[string]any) { m["address"] = map[string]any{"state": "Cal"} }, "address.state"},
		{"unknown address part", "", func(m map[string]any) { m["address"] = map[string]any{"country": "US"} }, "address.country"},
		{"unknown field", "", func(m map[string]any) { m["nickname"] = "Amazing" }, "nickname"},
		{"field id without type", "", func(m map[string]any) { m["field_id"] = 1 }, "document_type"},
		{"field id of no file", "", func(m map[string]any) { m["field_id"], m["document_type"] = 42, "state_id" }, "field_id"},
		{"document type unknown", "", func(m map[string]any) { m["field_id"], m["document_type"] = 42, "selfie" }, "document_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := newSandbox(t, Options{State: tt.state})
			body := base()
			tt.change(body)
			raw, _ := json.Marshal(body)
			status, out := call(t, sb, http.MethodPost, indica.PathCustomers, "application/json", raw)
			if tt.field == "" {
				if status != http.StatusCreated {
					t.Fatalf("want 201, got %d %v", status, out)
				}
				return
			}
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("want 422, got %d %v", status, out)
			}
			errs, _ := out["errors"].(map[string]any)
			if msgs, _ := errs[tt.field].([]any); len(msgs) == 0 {
				t.Fatalf("want a message for %q, got %v", tt.field, errs)
			}
			if out["message"] != "Validation failed" {
				t.Fatalf("message: %v", out["message"])
			}
			if len(sb.data.Customers) != 0 {
				t.Fatal("a refused customer was stored")
			}
		})
	}
}

func TestCreateRefusesNonJSON(t *testing.T) {
	sb := newSandbox(t, Options{})
	for _, body := range []string{"", "[]", "not json", `{"first_name":`} {
		status, _ := call(t, sb, http.MethodPost, indica.PathCustomers, "application/json", []byte(body))
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%q: want 422, got %d", body, status)
		}
	}
}

func TestPersistsAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	first := newSandbox(t, Options{DataDir: dir})
	raw, _ := json.Marshal(base())
	if status, out := call(t, first, http.MethodPost, indica.PathCustomers, "application/json", raw); status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, out)
	}
	status, file := upload(t, first, "scan.pdf", []byte("%PDF-1.7\n%%EOF\n"))
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, file)
	}

	second := newSandbox(t, Options{DataDir: dir})
	status, got := call(t, second, http.MethodGet, indica.PathCustomers+"/1", "", nil)
	if status != http.StatusOK || got["first_name"] != "Grace" || got["status"] != indica.StatusPending {
		t.Fatalf("customer after restart: %d %v", status, got)
	}
	req := httptest.NewRequest(http.MethodGet, "/_sandbox/files/1", nil)
	req.Header.Set(indica.DefaultAPIKeyHeader, key)
	rec := httptest.NewRecorder()
	second.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF-1.7") {
		t.Fatalf("file after restart: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	// The next customer gets a fresh id, not one already given.
	if status, out := call(t, second, http.MethodPost, indica.PathCustomers, "application/json", raw); status != http.StatusCreated || out["id"] != float64(2) {
		t.Fatalf("second create: %d %v", status, out)
	}
}

func TestJournalAndReset(t *testing.T) {
	sb := newSandbox(t, Options{})
	raw, _ := json.Marshal(base())
	call(t, sb, http.MethodPost, indica.PathCustomers, "application/json", raw)
	upload(t, sb, "id.png", []byte("\x89PNG\r\n\x1a\n0000"))
	call(t, sb, http.MethodGet, indica.PathCustomerGroups, "", nil)

	req := httptest.NewRequest(http.MethodGet, "/_sandbox/requests", nil)
	req.Header.Set(indica.DefaultAPIKeyHeader, key)
	rec := httptest.NewRecorder()
	sb.ServeHTTP(rec, req)
	var journal []JournalEntry
	if err := json.Unmarshal(rec.Body.Bytes(), &journal); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("journal: %d %v", rec.Code, err)
	}
	if len(journal) != 3 {
		t.Fatalf("want 3 entries, got %d", len(journal))
	}
	if journal[0].Method != "POST" || journal[0].Path != indica.PathCustomers || journal[0].Status != 201 {
		t.Fatalf("first entry: %+v", journal[0])
	}
	var created map[string]any
	_ = json.Unmarshal(journal[0].Body, &created)
	if created["first_name"] != "Grace" {
		t.Fatalf("create body not journaled: %s", journal[0].Body)
	}
	var uploaded struct {
		File struct {
			Name     string `json:"name"`
			Size     int    `json:"size"`
			MimeType string `json:"mime_type"`
		} `json:"file"`
	}
	_ = json.Unmarshal(journal[1].Body, &uploaded)
	if uploaded.File.Name != "id.png" || uploaded.File.Size != 12 || uploaded.File.MimeType != "image/png" {
		t.Fatalf("upload summary: %s", journal[1].Body)
	}

	if status, _ := call(t, sb, http.MethodPost, "/_sandbox/reset", "", nil); status != http.StatusNoContent {
		t.Fatalf("reset: %d", status)
	}
	if len(sb.Journal()) != 0 || len(sb.data.Customers) != 0 || len(sb.data.Groups) == 0 {
		t.Fatal("reset should empty customers and journal and keep the seed groups")
	}
}

func TestExtensionsNeedTheKey(t *testing.T) {
	sb := newSandbox(t, Options{})
	for _, path := range []string{"/_sandbox/requests", "/_sandbox/files/1", indica.PathCustomerGroups} {
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("%s without key: want 401, got %d", path, rec.Code)
		}
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	for name, opts := range map[string]Options{
		"no key":        {State: "CA"},
		"bad tariff":    {APIKey: "k", State: "CA", Tariff: "gold"},
		"bad state":     {APIKey: "k", State: "California"},
		"bad fail rate": {APIKey: "k", State: "CA", FailRate: 1.5},
	} {
		if _, err := New(opts); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func upload(t *testing.T, sb *Sandbox, name string, content []byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile(indica.UploadFormField, name)
	_, _ = part.Write(content)
	_ = mw.Close()
	return call(t, sb, http.MethodPost, indica.PathFileUpload, mw.FormDataContentType(), body.Bytes())
}
