package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"intake/internal/indica"
	"intake/internal/region"
	"intake/internal/signup"
)

func renderDoc(t *testing.T, c templ.Component) (*goquery.Document, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return d, buf.String()
}

func detailsFixture() DetailsPage {
	return DetailsPage{
		Page:         Page{Site: Site{StoreName: "Green <b>Door</b>", Sandbox: true}, Title: "Your details", CSRF: "tok", Kiosk: true, IdleSeconds: 90},
		Action:       "/kiosk/details",
		Values:       signup.Details{FirstName: `<script>alert("x")</script>`, Type: "recreational", ManualGroups: []int64{2}, Address: signup.Address{State: "OR"}},
		Errors:       signup.Errors{signup.Phone: "Enter a 10-digit phone number.", signup.AcceptTerms: "Please accept."},
		Types:        signup.TypeOptions(indica.CustomerTypes("CA")),
		Genders:      signup.GenderOptions(),
		Groups:       []signup.Option{{Value: "1", Label: "Veterans"}, {Value: "2", Label: "Seniors"}},
		Regions:      region.All,
		Today:        "2026-12-03",
		SharedDevice: true,
	}
}

func TestDetailsEscapesWhatCustomersType(t *testing.T) {
	d, html := renderDoc(t, Details(detailsFixture()))
	if strings.Contains(html, "<script>alert") || strings.Contains(html, "<b>Door</b>") {
		t.Fatal("customer or settings text was not escaped")
	}
	if got, _ := d.Find("#first_name").Attr("value"); got != `<script>alert("x")</script>` {
		t.Fatalf("the value must come back as typed, got %q", got)
	}
}

func TestDetailsTiesEachMessageToItsField(t *testing.T) {
	d, _ := renderDoc(t, Details(detailsFixture()))
	phone := d.Find("#phone")
	if v, _ := phone.Attr("aria-invalid"); v != "true" {
		t.Error("the phone field must be marked invalid")
	}
	if v, _ := phone.Attr("aria-describedby"); !strings.Contains(v, "phone-error") || !strings.Contains(v, "phone-hint") {
		t.Errorf("the phone field must be described by its hint and its error, got %q", v)
	}
	if got := d.Find("#phone-error").Text(); got != "Enter a 10-digit phone number." {
		t.Errorf("phone error: %q", got)
	}
	if _, bad := d.Find("#first_name").Attr("aria-invalid"); bad {
		t.Error("a valid field must not be marked invalid")
	}
	links := d.Find("#error-summary a")
	if links.Length() != 2 {
		t.Fatalf("want a summary link per problem, got %d", links.Length())
	}
	if href, _ := links.First().Attr("href"); href != "#phone" {
		t.Errorf("the first summary link should lead to the first field in form order, got %q", href)
	}
	// Every input and select has a label.
	d.Find("input:not([type=hidden]), select").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if d.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("control %q has no label", id)
		}
	})
}

func TestDetailsOffersTheStoresChoicesAndKeepsSelections(t *testing.T) {
	d, _ := renderDoc(t, Details(detailsFixture()))
	var types []string
	d.Find(`input[name="type"]`).Each(func(_ int, s *goquery.Selection) { v, _ := s.Attr("value"); types = append(types, v) })
	if strings.Join(types, ",") != "medical_with_rec,medical_with_state_card,recreational" {
		t.Fatalf("types: %v", types)
	}
	if _, ok := d.Find(`input[name="type"][value="recreational"]`).Attr("checked"); !ok {
		t.Error("the chosen type must stay chosen")
	}
	if _, ok := d.Find(`#group-2`).Attr("checked"); !ok {
		t.Error("the chosen group must stay ticked")
	}
	if _, ok := d.Find(`#group-1`).Attr("checked"); ok {
		t.Error("an unchosen group must not be ticked")
	}
	if v, _ := d.Find(`#address_state option[selected]`).Attr("value"); v != "OR" {
		t.Errorf("chosen state: %q", v)
	}
	for _, f := range []string{"accepts_marketing_email", "accepts_marketing_sms", "accepts_marketing_mail", "accepts_marketing_calls"} {
		if _, ok := d.Find("#" + f).Attr("checked"); ok {
			t.Errorf("marketing consent %s must never be pre-ticked", f)
		}
	}
	if v, _ := d.Find("body").Attr("data-idle-seconds"); v != "90" {
		t.Errorf("idle timer: %q", v)
	}
	if d.Find("#idle-dialog").Length() != 1 || d.Find("form#kiosk-cancel").Length() != 1 {
		t.Error("a kiosk step needs its idle dialog and a way to start over")
	}
	if d.Find(".badge").Text() != "Sandbox" {
		t.Error("the sandbox badge is missing")
	}
	if v, _ := d.Find("form[data-once]").Attr("autocomplete"); v != "off" {
		t.Error("autofill must be off on a shared device")
	}
}

func TestKioskPagesLinkNowhereButTheSignup(t *testing.T) {
	d, _ := renderDoc(t, KioskWelcome(Page{Site: Site{StoreName: "S", Sandbox: true}, Kiosk: true, CSRF: "t"}, "/kiosk/start"))
	if n := d.Find(`a[href="/sandbox"], a[href="/"]`).Length(); n != 0 {
		t.Fatalf("the kiosk must not lead a customer out of the signup, found %d links", n)
	}
}
