package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"intake/internal/indica"
)

func TestDocumentsAreAddedListedAndRemoved(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")

	expectRedirect(t, h.upload("id", "id_document", tok, "photo front", "photo back, blurred"), "/kiosk/documents/id")
	if h.files.count() != 2 || len(h.drafts.only().Of(indica.DocumentStateID)) != 2 {
		t.Fatalf("want both pages kept: %d files, %d documents", h.files.count(), len(h.drafts.only().Documents))
	}
	rec := h.do(http.MethodGet, "/kiosk/documents/id", nil)
	d := doc(t, rec)
	pages := d.Find(`[data-testid="pages"] li`)
	if pages.Length() != 2 {
		t.Fatalf("want 2 pages listed, got %d", pages.Length())
	}
	if src, _ := pages.First().Find("img").Attr("src"); !strings.HasPrefix(src, "data:image/jpeg;base64,") {
		t.Fatalf("a photo's thumbnail travels inside the page, never as a file address: %q", src)
	}
	if got := d.Find(`[data-testid="retake"]`).Text(); !strings.Contains(got, "blurred") {
		t.Fatalf("the blurred photo should get a retake prompt, got %q", got)
	}
	if v, _ := d.Find("form[data-upload]").Attr("data-max-edge"); v != "2000" {
		t.Fatalf("the browser must scale to the server's edge, got %q", v)
	}
	if d.Find(`input[type=file][name="id_document"][capture="environment"]`).Length() != 1 {
		t.Fatal("the camera input (accept with capture) must be there for pages without scripts")
	}

	expectRedirect(t, h.do(http.MethodPost, "/kiosk/documents/id/remove", url.Values{"_csrf": {tok}, "page": {"1"}}), "/kiosk/documents/id")
	if h.files.count() != 1 || len(h.drafts.only().Documents) != 1 {
		t.Fatalf("remove must delete the page and its file: %d files, %d documents", h.files.count(), len(h.drafts.only().Documents))
	}
	rec = h.do(http.MethodPost, "/kiosk/documents/id/remove", url.Values{"_csrf": {tok}, "page": {"5"}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("removing a page that is not there: %d", rec.Code)
	}
}

func TestRefusedDocumentsComeBackWithTheReason(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	for name, tt := range map[string]struct {
		files  []string
		status int
		says   string
	}{
		"not a photo":           {[]string{"<html>"}, http.StatusUnprocessableEntity, "not a photo or a PDF"},
		"nothing chosen":        {nil, http.StatusUnprocessableEntity, "Choose a photo"},
		"one good then one bad": {[]string{"photo ok", "MZ binary"}, http.StatusUnprocessableEntity, "Accepted:"},
		"more than the limit":   {[]string{"photo " + strings.Repeat("x", 1<<20)}, http.StatusRequestEntityTooLarge, "1 MB"},
	} {
		t.Run(name, func(t *testing.T) {
			before := len(h.drafts.only().Documents)
			rec := h.upload("id", "id_document", tok, tt.files...)
			if rec.Code != tt.status {
				t.Fatalf("want %d, got %d", tt.status, rec.Code)
			}
			body := rec.Body.String()
			if tt.status == http.StatusUnprocessableEntity {
				msg := doc(t, rec).Find("#id_document-error").Text()
				if !strings.Contains(msg, tt.says) {
					t.Fatalf("message at the file field %q does not say %q", msg, tt.says)
				}
			} else if !strings.Contains(body, tt.says) {
				t.Fatalf("the page does not say %q", tt.says)
			}
			kept := len(h.drafts.only().Documents) - before
			if want := strings.Count(strings.Join(tt.files, "|"), "photo ok"); kept != want {
				t.Fatalf("kept %d pages, want %d", kept, want)
			}
			if h.files.count() != len(h.drafts.only().Documents) {
				t.Fatal("a file is stored that no draft holds")
			}
		})
	}
	if len(h.creator.uploads)+len(h.creator.calls) != 0 {
		t.Fatal("nothing may reach IndicaOnline before the customer signs up")
	}
}

func TestDocumentStepsFollowTheCustomer(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	form := validForm(tok)
	form.Set("type", "medical_with_rec")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", form), "/kiosk/documents/id")

	rec := h.do(http.MethodPost, "/kiosk/documents/id/next", url.Values{"_csrf": {tok}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "add a photo of your ID") {
		t.Fatalf("going on without the required ID photo: %d", rec.Code)
	}
	expectRedirect(t, h.upload("id", "id_document", tok, "photo"), "/kiosk/documents/id")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/documents/id/next", url.Values{"_csrf": {tok}}), "/kiosk/documents/medical")
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/review", nil), "/kiosk/documents/medical")
	rec = h.do(http.MethodPost, "/kiosk/documents/medical/next", url.Values{"_csrf": {tok}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a medical customer needs the recommendation: %d", rec.Code)
	}
	expectRedirect(t, h.upload("medical", "medical_document", tok, "pdf of the recommendation"), "/kiosk/documents/medical")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/documents/medical/next", url.Values{"_csrf": {tok}}), "/kiosk/review")

	review := doc(t, h.do(http.MethodGet, "/kiosk/review", nil)).Find("main").Text()
	for _, want := range []string{"Photo ID", "Medical recommendation", "PDF, 2 pages"} {
		if !strings.Contains(review, want) {
			t.Errorf("the review does not show %q", want)
		}
	}
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}}), "/kiosk/done?status=pending")
	if len(h.creator.uploads) != 2 || len(h.creator.attach) != 1 {
		t.Fatalf("want 2 uploads and the second attached: %v, %v", h.creator.uploads, h.creator.attach)
	}
	if !strings.HasPrefix(h.creator.uploads[0], "state_id-1.jpg:") || !strings.HasPrefix(h.creator.uploads[1], "medical_recommendation-2.pdf:") {
		t.Fatalf("uploads named by what they are: %v", h.creator.uploads)
	}
	if got := h.creator.attach[0]; got.FieldID != 502 || got.DocumentType != indica.DocumentMedicalRecommendation {
		t.Fatalf("attached %+v", got)
	}
	if !h.creator.calls[0].HasMedicalRecommendation {
		t.Fatal("a customer with a medical document has a recommendation")
	}
	if h.files.count() != 0 {
		t.Fatal("files must go once IndicaOnline has them")
	}
}

func TestARetryAfterAFailedAttachDoesNotCreateTwice(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	expectRedirect(t, h.upload("id", "id_document", tok, "photo front", "photo back"), "/kiosk/documents/id")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/documents/id/next", url.Values{"_csrf": {tok}}), "/kiosk/review")

	h.creator.err, h.creator.failOn = errors.Join(indica.ErrServer), "attach"
	rec := h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}})
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("want 503, got %d", rec.Code)
	}
	if d := h.drafts.only(); d.CustomerID == 0 || h.files.count() != 2 {
		t.Fatalf("the draft must remember the customer and keep the files: customer %d, %d files", d.CustomerID, h.files.count())
	}
	h.creator.err = nil
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}}), "/kiosk/done?status=pending")
	if len(h.creator.calls) != 1 || len(h.creator.uploads) != 2 || len(h.creator.attach) != 1 {
		t.Fatalf("creates %d, uploads %d, attaches %d: want 1, 2, 1", len(h.creator.calls), len(h.creator.uploads), len(h.creator.attach))
	}
}

func TestUnknownDocumentStep(t *testing.T) {
	h := newHarness(t)
	h.start()
	if rec := h.do(http.MethodGet, "/kiosk/documents/passport", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("want 404, got %d", rec.Code)
	}
}

func TestCancelDeletesTheDocuments(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	expectRedirect(t, h.upload("id", "id_document", tok, "photo"), "/kiosk/documents/id")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/cancel", url.Values{"_csrf": {tok}}), "/kiosk")
	if h.files.count() != 0 || h.drafts.count() != 0 {
		t.Fatal("starting over must delete the photos too")
	}
}

// Uploads in flight are bounded (to one in this harness): while one is being read, the next waits its
// turn, and past the wait is asked to try again, so memory cannot grow with the number of senders.
func TestUploadsInFlightAreBounded(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	first := make(chan int)
	go func() { first <- h.upload("id", "id_document", tok, "photo, hold").Code }()
	<-h.norm.entered // the first upload holds the only slot
	rec := h.upload("id", "id_document", tok, "photo two")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Many photos are arriving at once") ||
		!strings.Contains(rec.Body.String(), "Please try again in a moment") {
		t.Fatalf("want a 503 asking to try again, got %d", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), `href="/kiosk/documents/id"`) {
		t.Fatal("the page must lead back to the photos")
	}
	close(h.norm.gate)
	if code := <-first; code != http.StatusSeeOther {
		t.Fatalf("the first upload: %d", code)
	}
	expectRedirect(t, h.upload("id", "id_document", tok, "photo two"), "/kiosk/documents/id")
	if n := len(h.drafts.only().Documents); n != 2 {
		t.Fatalf("want both photos kept in the end, got %d", n)
	}
}
