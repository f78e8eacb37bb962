package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"intake/internal/document"
	"intake/internal/indica"
	"intake/internal/signup"
	"intake/internal/store"
	"intake/views"
)

// fakeDrafts is an in-memory DraftStore.
type fakeDrafts struct {
	mu      sync.Mutex
	drafts  map[string]signup.Draft
	claimed map[string]bool
}

func newFakeDrafts() *fakeDrafts {
	return &fakeDrafts{drafts: map[string]signup.Draft{}, claimed: map[string]bool{}}
}

func (f *fakeDrafts) Load(_ context.Context, id string) (signup.Draft, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.drafts[id]
	if !ok {
		return d, store.ErrNoDraft
	}
	return d, nil
}

func (f *fakeDrafts) Save(_ context.Context, id string, d signup.Draft) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drafts[id] = d
	return nil
}

func (f *fakeDrafts) Claim(_ context.Context, id string) (signup.Draft, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.drafts[id]
	switch {
	case !ok:
		return d, store.ErrNoDraft
	case f.claimed[id]:
		return d, store.ErrDraftBusy
	}
	f.claimed[id] = true
	return d, nil
}

func (f *fakeDrafts) Release(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.claimed, id)
	return nil
}

func (f *fakeDrafts) Delete(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.drafts, id)
	delete(f.claimed, id)
	return nil
}

func (f *fakeDrafts) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.drafts)
}

// only answers the one draft there is.
func (f *fakeDrafts) only() signup.Draft {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.drafts {
		return d
	}
	return signup.Draft{}
}

// fakeAPI stands in for IndicaOnline: it records what it was asked and answers err for the kinds of call
// listed in failOn, or success.
type fakeAPI struct {
	mu      sync.Mutex
	calls   []indica.NewCustomer
	uploads []string
	attach  []indica.Document
	err     error
	failOn  string // "create" (the default when err is set), "upload" or "attach"
	status  string
}

func (f *fakeAPI) fails(kind string) bool {
	return f.err != nil && (f.failOn == kind || (f.failOn == "" && kind == "create"))
}

func (f *fakeAPI) UploadFile(_ context.Context, name, contentType string, r io.Reader) (*indica.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails("upload") {
		return nil, f.err
	}
	body, _ := io.ReadAll(r)
	f.uploads = append(f.uploads, name+":"+string(body))
	return &indica.File{ID: int64(500 + len(f.uploads)), Name: name, MimeType: contentType}, nil
}

func (f *fakeAPI) CreateCustomer(_ context.Context, nc indica.NewCustomer) (*indica.Customer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, nc)
	if f.fails("create") {
		return nil, f.err
	}
	status := f.status
	if status == "" {
		status = indica.StatusPending
	}
	return &indica.Customer{ID: int64(len(f.calls)), Profile: nc.Profile, Status: status}, nil
}

func (f *fakeAPI) AttachDocuments(_ context.Context, id int64, docs ...indica.Document) (*indica.Customer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails("attach") {
		return nil, f.err
	}
	f.attach = append(f.attach, docs...)
	return &indica.Customer{ID: id}, nil
}

// fakeNormalizer takes a file whose content starts with "photo" or "pdf" and refuses anything else. A
// photo whose content says "hold" waits, once entered, until gate is closed.
type fakeNormalizer struct {
	entered chan struct{}
	gate    chan struct{}
}

func (f *fakeNormalizer) Normalize(_ context.Context, r io.Reader) (*document.Result, error) {
	body, _ := io.ReadAll(r)
	if bytes.Contains(body, []byte("hold")) {
		f.entered <- struct{}{}
		<-f.gate
	}
	switch {
	case bytes.HasPrefix(body, []byte("photo")):
		res := &document.Result{Data: body, ContentType: "image/jpeg", In: document.JPEG, Width: 2000, Height: 1500, Quality: &document.Quality{}, Thumbnail: []byte("thumb")}
		if bytes.Contains(body, []byte("blurred")) {
			res.Quality.Blurry = true
		}
		return res, nil
	case bytes.HasPrefix(body, []byte("pdf")):
		return &document.Result{Data: body, ContentType: "application/pdf", In: document.PDF, Pages: 2}, nil
	}
	return nil, &document.RejectError{Message: "This file is not a photo or a PDF. Accepted: " + document.Accepted + "."}
}

// fakeFiles is an in-memory FileStore.
type fakeFiles struct {
	mu    sync.Mutex
	files map[string][]byte
	n     int
}

func (f *fakeFiles) Put(data []byte, ext string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	name := fmt.Sprintf("FILE%d%s", f.n, ext)
	f.files[name] = data
	return name, nil
}

func (f *fakeFiles) Open(name string) (io.ReadCloser, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	data, ok := f.files[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

func (f *fakeFiles) Delete(names ...string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, n := range names {
		delete(f.files, n)
	}
	return nil
}

func (f *fakeFiles) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.files)
}

type fakeRules struct{ err error }

func (f fakeRules) Rules(context.Context) (signup.Rules, error) {
	return signup.Rules{
		Today:              time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC),
		CustomerTypes:      indica.CustomerTypes("CA"),
		ManualGroups:       []indica.Group{{ID: 1, Name: "Veterans", Type: indica.GroupManual}, {ID: 2, Name: "Seniors", Type: indica.GroupManual}},
		MinAgeRecreational: 21,
		MinAgeMedical:      18,
	}, f.err
}

// harness is the kiosk's handlers over fakes, with a log kept in memory so tests can read it.
type harness struct {
	t       *testing.T
	e       *echo.Echo
	drafts  *fakeDrafts
	creator *fakeAPI
	files   *fakeFiles
	norm    *fakeNormalizer
	logs    *bytes.Buffer
	jar     http.CookieJar
	base    *url.URL
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, drafts: newFakeDrafts(), creator: &fakeAPI{}, files: &fakeFiles{files: map[string][]byte{}}, logs: &bytes.Buffer{},
		norm: &fakeNormalizer{entered: make(chan struct{}, 1), gate: make(chan struct{})}}
	h.jar, _ = cookiejar.New(nil)
	h.base, _ = url.Parse("http://intake.test/")
	h.e = New(Deps{
		Log:       slog.New(slog.NewTextHandler(&lockedWriter{w: h.logs}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Site:      views.Site{StoreName: "Test Store"},
		Sessions:  NewCookieStore(bytes.Repeat([]byte{1}, 64), bytes.Repeat([]byte{2}, 32), false),
		Drafts:    h.drafts,
		Customers: h.creator,
		Rules:     fakeRules{},
		Documents: DocumentSettings{
			Normalizer: h.norm, Files: h.files, MaxUploadBytes: 1 << 20, MaxEdge: 2000, MaxUploads: 1, UploadWait: 50 * time.Millisecond, RequireID: true, RequireMedical: true,
		},
		Ready: []ReadinessCheck{
			{Name: "storage", Check: func(context.Context) error { return nil }},
		},
		Kiosk:    KioskSettings{DoneAfter: 8 * time.Second, IdleTimeout: 2 * time.Minute, IdleGrace: 30 * time.Second},
		Location: time.UTC,
	})
	return h
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// do sends one request with the harness's cookies, keeping whatever cookies come back.
func (h *harness) do(method, path string, form url.Values) *httptest.ResponseRecorder {
	h.t.Helper()
	rec := serve(h, httptestForm(method, path, form))
	h.jar.SetCookies(h.base, rec.Result().Cookies())
	return rec
}

// token answers the CSRF token of the page at path, as a browser would find it in the form.
func (h *harness) token(path string) string {
	h.t.Helper()
	rec := h.do(http.MethodGet, path, nil)
	if rec.Code != http.StatusOK {
		h.t.Fatalf("GET %s: %d", path, rec.Code)
	}
	tok, ok := doc(h.t, rec).Find(`input[name="_csrf"]`).First().Attr("value")
	if !ok || tok == "" {
		h.t.Fatalf("no CSRF token on %s", path)
	}
	return tok
}

// start begins a signup and answers the token to post with.
func (h *harness) start() string {
	h.t.Helper()
	tok := h.token("/kiosk")
	rec := h.do(http.MethodPost, "/kiosk/start", url.Values{"_csrf": {tok}})
	expectRedirect(h.t, rec, "/kiosk/details")
	return tok
}

func doc(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func expectRedirect(t *testing.T, rec *httptest.ResponseRecorder, location string) {
	t.Helper()
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != location {
		t.Fatalf("want 303 to %s, got %d to %q", location, rec.Code, rec.Header().Get("Location"))
	}
}

// upload sends files to a document step as a browser sends a form with file fields.
func (h *harness) upload(kind, field, tok string, files ...string) *httptest.ResponseRecorder {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", tok)
	for i, content := range files {
		w, _ := mw.CreateFormFile(field, fmt.Sprintf("IMG_%04d.HEIC", i))
		w.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/kiosk/documents/"+kind, &body)
	req.Header.Set(echo.HeaderContentType, mw.FormDataContentType())
	rec := serve(h, req)
	h.jar.SetCookies(h.base, rec.Result().Cookies())
	return rec
}

// readyToSubmit fills in valid details and a photo of the ID, as a customer would, up to the review.
func (h *harness) readyToSubmit(tok string) {
	h.t.Helper()
	expectRedirect(h.t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	expectRedirect(h.t, h.upload("id", "id_document", tok, "photo of the front"), "/kiosk/documents/id")
	expectRedirect(h.t, h.do(http.MethodPost, "/kiosk/documents/id/next", url.Values{"_csrf": {tok}}), "/kiosk/review")
}

// validForm is a complete, valid details form.
func validForm(tok string) url.Values {
	return url.Values{
		"_csrf":         {tok},
		"first_name":    {"Ada"},
		"last_name":     {"Lovelace"},
		"date_of_birth": {"1985-12-10"},
		"gender":        {"female"},
		"type":          {"recreational"},
		"phone":         {"(555) 123-4567"},
		"email":         {"ada@example.com"},
		"manual_groups": {"1", "2"},
		"accept_terms":  {"true"},
	}
}

var errUnreachable = errors.New("connection refused")

func httptestForm(method, path string, form url.Values) *http.Request {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	}
	return req
}

func httptestRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func serve(h *harness, req *http.Request) *httptest.ResponseRecorder {
	for _, c := range h.jar.Cookies(h.base) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.e.ServeHTTP(rec, req)
	return rec
}
