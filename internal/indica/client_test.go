package indica_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"intake/internal/indica"
	"intake/internal/sandbox"
)

const testKey = "test-key-123"

// newPair answers a client talking over real HTTP to a fresh sandbox configured by opts.
func newPair(t *testing.T, opts sandbox.Options, clientOpts ...indica.Option) (*indica.Client, *sandbox.Sandbox) {
	c, sb, _ := newPairAt(t, opts, clientOpts...)
	return c, sb
}

// newPairAt is newPair, also answering the sandbox's address.
func newPairAt(t *testing.T, opts sandbox.Options, clientOpts ...indica.Option) (*indica.Client, *sandbox.Sandbox, string) {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	if opts.State == "" {
		opts.State = "CA"
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := indica.New(srv.URL, testKey, clientOpts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, sb, srv.URL
}

func validCustomer() indica.NewCustomer {
	return indica.NewCustomer{Profile: indica.Profile{
		FirstName: "Ada", LastName: "Lovelace", DateOfBirth: "1985-12-10", Gender: "female",
		Type: "recreational", Phone: "5551234567", Email: "ada@example.com",
		ManualGroups: []int64{1}, Address: &indica.Address{Street: "1 Main St", City: "Oakland", State: "CA", Zip: "94607"},
		AcceptsMarketingEmail: true,
	}}
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCreateCustomerPendingThenVerified(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	ctx := context.Background()

	pending, err := c.CreateCustomer(ctx, validCustomer())
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if pending.ID == 0 || pending.Status != indica.StatusPending {
		t.Fatalf("want a Pending customer with an id, got id %d status %q", pending.ID, pending.Status)
	}
	if pending.FirstName != "Ada" || pending.Phone != "5551234567" || pending.Address == nil || pending.Address.City != "Oakland" {
		t.Fatalf("fields not echoed: %+v", pending.Profile)
	}
	if len(pending.ManualGroups) != 1 || pending.ManualGroups[0] != 1 || !pending.AcceptsMarketingEmail || pending.AcceptsMarketingSMS {
		t.Fatalf("groups or consents wrong: %+v", pending.Profile)
	}
	if pending.CreatedAt.IsZero() {
		t.Fatal("created_at missing")
	}

	withID := validCustomer()
	withID.StateID = "D1234567"
	withID.StateIDExpiresOn = "2030-01-01"
	withID.ManualGroups = nil // the client must send [] rather than null
	verified, err := c.CreateCustomer(ctx, withID)
	if err != nil {
		t.Fatalf("create with state ID: %v", err)
	}
	if verified.Status != indica.StatusVerified || verified.StateID != "D1234567" {
		t.Fatalf("want Verified with state ID, got %q %q", verified.Status, verified.StateID)
	}
	if verified.ManualGroups == nil || len(verified.ManualGroups) != 0 {
		t.Fatalf("want empty groups, got %v", verified.ManualGroups)
	}
}

func TestGetCustomerByIDAndStateID(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	ctx := context.Background()
	nc := validCustomer()
	nc.StateID = "X99"
	created, err := c.CreateCustomer(ctx, nc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Customer(ctx, created.ID)
	if err != nil || got.ID != created.ID || got.LastName != "Lovelace" {
		t.Fatalf("get by id: %+v, %v", got, err)
	}
	byState, err := c.CustomerByStateID(ctx, "X99")
	if err != nil || byState.ID != created.ID {
		t.Fatalf("get by state id: %+v, %v", byState, err)
	}
	if _, err := c.Customer(ctx, created.ID+100); !errors.Is(err, indica.ErrNotFound) {
		t.Fatalf("want ErrNotFound for a missing id, got %v", err)
	}
	if _, err := c.CustomerByStateID(ctx, "NOPE"); !errors.Is(err, indica.ErrNotFound) {
		t.Fatalf("want ErrNotFound for an unknown state id, got %v", err)
	}
}

func TestPatchCustomer(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	ctx := context.Background()
	created, err := c.CreateCustomer(ctx, validCustomer())
	if err != nil {
		t.Fatal(err)
	}
	phone, stateID, expires := "5559876543", "B7654321", "2031-05-06"
	noGroups := []int64{}
	patched, err := c.PatchCustomer(ctx, created.ID, indica.CustomerPatch{Phone: &phone, StateID: &stateID, StateIDExpiresOn: &expires, ManualGroups: &noGroups})
	if err != nil {
		t.Fatalf("patch: %v", err)
	}
	if patched.Phone != phone || patched.StateIDExpiresOn != expires || len(patched.ManualGroups) != 0 {
		t.Fatalf("patch not applied: %+v", patched.Profile)
	}
	if patched.FirstName != "Ada" || patched.Email != "ada@example.com" {
		t.Fatalf("patch changed fields it did not name: %+v", patched.Profile)
	}
	if patched.Status != indica.StatusVerified {
		t.Fatalf("a checked state ID should verify the customer, got %q", patched.Status)
	}
	if _, err := c.PatchCustomer(ctx, 9999, indica.CustomerPatch{Phone: &phone}); !errors.Is(err, indica.ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
}

func TestUploadAndAttachDocuments(t *testing.T) {
	c, sb := newPair(t, sandbox.Options{})
	ctx := context.Background()
	content := pngBytes(t)
	first, err := c.UploadFile(ctx, "id-front.png", "image/png", bytes.NewReader(content))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if first.ID == 0 || first.MimeType != "image/png" || first.Size != int64(len(content)) {
		t.Fatalf("upload answer: %+v", first)
	}
	second, err := c.UploadFile(ctx, "rec.pdf", "application/pdf", strings.NewReader("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
	if err != nil {
		t.Fatalf("upload pdf: %v", err)
	}

	nc := validCustomer()
	nc.FieldID, nc.DocumentType = first.ID, indica.DocumentStateID
	created, err := c.CreateCustomer(ctx, nc)
	if err != nil {
		t.Fatalf("create with document: %v", err)
	}
	attached, err := c.AttachDocuments(ctx, created.ID, indica.Document{FieldID: second.ID, DocumentType: indica.DocumentMedicalRecommendation})
	if err != nil {
		t.Fatalf("attach: %v", err)
	}
	want := []indica.Document{{FieldID: first.ID, DocumentType: indica.DocumentStateID}, {FieldID: second.ID, DocumentType: indica.DocumentMedicalRecommendation}}
	if len(attached.Documents) != 2 || attached.Documents[0] != want[0] || attached.Documents[1] != want[1] {
		t.Fatalf("documents: got %+v want %+v", attached.Documents, want)
	}
	if !attached.HasMedicalRecommendation {
		t.Fatal("a medical document should set has_medical_recommendation")
	}

	// The sandbox keeps the bytes as uploaded, and the same file cannot be attached twice.
	if got := fetchFile(t, sb, first.ID); !bytes.Equal(got, content) {
		t.Fatal("stored bytes differ from the uploaded ones")
	}
	_, err = c.AttachDocuments(ctx, created.ID, indica.Document{FieldID: first.ID, DocumentType: indica.DocumentStateID})
	var verr *indica.ValidationError
	if !errors.As(err, &verr) || len(verr.Fields[indica.FieldFieldID]) == 0 {
		t.Fatalf("want a field_id validation error for a file attached twice, got %v", err)
	}
}

func TestUploadRefusesOtherTypes(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	for name, content := range map[string]string{
		"page.jpg":  "<!doctype html><html><body>not a photo</body></html>",
		"empty.png": "",
		"gif.png":   "GIF89a\x01\x00\x01\x00\x00\x00\x00;",
	} {
		_, err := c.UploadFile(context.Background(), name, "image/jpeg", strings.NewReader(content))
		var verr *indica.ValidationError
		if !errors.As(err, &verr) || len(verr.Fields[indica.UploadFormField]) == 0 {
			t.Errorf("%s: want a 422 on the file field, got %v", name, err)
		}
	}
}

func TestListCustomersByCreatedDate(t *testing.T) {
	day := time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)
	now := day
	c, _ := newPair(t, sandbox.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	for i, d := range []time.Time{day.AddDate(0, 0, -2), day, day, day.AddDate(0, 0, 1)} {
		now = d
		nc := validCustomer()
		nc.FirstName = string(rune('A' + i))
		if _, err := c.CreateCustomer(ctx, nc); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.ListCustomers(ctx, indica.CustomerQuery{Start: day, End: day})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	if page.Total != 2 || page.Count != 2 || page.Items[0].FirstName != "B" || page.Items[1].FirstName != "C" {
		t.Fatalf("want B and C created that day, got %+v", page)
	}
	page, err = c.ListCustomers(ctx, indica.CustomerQuery{Start: day.AddDate(0, 0, -5), End: day.AddDate(0, 0, 5), Limit: 2, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 4 || page.Count != 2 || page.Items[0].FirstName != "C" {
		t.Fatalf("second page: %+v", page)
	}
	_, err = c.ListCustomers(ctx, indica.CustomerQuery{Start: day, End: day.AddDate(0, 0, -1)})
	var verr *indica.ValidationError
	if !errors.As(err, &verr) || len(verr.Fields["end_date"]) == 0 {
		t.Fatalf("end before start: want a validation error on end_date, got %v", err)
	}
}

func TestCustomerGroups(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	groups, err := c.CustomerGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, g := range groups {
		if g.ID == 0 || g.Name == "" {
			t.Fatalf("incomplete group %+v", g)
		}
		kinds[g.Type]++
	}
	if kinds[indica.GroupManual] == 0 || kinds[indica.GroupAutomatic] == 0 {
		t.Fatalf("want manual and automatic groups, got %v", kinds)
	}
}

func TestErrorClasses(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		opts   sandbox.Options
		key    string
		call   func(*indica.Client) error
		want   error
		status int
	}{
		{
			name: "401 wrong key", key: "wrong",
			call:   func(c *indica.Client) error { _, err := c.CustomerGroups(ctx); return err },
			want:   indica.ErrUnauthorized,
			status: http.StatusUnauthorized,
		},
		{
			name: "403 patch on basic tariff", opts: sandbox.Options{Tariff: sandbox.TariffBasic},
			call: func(c *indica.Client) error {
				p := "5550000000"
				_, err := c.PatchCustomer(ctx, 1, indica.CustomerPatch{Phone: &p})
				return err
			},
			want: indica.ErrForbidden, status: http.StatusForbidden,
		},
		{
			name: "403 get by id on basic tariff", opts: sandbox.Options{Tariff: sandbox.TariffBasic},
			call: func(c *indica.Client) error { _, err := c.Customer(ctx, 1); return err },
			want: indica.ErrForbidden, status: http.StatusForbidden,
		},
		{
			name: "403 get by state id on basic tariff", opts: sandbox.Options{Tariff: sandbox.TariffBasic},
			call: func(c *indica.Client) error { _, err := c.CustomerByStateID(ctx, "A1"); return err },
			want: indica.ErrForbidden, status: http.StatusForbidden,
		},
		{
			name:   "404 missing customer",
			call:   func(c *indica.Client) error { _, err := c.Customer(ctx, 12345); return err },
			want:   indica.ErrNotFound,
			status: http.StatusNotFound,
		},
		{
			name: "429 throttled", opts: sandbox.Options{ThrottleRate: 1},
			call:   func(c *indica.Client) error { _, err := c.CreateCustomer(ctx, validCustomer()); return err },
			want:   indica.ErrRateLimited,
			status: http.StatusTooManyRequests,
		},
		{
			name: "500 failing", opts: sandbox.Options{FailRate: 1},
			call:   func(c *indica.Client) error { _, err := c.CustomerGroups(ctx); return err },
			want:   indica.ErrServer,
			status: http.StatusInternalServerError,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, url := newPairAt(t, tt.opts)
			if tt.key != "" {
				c = clientWithKey(t, url, tt.key)
			}
			err := tt.call(c)
			if !errors.Is(err, tt.want) {
				t.Fatalf("want %v, got %v", tt.want, err)
			}
			var apiErr *indica.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("want an APIError with status %d, got %#v", tt.status, err)
			}
			if apiErr.Message == "" {
				t.Fatal("the server's message was not kept")
			}
			if tt.status == http.StatusTooManyRequests && apiErr.RetryAfter != time.Second {
				t.Fatalf("want Retry-After of 1s, got %v", apiErr.RetryAfter)
			}
			if got := indica.IsRetryable(err); got != (tt.status == 429 || tt.status >= 500) {
				t.Fatalf("IsRetryable = %v for %d", got, tt.status)
			}
		})
	}
}

func TestValidationErrorCarriesFieldMessages(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{})
	ctx := context.Background()
	first := validCustomer()
	first.StateID = "DUP123"
	if _, err := c.CreateCustomer(ctx, first); err != nil {
		t.Fatal(err)
	}
	bad := validCustomer()
	bad.StateID = "dup123"
	bad.Type = "medical" // not a California type
	bad.Phone = "555-123-4567"
	_, err := c.CreateCustomer(ctx, bad)
	if !errors.Is(err, indica.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	var verr *indica.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("want a ValidationError, got %T", err)
	}
	for _, field := range []string{indica.FieldStateID, indica.FieldType, indica.FieldPhone} {
		if len(verr.Fields[field]) == 0 {
			t.Errorf("no message for %s in %v", field, verr.Fields)
		}
	}
	if verr.Fields[indica.FieldStateID][0] != "has already been taken" {
		t.Errorf("state_id message: %q", verr.Fields[indica.FieldStateID])
	}
}

func TestUnreachableAndDroppedAnswers(t *testing.T) {
	ctx := context.Background()
	t.Run("nothing listening", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		c, err := indica.New(url, testKey)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.CustomerGroups(ctx)
		if !errors.Is(err, indica.ErrUnavailable) || !indica.IsRetryable(err) {
			t.Fatalf("want retryable ErrUnavailable, got %v", err)
		}
	})
	t.Run("create committed but answer dropped", func(t *testing.T) {
		c, sb := newPair(t, sandbox.Options{DropRate: 1}, indica.WithTimeout(300*time.Millisecond))
		_, err := c.CreateCustomer(ctx, validCustomer())
		if !errors.Is(err, indica.ErrUnavailable) {
			t.Fatalf("want ErrUnavailable after the timeout, got %v", err)
		}
		journal := sb.Journal()
		if len(journal) != 1 || !journal[0].Dropped || journal[0].Status != http.StatusCreated {
			t.Fatalf("the sandbox should have committed and dropped the create: %+v", journal)
		}
	})
}

func TestAPIKeyHeaderIsConfigurable(t *testing.T) {
	c, _ := newPair(t, sandbox.Options{KeyHeader: "Authorization-Key"}, indica.WithAPIKeyHeader("Authorization-Key"))
	if _, err := c.CustomerGroups(context.Background()); err != nil {
		t.Fatalf("custom header: %v", err)
	}
}

func TestNewRefusesBadSettings(t *testing.T) {
	for _, tt := range []struct{ url, key string }{{"", "k"}, {"ftp://x", "k"}, {"http://", "k"}, {"http://host", ""}} {
		if _, err := indica.New(tt.url, tt.key); err == nil {
			t.Errorf("New(%q, %q) accepted", tt.url, tt.key)
		}
	}
}

// clientWithKey answers a client for the sandbox at url with another key.
func clientWithKey(t *testing.T, url, key string) *indica.Client {
	t.Helper()
	other, err := indica.New(url, key)
	if err != nil {
		t.Fatal(err)
	}
	return other
}

func fetchFile(t *testing.T, sb *sandbox.Sandbox, id int64) []byte {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/_sandbox/files/"+jsonNumber(id), nil)
	req.Header.Set(indica.DefaultAPIKeyHeader, testKey)
	rec := httptest.NewRecorder()
	sb.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("fetch file %d: %d", id, rec.Code)
	}
	body, _ := io.ReadAll(rec.Body)
	return body
}

func jsonNumber(id int64) string {
	b, _ := json.Marshal(id)
	return string(b)
}
