package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"intake/internal/indica"
	"intake/internal/signup"
)

func TestKioskWalkthroughCreatesTheCustomerAndForgetsIt(t *testing.T) {
	h := newHarness(t)
	tok := h.start()

	h.readyToSubmit(tok)

	rec := h.do(http.MethodGet, "/kiosk/review", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("review: %d", rec.Code)
	}
	summary := doc(t, rec).Find("dl.summary").Text()
	for _, want := range []string{"Ada Lovelace", "1985-12-10", "(555) 123-4567", "Veterans", "Seniors", "Adult use"} {
		if !strings.Contains(summary, want) {
			t.Errorf("review does not show %q: %s", want, summary)
		}
	}

	rec = h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}})
	expectRedirect(t, rec, "/kiosk/done?status=pending")
	if len(h.creator.calls) != 1 || len(h.creator.uploads) != 1 {
		t.Fatalf("want one upload and one create, got %d and %d", len(h.creator.uploads), len(h.creator.calls))
	}
	sent := h.creator.calls[0]
	if sent.FieldID != 501 || sent.DocumentType != indica.DocumentStateID {
		t.Fatalf("the create must carry the ID photo: field_id %d, %q", sent.FieldID, sent.DocumentType)
	}
	if h.files.count() != 0 {
		t.Fatal("the photo's file must be deleted once IndicaOnline has it")
	}
	if sent.FirstName != "Ada" || sent.Phone != "5551234567" || sent.Email != "ada@example.com" || sent.Type != "recreational" ||
		len(sent.ManualGroups) != 2 || sent.HasMedicalRecommendation || sent.StateID != "" {
		t.Fatalf("sent: %+v", sent.Profile)
	}
	if h.drafts.count() != 0 {
		t.Fatal("the draft must be deleted once the customer exists")
	}

	// The session no longer leads to the customer: every step sends the next person back to welcome.
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/review", nil), "/kiosk")
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/details", nil), "/kiosk")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}}), "/kiosk")
	if len(h.creator.calls) != 1 {
		t.Fatal("a second submit must not create again")
	}

	// The log says what happened without saying who.
	logs := h.logs.String()
	if !strings.Contains(logs, "customer created") {
		t.Fatalf("no log of the creation: %s", logs)
	}
	for _, pii := range []string{"Ada", "Lovelace", "1985-12-10", "5551234567", "ada@example.com"} {
		if strings.Contains(logs, pii) {
			t.Errorf("the log holds customer data %q", pii)
		}
	}
}

func TestDoneScreenReturnsToWelcome(t *testing.T) {
	h := newHarness(t)
	for status, wording := range map[string]string{"verified": "account is ready", "pending": "they will check your ID"} {
		rec := h.do(http.MethodGet, "/kiosk/done?status="+status, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("done: %d", rec.Code)
		}
		d := doc(t, rec)
		refresh, _ := d.Find(`meta[http-equiv="refresh"]`).Attr("content")
		if refresh != "8;url=/kiosk" {
			t.Fatalf("want the page to return to /kiosk after 8 seconds, got %q", refresh)
		}
		if !strings.Contains(d.Find("main").Text(), wording) {
			t.Errorf("%s: done page does not say %q", status, wording)
		}
	}
}

func TestInvalidDetailsComeBackWithTheirValuesAndNothingIsSent(t *testing.T) {
	tests := []struct {
		name   string
		change func(url.Values)
		field  signup.Field
	}{
		{"missing first name", func(v url.Values) { v.Del("first_name") }, signup.FirstName},
		{"missing last name", func(v url.Values) { v.Set("last_name", "  ") }, signup.LastName},
		{"missing birth date", func(v url.Values) { v.Del("date_of_birth") }, signup.DateOfBirth},
		{"impossible birth date", func(v url.Values) { v.Set("date_of_birth", "1985-02-31") }, signup.DateOfBirth},
		{"future birth date", func(v url.Values) { v.Set("date_of_birth", "2030-01-01") }, signup.DateOfBirth},
		{"under age", func(v url.Values) { v.Set("date_of_birth", "2010-01-01") }, signup.DateOfBirth},
		{"missing gender", func(v url.Values) { v.Del("gender") }, signup.Gender},
		{"phone of 9 digits", func(v url.Values) { v.Set("phone", "555-123-456") }, signup.Phone},
		{"phone of 11 digits", func(v url.Values) { v.Set("phone", "555-123-45678") }, signup.Phone},
		{"not an e-mail", func(v url.Values) { v.Set("email", "ada@") }, signup.Email},
		{"type of another state", func(v url.Values) { v.Set("type", "caregiver") }, signup.Type},
		{"missing type", func(v url.Values) { v.Del("type") }, signup.Type},
		{"group that is not a manual group", func(v url.Values) { v["manual_groups"] = []string{"4"} }, signup.ManualGroups},
		{"group that is not a number", func(v url.Values) { v["manual_groups"] = []string{"VIP"} }, signup.ManualGroups},
		{"name over its length", func(v url.Values) { v.Set("first_name", strings.Repeat("A", 51)) }, signup.FirstName},
		{"ID over its length", func(v url.Values) { v.Set("state_id", strings.Repeat("1", 31)) }, signup.StateID},
		{"expired ID", func(v url.Values) { v.Set("state_id", "D1"); v.Set("state_id_expires_on", "2020-01-01") }, signup.StateIDExpiresOn},
		{"terms unchecked", func(v url.Values) { v.Del("accept_terms") }, signup.AcceptTerms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			tok := h.start()
			form := validForm(tok)
			form.Set("middle_name", "Byron")
			tt.change(form)
			rec := h.do(http.MethodPost, "/kiosk/details", form)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("want 422, got %d", rec.Code)
			}
			d := doc(t, rec)
			msg := strings.TrimSpace(d.Find("#" + string(tt.field) + "-error").Text())
			if msg == "" {
				t.Fatalf("no message next to %s; errors shown: %q", tt.field, d.Find(".error-text").Text())
			}
			if !strings.Contains(d.Find("#error-summary").Text(), msg) {
				t.Errorf("the summary does not repeat %q", msg)
			}
			if got, _ := d.Find("#middle_name").Attr("value"); got != "Byron" {
				t.Errorf("values must be kept: middle_name = %q", got)
			}
			if len(h.creator.calls) != 0 {
				t.Fatal("nothing may reach IndicaOnline")
			}
			draft, _ := h.drafts.Load(t.Context(), firstKey(h.drafts))
			if draft.Details.FirstName != "" {
				t.Fatal("invalid details must not be kept in the draft")
			}
		})
	}
}

func TestIndicaOnlineValidationLandsAtTheFields(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	h.readyToSubmit(tok)
	h.creator.err = &indica.ValidationError{Message: "Validation failed", Fields: map[string][]string{
		"phone":       {"has already been taken"},
		"address.zip": {"is invalid"},
		"base":        {"store is closed"},
	}}
	rec := h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("want 422, got %d", rec.Code)
	}
	d := doc(t, rec)
	if got := d.Find("#phone-error").Text(); !strings.Contains(got, "has already been taken") {
		t.Errorf("phone message: %q", got)
	}
	if got := d.Find("#address_zip-error").Text(); !strings.Contains(got, "is invalid") {
		t.Errorf("zip message: %q", got)
	}
	if got := d.Find("#error-summary").Text(); !strings.Contains(got, "store is closed") {
		t.Errorf("a message for no field must still be shown: %q", got)
	}
	if got, _ := d.Find("#first_name").Attr("value"); got != "Ada" {
		t.Errorf("values must be kept, first_name = %q", got)
	}
	if h.drafts.count() != 1 {
		t.Fatal("the draft must be kept for the correction")
	}
	// Corrected, it goes through: the claim was released.
	h.creator.err = nil
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}}), "/kiosk/done?status=pending")
}

func TestUnreachableIndicaOnlineGetsACalmMessage(t *testing.T) {
	for name, err := range map[string]error{
		"unreachable":  fmt.Errorf("%w: %w", indica.ErrUnavailable, errUnreachable),
		"rate limited": &indica.APIError{StatusCode: 429},
		"server error": &indica.APIError{StatusCode: 502},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			tok := h.start()
			h.readyToSubmit(tok)
			h.creator.err = err
			rec := h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}})
			if rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("want 503, got %d", rec.Code)
			}
			if got := doc(t, rec).Find(`[role="alert"]`).Text(); !strings.Contains(got, "ask at the front desk") {
				t.Fatalf("message: %q", got)
			}
			if h.drafts.count() != 1 {
				t.Fatal("the details must be kept for a retry")
			}
			if !strings.Contains(h.logs.String(), "signup not sent") || !strings.Contains(h.logs.String(), "reason=") {
				t.Fatalf("the log must say why: %s", h.logs.String())
			}
		})
	}
}

func TestSubmitWhileAlreadySending(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	h.readyToSubmit(tok)
	id := firstKey(h.drafts)
	if _, err := h.drafts.Claim(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	rec := h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}})
	if rec.Code != http.StatusConflict || len(h.creator.calls) != 0 {
		t.Fatalf("want 409 and no create, got %d and %d creates", rec.Code, len(h.creator.calls))
	}
}

func TestCSRF(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	for name, form := range map[string]url.Values{
		"no token":    func() url.Values { f := validForm(tok); f.Del("_csrf"); return f }(),
		"wrong token": func() url.Values { f := validForm(tok); f.Set("_csrf", "forged"); return f }(),
	} {
		rec := h.do(http.MethodPost, "/kiosk/details", form)
		if rec.Code != http.StatusForbidden && rec.Code != http.StatusBadRequest {
			t.Errorf("%s: want 400 or 403, got %d", name, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), "start again") {
			t.Errorf("%s: the page must say what to do", name)
		}
	}
	// A post from another site is refused by the browser's own word, token or not.
	req := httptestForm(http.MethodPost, "/kiosk/start", url.Values{"_csrf": {tok}})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := serve(h, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site post: want 403, got %d", rec.Code)
	}
	if h.drafts.count() != 1 || len(h.creator.calls) != 0 {
		t.Fatal("a refused post changed something")
	}
}

func TestCancelForgetsTheDraft(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	h.readyToSubmit(tok)
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/cancel", url.Values{"_csrf": {tok}}), "/kiosk")
	if h.drafts.count() != 0 {
		t.Fatal("cancel must delete the draft")
	}
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/review", nil), "/kiosk")
}

func TestStartingAgainDeletesTheAbandonedDraft(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	h.readyToSubmit(tok)
	h.start()
	if h.drafts.count() != 1 {
		t.Fatalf("want only the new draft, got %d", h.drafts.count())
	}
	rec := h.do(http.MethodGet, "/kiosk/details", nil)
	if got, _ := doc(t, rec).Find("#first_name").Attr("value"); got != "" {
		t.Fatalf("the next customer sees %q", got)
	}
}

func TestReviewGoesBackToTheFirstStepNotDone(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/review", nil), "/kiosk/details")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/details", validForm(tok)), "/kiosk/documents/id")
	expectRedirect(t, h.do(http.MethodGet, "/kiosk/review", nil), "/kiosk/documents/id")
	expectRedirect(t, h.do(http.MethodPost, "/kiosk/submit", url.Values{"_csrf": {tok}}), "/kiosk/documents/id")
	if len(h.creator.calls) != 0 {
		t.Fatal("a signup without its ID photo must not be sent")
	}
}

func TestSessionCookieHoldsNoCustomerData(t *testing.T) {
	h := newHarness(t)
	tok := h.start()
	rec := h.do(http.MethodPost, "/kiosk/details", validForm(tok))
	expectRedirect(t, rec, "/kiosk/documents/id")
	for _, c := range rec.Result().Cookies() {
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %s must be HttpOnly and SameSite=Lax", c.Name)
		}
	}
	for _, c := range h.jar.Cookies(h.base) {
		if len(c.Value) > 400 {
			t.Errorf("cookie %s is %d bytes: it should hold an id, not details", c.Name, len(c.Value))
		}
		for _, pii := range []string{"Ada", "Lovelace", "1985", "555"} {
			if strings.Contains(c.Value, pii) {
				t.Errorf("cookie %s holds %q", c.Name, pii)
			}
		}
	}
}

func TestPagesAreNeverCached(t *testing.T) {
	h := newHarness(t)
	h.start()
	for _, path := range []string{"/", "/kiosk", "/kiosk/details", "/kiosk/done"} {
		rec := h.do(http.MethodGet, path, nil)
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, rec.Header().Get("Cache-Control"))
		}
		if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("%s: no content security policy", path)
		}
	}
	rec := h.do(http.MethodGet, "/kiosk/details", nil)
	if ac, _ := doc(t, rec).Find("#first_name").Attr("autocomplete"); ac != "off" {
		t.Errorf("the kiosk must not offer one customer's details to the next: autocomplete=%q", ac)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	h := newHarness(t)
	if rec := h.do(http.MethodGet, "/healthz", nil); rec.Code != http.StatusOK {
		t.Fatalf("healthz: %d", rec.Code)
	}
	rec := h.do(http.MethodGet, "/readyz", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"storage":"ok"`) {
		t.Fatalf("readyz: %d %s", rec.Code, rec.Body)
	}
	failing := showReadiness([]ReadinessCheck{
		{Name: "storage", Check: func(context.Context) error { return nil }},
		{Name: "indica", Check: func(context.Context) error { return indica.ErrUnauthorized }},
	})
	req := httptestForm(http.MethodGet, "/readyz", nil)
	rec = httptestRecorder()
	if err := failing(h.e.NewContext(req, rec)); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"indica":"failing`) {
		t.Fatalf("readyz with IndicaOnline failing: %d %s", rec.Code, rec.Body)
	}
}

func TestUnknownPageGetsAFriendly404(t *testing.T) {
	h := newHarness(t)
	rec := h.do(http.MethodGet, "/no/such/page", nil)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Page not found") {
		t.Fatalf("404: %d", rec.Code)
	}
	if !strings.Contains(h.logs.String(), "level=WARN") {
		t.Fatal("a 404 should be logged as a warning")
	}
}

func firstKey(f *fakeDrafts) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := range f.drafts {
		return k
	}
	return ""
}
