package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"intake/internal/config"
	"intake/internal/document/doctest"
	"intake/internal/indica"
	"intake/internal/sandbox"
)

// syncBuffer is a log sink that tests may read while the app writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

type testApp struct {
	*App
	srv  *httptest.Server
	logs *syncBuffer
}

// startApp builds the whole app on a real listener, with its own data folder and, unless changed, the
// in-process sandbox.
func startApp(t *testing.T, dataDir string, change func(*config.Config)) *testApp {
	t.Helper()
	cfg := config.Defaults()
	cfg.DataDir = dataDir
	cfg.Documents.UploadsDir = filepath.Join(dataDir, "uploads")
	cfg.Store.TimeZone = "UTC"
	if change != nil {
		change(&cfg)
	}
	logs := &syncBuffer{}
	a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() { srv.Close(); a.Close() })
	return &testApp{App: a, srv: srv, logs: logs}
}

// visitor is a browser without a screen: a cookie jar, following redirects, reading forms.
type visitor struct {
	t      *testing.T
	client *http.Client
	base   string
	page   *goquery.Document
	status int
}

func newVisitor(t *testing.T, base string) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, client: &http.Client{Jar: jar, Timeout: 30 * time.Second}, base: base}
}

func (v *visitor) get(path string) {
	v.t.Helper()
	resp, err := v.client.Get(v.base + path)
	v.read(resp, err)
}

// submit posts the form that posts to action on the current page, with its CSRF token and the given fields.
func (v *visitor) submit(action string, fields url.Values) {
	v.t.Helper()
	form := v.page.Find(`form[action="` + action + `"]`)
	if form.Length() == 0 {
		v.t.Fatalf("no form posting to %s on the page", action)
	}
	tok, _ := form.Find(`input[name="_csrf"]`).Attr("value")
	values := url.Values{"_csrf": {tok}}
	for k, vs := range fields {
		values[k] = vs
	}
	resp, err := v.client.PostForm(v.base+action, values)
	v.read(resp, err)
}

// attach sends files through the upload form on the current page, as a browser does with its file field.
func (v *visitor) attach(action, field string, files map[string][]byte) {
	v.t.Helper()
	form := v.page.Find(`form[action="` + action + `"]`)
	if form.Length() == 0 || form.Find(`input[type=file][name="`+field+`"]`).Length() == 0 {
		v.t.Fatalf("no upload form with a %s field posting to %s", field, action)
	}
	tok, _ := form.Find(`input[name="_csrf"]`).Attr("value")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", tok)
	for name, data := range files {
		w, _ := mw.CreateFormFile(field, name)
		w.Write(data)
	}
	mw.Close()
	resp, err := v.client.Post(v.base+action, mw.FormDataContentType(), &body)
	v.read(resp, err)
}

// signUp walks the kiosk from the welcome screen with the given details and documents, up to the answer
// to "Sign me up".
func (v *visitor) signUp(details url.Values, id, medical map[string][]byte) {
	v.t.Helper()
	v.get("/kiosk")
	v.submit("/kiosk/start", nil)
	v.submit("/kiosk/details", details)
	v.expect(http.StatusOK, "Photo ID")
	v.attach("/kiosk/documents/id", "id_document", id)
	v.expect(http.StatusOK, "Photo ID")
	v.submit("/kiosk/documents/id/next", nil)
	if medical != nil {
		v.expect(http.StatusOK, "Medical recommendation")
		v.attach("/kiosk/documents/medical", "medical_document", medical)
		v.submit("/kiosk/documents/medical/next", nil)
	}
	v.expect(http.StatusOK, "Is this right?")
	v.submit("/kiosk/submit", nil)
}

func (v *visitor) read(resp *http.Response, err error) {
	v.t.Helper()
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	v.status = resp.StatusCode
	if v.page, err = goquery.NewDocumentFromReader(resp.Body); err != nil {
		v.t.Fatal(err)
	}
}

func (v *visitor) expect(status int, heading string) {
	v.t.Helper()
	if got := strings.TrimSpace(v.page.Find("h1").First().Text()); v.status != status || !strings.Contains(got, heading) {
		v.t.Fatalf("want %d %q, got %d %q", status, heading, v.status, got)
	}
}

func detailsForm() url.Values {
	return url.Values{
		"first_name":              {"Grace"},
		"middle_name":             {"Brewster"},
		"last_name":               {"Hopper"},
		"date_of_birth":           {"1980-12-09"},
		"gender":                  {"female"},
		"type":                    {"medical_with_rec"},
		"phone":                   {"(555) 867-5309"},
		"email":                   {"grace@example.com"},
		"state_id":                {"d7654321"},
		"state_id_expires_on":     {"2031-06-30"},
		"address_street":          {"1 Navy Way"},
		"address_city":            {"Arlington"},
		"address_state":           {"VA"},
		"address_zip":             {"22202"},
		"manual_groups":           {"1"},
		"accepts_marketing_email": {"true"},
		"accept_terms":            {"true"},
	}
}

func sandboxClient(t *testing.T, a *testApp) *indica.Client {
	t.Helper()
	u, key := a.Sandbox()
	c, err := indica.New(u, key)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func journal(t *testing.T, a *testApp) []sandbox.JournalEntry {
	t.Helper()
	u, key := a.Sandbox()
	req, _ := http.NewRequest(http.MethodGet, u+"/_sandbox/requests", nil)
	req.Header.Set(indica.DefaultAPIKeyHeader, key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var entries []sandbox.JournalEntry
	if err := json.NewDecoder(resp.Body).Decode(&entries); err != nil {
		t.Fatal(err)
	}
	return entries
}

func creates(entries []sandbox.JournalEntry) []sandbox.JournalEntry {
	var out []sandbox.JournalEntry
	for _, e := range entries {
		if e.Method == http.MethodPost && e.Path == indica.PathCustomers {
			out = append(out, e)
		}
	}
	return out
}

// rotatedPhoto is an ID photo as a phone stores it: turned, with EXIF orientation 6 saying so, and a
// camera make that must not reach IndicaOnline.
func rotatedPhoto() []byte {
	return doctest.WithEXIF(doctest.JPEG(doctest.Stored(doctest.Quadrants(1200, 800), 6), 92), 6)
}

var recommendationPDF = doctest.ClassicPDF(
	"<< /Type /Catalog /Pages 2 0 R >>",
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
)

func TestKioskSignupReachesTheSandbox(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	v := newVisitor(t, a.srv.URL)

	v.get("/")
	if v.page.Find(`a[href="/kiosk"]`).Length() == 0 || v.page.Find(`a[href="/register"]`).Length() == 0 || v.page.Find(`a[href="/staff"]`).Length() == 0 {
		t.Fatal("the front page must link the kiosk, pre-registration and the staff console")
	}
	if v.page.Find(".badge").Text() != "Sandbox" {
		t.Fatal("the sandbox badge is missing")
	}

	v.get("/kiosk")
	v.expect(http.StatusOK, "Welcome")
	v.submit("/kiosk/start", nil)
	v.expect(http.StatusOK, "Your details")
	if v.page.Find(`input[name="manual_groups"]`).Length() == 0 {
		t.Fatal("the sandbox's manual groups are not offered")
	}
	if v.page.Find(`input[name="manual_groups"][value="4"]`).Length() != 0 {
		t.Fatal("an automatic group is offered")
	}
	v.submit("/kiosk/details", detailsForm())
	v.expect(http.StatusOK, "Photo ID")
	v.attach("/kiosk/documents/id", "id_document", map[string][]byte{"IMG_0001.JPG": rotatedPhoto()})
	v.expect(http.StatusOK, "Photo ID")
	if n := v.page.Find(`[data-testid="pages"] li`).Length(); n != 1 {
		t.Fatalf("want the photo listed, got %d pages", n)
	}
	// The waiting file is on disk, and no address reaches it.
	waiting, _ := os.ReadDir(filepath.Join(a.cfg.DataDir, "uploads"))
	if len(waiting) != 1 {
		t.Fatalf("want the photo waiting in uploads/, found %d files", len(waiting))
	}
	for _, path := range []string{
		"/uploads/" + waiting[0].Name(),
		"/static/../uploads/" + waiting[0].Name(),
		"/static/%2e%2e/uploads/" + waiting[0].Name(),
		"/kiosk/documents/" + waiting[0].Name(),
	} {
		resp, err := http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK || bytes.Contains(body, []byte("JFIF")) || bytes.HasPrefix(body, []byte{0xFF, 0xD8}) {
			t.Fatalf("%s answered %d: a waiting document must never be reachable", path, resp.StatusCode)
		}
	}
	v.submit("/kiosk/documents/id/next", nil)
	v.expect(http.StatusOK, "Medical recommendation")
	v.attach("/kiosk/documents/medical", "medical_document", map[string][]byte{"recommendation.pdf": recommendationPDF})
	v.submit("/kiosk/documents/medical/next", nil)
	v.expect(http.StatusOK, "Is this right?")
	if !strings.Contains(v.page.Find("dl.summary").Text(), "Grace Brewster Hopper") {
		t.Fatal("the review does not show the name")
	}
	v.submit("/kiosk/submit", nil)
	v.expect(http.StatusOK, "You're signed up")
	if !strings.Contains(v.page.Find("main").Text(), "account is ready") {
		t.Fatal("a customer with a state ID should be told they are verified")
	}

	sb := sandboxClient(t, a)
	page, err := sb.ListCustomers(context.Background(), indica.CustomerQuery{Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 {
		t.Fatalf("want one customer in the sandbox, got %d", page.Total)
	}
	c := page.Items[0]
	want := indica.Profile{
		FirstName: "Grace", MiddleName: "Brewster", LastName: "Hopper", DateOfBirth: "1980-12-09", Gender: "female",
		Type: "medical_with_rec", Phone: "5558675309", Email: "grace@example.com", StateID: "D7654321",
		StateIDExpiresOn: "2031-06-30", HasMedicalRecommendation: true, ManualGroups: []int64{1},
		Address:               &indica.Address{Street: "1 Navy Way", City: "Arlington", State: "VA", Zip: "22202"},
		AcceptsMarketingEmail: true,
	}
	got, _ := json.Marshal(c.Profile)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(got, wantJSON) {
		t.Fatalf("customer in the sandbox:\n got %s\nwant %s", got, wantJSON)
	}
	if c.Status != indica.StatusVerified {
		t.Fatalf("status %q, want Verified", c.Status)
	}
	if n := len(creates(journal(t, a))); n != 1 {
		t.Fatalf("want exactly one create request, got %d", n)
	}

	// Both documents are attached: the photo upright, as a JPEG with no EXIF; the PDF as it was.
	if len(c.Documents) != 2 || c.Documents[0].DocumentType != indica.DocumentStateID || c.Documents[1].DocumentType != indica.DocumentMedicalRecommendation {
		t.Fatalf("documents: %+v", c.Documents)
	}
	photo, photoType := sandboxFile(t, a, c.Documents[0].FieldID)
	if photoType != "image/jpeg" || bytes.Contains(photo, []byte("Exif")) || bytes.Contains(photo, []byte("TestCam")) {
		t.Fatalf("the photo must be a JPEG without EXIF: %s, Exif %v", photoType, bytes.Contains(photo, []byte("Exif")))
	}
	img, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 800 {
		t.Fatalf("the photo must be upright (landscape 1200×800), got %v", b)
	}
	if r, g, bl, _ := img.At(100, 100).RGBA(); r>>8 < 150 || g>>8 > 80 || bl>>8 > 80 {
		t.Fatalf("the top left of the upright photo should be red, got %d %d %d", r>>8, g>>8, bl>>8)
	}
	pdf, pdfType := sandboxFile(t, a, c.Documents[1].FieldID)
	if pdfType != "application/pdf" || !bytes.Equal(pdf, recommendationPDF) {
		t.Fatalf("the PDF must arrive unchanged: %s", pdfType)
	}
	if left, _ := os.ReadDir(filepath.Join(a.cfg.DataDir, "uploads")); len(left) != 0 {
		t.Fatalf("the uploads folder must be empty once IndicaOnline has the files, holds %d", len(left))
	}

	// The sandbox page shows the demo what arrived.
	v.get("/sandbox")
	if !strings.Contains(v.page.Find(`[data-testid="sandbox-customer"]`).Text(), "Grace Brewster Hopper") {
		t.Fatal("the sandbox page does not list the customer")
	}
	// And the kiosk has forgotten them.
	v.get("/kiosk/review")
	v.expect(http.StatusOK, "Welcome")
}

func sandboxFile(t *testing.T, a *testApp, id int64) ([]byte, string) {
	t.Helper()
	u, key := a.Sandbox()
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/_sandbox/files/%d", u, id), nil)
	req.Header.Set(indica.DefaultAPIKeyHeader, key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("file %d: %d", id, resp.StatusCode)
	}
	return body, resp.Header.Get("Content-Type")
}

func TestWithoutStateIDTheCustomerIsPending(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	v := newVisitor(t, a.srv.URL)
	form := detailsForm()
	form.Del("state_id")
	form.Del("state_id_expires_on")
	form.Set("type", "recreational")
	v.signUp(form, map[string][]byte{"id.jpg": rotatedPhoto()}, nil)
	v.expect(http.StatusOK, "You're signed up")
	if !strings.Contains(v.page.Find("main").Text(), "they will check your ID") {
		t.Fatal("a customer without a state ID should be told the desk will check it")
	}
	page, err := sandboxClient(t, a).ListCustomers(context.Background(), indica.CustomerQuery{Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil || page.Total != 1 || page.Items[0].Status != indica.StatusPending {
		t.Fatalf("want one Pending customer, got %+v, %v", page, err)
	}
}

func TestBadInputNeverReachesTheSandbox(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	v := newVisitor(t, a.srv.URL)
	v.get("/kiosk")
	v.submit("/kiosk/start", nil)
	form := detailsForm()
	form.Set("phone", "555-0100")
	form.Set("type", "caregiver")
	form.Set("manual_groups", "4")
	form.Del("accept_terms")
	v.submit("/kiosk/details", form)
	v.expect(http.StatusUnprocessableEntity, "Your details")
	for _, id := range []string{"phone-error", "type-error", "manual_groups-error", "accept_terms-error"} {
		if strings.TrimSpace(v.page.Find("#"+id).Text()) == "" {
			t.Errorf("no message at %s", id)
		}
	}
	if got, _ := v.page.Find("#email").Attr("value"); got != "grace@example.com" {
		t.Errorf("the e-mail typed was not kept: %q", got)
	}
	if n := len(creates(journal(t, a))); n != 0 {
		t.Fatalf("%d create requests reached the sandbox", n)
	}
}

func TestSandboxRefusalShowsAtTheField(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	for i, wantStatus := range []int{http.StatusOK, http.StatusUnprocessableEntity} {
		v := newVisitor(t, a.srv.URL)
		v.signUp(detailsForm(), map[string][]byte{"id.jpg": rotatedPhoto()}, map[string][]byte{"rec.pdf": recommendationPDF}) // the same state ID twice
		if v.status != wantStatus {
			t.Fatalf("signup %d: want %d, got %d", i+1, wantStatus, v.status)
		}
		if i == 1 {
			if msg := v.page.Find("#state_id-error").Text(); !strings.Contains(msg, "has already been taken") {
				t.Fatalf("the sandbox's message should be at the ID field, got %q", msg)
			}
		}
	}
	if n := len(creates(journal(t, a))); n != 2 {
		t.Fatalf("want two create requests (one refused), got %d", n)
	}
}

func TestUnreachableIndicaOnline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + ln.Addr().String()
	ln.Close()
	a := startApp(t, t.TempDir(), func(c *config.Config) {
		c.Indica.BaseURL, c.Indica.APIKey = deadURL, "key"
		c.Indica.Timeout = 2 * time.Second
	})
	v := newVisitor(t, a.srv.URL)
	v.get("/")
	if v.page.Find(".badge").Length() != 0 {
		t.Fatal("no sandbox badge when the app talks to a real API")
	}
	v.get("/kiosk")
	v.submit("/kiosk/start", nil)
	v.expect(http.StatusOK, "Your details")
	form := detailsForm()
	form.Del("manual_groups") // no groups can be offered while IndicaOnline is away
	form.Set("type", "recreational")
	v.submit("/kiosk/details", form)
	v.expect(http.StatusOK, "Photo ID")
	v.attach("/kiosk/documents/id", "id_document", map[string][]byte{"id.jpg": rotatedPhoto()})
	v.submit("/kiosk/documents/id/next", nil)
	v.expect(http.StatusOK, "Is this right?")
	v.submit("/kiosk/submit", nil)
	if v.status != http.StatusServiceUnavailable || !strings.Contains(v.page.Find(`[role="alert"]`).Text(), "ask at the front desk") {
		t.Fatalf("want a calm 503, got %d %q", v.status, v.page.Find("main").Text())
	}
	if logs := a.logs.String(); !strings.Contains(logs, "signup not sent") || !strings.Contains(logs, "unreachable") {
		t.Fatalf("the log must say why: %s", logs)
	}
	resp, err := http.Get(a.srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"storage":"ok"`) {
		t.Fatalf("readyz: %d %s", resp.StatusCode, body)
	}
}

func TestRestartKeepsSessionsAndSandboxData(t *testing.T) {
	dir := t.TempDir()
	first := startApp(t, dir, nil)
	v := newVisitor(t, first.srv.URL)
	v.get("/kiosk")
	v.submit("/kiosk/start", nil)
	form := detailsForm()
	form.Set("type", "recreational")
	v.submit("/kiosk/details", form)
	v.attach("/kiosk/documents/id", "id_document", map[string][]byte{"id.jpg": rotatedPhoto()})
	v.submit("/kiosk/documents/id/next", nil)
	v.expect(http.StatusOK, "Is this right?")
	firstURL := first.srv.URL
	first.srv.Close()
	first.Close()

	second := startApp(t, dir, nil)
	v.base = second.srv.URL
	jarCopy(t, v, firstURL, second.srv.URL)
	v.get("/kiosk/review")
	v.expect(http.StatusOK, "Is this right?") // the same keys read the same cookie; the draft survived
	v.submit("/kiosk/submit", nil)
	v.expect(http.StatusOK, "You're signed up")

	third := startApp(t, dir, nil)
	page, err := sandboxClient(t, third).ListCustomers(context.Background(), indica.CustomerQuery{Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil || page.Total != 1 {
		t.Fatalf("the sandbox must keep its customers across restarts: %+v, %v", page, err)
	}
}

// jarCopy moves the visitor's cookies from one test server's address to another's.
func jarCopy(t *testing.T, v *visitor, from, to string) {
	t.Helper()
	f, _ := url.Parse(from)
	tu, _ := url.Parse(to)
	v.client.Jar.SetCookies(tu, v.client.Jar.Cookies(f))
}

// Hostile files sent through the real app: each gets a clear 4xx on the page, nothing reaches
// IndicaOnline, nothing is kept, and the server keeps serving.
func TestHostileDocumentsThroughTheKiosk(t *testing.T) {
	dataDir := t.TempDir()
	a := startApp(t, dataDir, nil)
	photo := doctest.JPEG(doctest.Quadrants(400, 300), 90)
	pages := `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`
	page := `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>`
	tests := []struct {
		name   string
		data   []byte
		status int
		says   string
	}{
		{"bomb.png", doctest.BombPNG(), 422, "too large"},
		{"truncated.jpg", photo[:len(photo)/2], 422, "could not be read"},
		{"page.jpg", []byte("<!DOCTYPE html><html><body>hello</body></html>"), 422, "not a photo or a PDF"},
		{"logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 422, "not a photo or a PDF"},
		{"empty.jpg", []byte{}, 422, "empty"},
		{"script.pdf", doctest.ClassicPDF(`<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>`, pages, page), 422, "scripts"},
		{"locked.pdf", bytes.Replace(doctest.ClassicPDF(`<< /Type /Catalog /Pages 2 0 R >>`, pages, page, `<< /Filter /Standard /V 2 >>`), []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Encrypt 4 0 R >>"), 1), 422, "password"},
		{"huge.jpg", append(append([]byte{}, photo...), make([]byte, 21<<20)...), 413, "more than 20 MB"},
	}
	v := newVisitor(t, a.srv.URL)
	v.get("/kiosk")
	v.submit("/kiosk/start", nil)
	form := detailsForm()
	form.Set("type", "recreational")
	v.submit("/kiosk/details", form)
	v.expect(http.StatusOK, "Photo ID")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.get("/kiosk/documents/id")
			v.attach("/kiosk/documents/id", "id_document", map[string][]byte{tt.name: tt.data})
			if v.status != tt.status {
				t.Fatalf("want %d, got %d", tt.status, v.status)
			}
			msg := v.page.Find("#id_document-error").Text()
			if tt.status == 413 {
				msg = v.page.Find("main").Text()
			}
			if !strings.Contains(msg, tt.says) {
				t.Fatalf("the page does not say %q: %q", tt.says, msg)
			}
		})
	}
	for _, e := range journal(t, a) {
		if e.Path == indica.PathFileUpload || e.Path == indica.PathCustomers && e.Method == http.MethodPost {
			t.Fatalf("something reached IndicaOnline: %s %s", e.Method, e.Path)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dataDir, "uploads")); len(left) != 0 {
		t.Fatalf("refused files must not be kept, found %d", len(left))
	}
	resp, err := http.Get(a.srv.URL + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the server must keep serving: %v", err)
	}
	resp.Body.Close()
	// And a good photo still goes through after all that.
	v.get("/kiosk/documents/id")
	v.attach("/kiosk/documents/id", "id_document", map[string][]byte{"ok.jpg": photo})
	if n := v.page.Find(`[data-testid="pages"] li`).Length(); v.status != http.StatusOK || n != 1 {
		t.Fatalf("a good photo after the hostile ones: %d, %d pages", v.status, n)
	}
}
