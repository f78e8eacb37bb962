package handlers

import (
	"encoding/base64"

	"github.com/labstack/echo/v4"

	"intake/internal/indica"
	"intake/internal/signup"
	"intake/views"
)

// docStep is one of the kiosk's document steps.
type docStep struct {
	kind    string // in the address: /kiosk/documents/{kind}
	docType string // IndicaOnline's document type
	field   string // the form's file field, which may repeat
	title   string
	intro   string
}

var (
	idStep = docStep{
		kind: "id", docType: indica.DocumentStateID, field: "id_document", title: "Photo ID",
		intro: "Take a photo of the front of your driver licence or ID card, then of the back. Hold it flat, fill the frame, and avoid glare.",
	}
	medicalStep = docStep{
		kind: "medical", docType: indica.DocumentMedicalRecommendation, field: "medical_document", title: "Medical recommendation",
		intro: "Take a photo of each page of your doctor's recommendation or state medical card, or choose a PDF of it.",
	}
)

// stepDraft answers the document step the address names and the signup in progress: echo.ErrNotFound for
// a step that does not exist, store.ErrNoDraft when there is no signup (orWelcome answers both).
func stepDraft(c echo.Context, sess kioskSession, drafts DraftStore) (docStep, string, signup.Draft, error) {
	step, ok := stepOf(c)
	if !ok {
		return step, "", signup.Draft{}, echo.ErrNotFound
	}
	id, draft, err := loadDraft(c, sess, drafts)
	return step, id, draft, err
}

func stepOf(c echo.Context) (docStep, bool) {
	switch c.Param("kind") {
	case idStep.kind:
		return idStep, true
	case medicalStep.kind:
		return medicalStep, true
	}
	return docStep{}, false
}

// required reports whether the step must have a document before the customer goes on.
func (s docStep) required(d signup.Draft, ds DocumentSettings) bool {
	if s == medicalStep {
		return ds.RequireMedical && d.Details.IsMedical()
	}
	return ds.RequireID
}

// nextAfter answers where the customer goes after a document step: the medical step for a medical
// customer, then the review.
func nextAfter(c echo.Context, s docStep, d signup.Draft) string {
	if s == idStep && d.Details.IsMedical() {
		return c.Echo().Reverse(routeKioskDocuments, medicalStep.kind)
	}
	return c.Echo().Reverse(routeKioskReview)
}

// firstIncomplete answers the address of the first step the draft still needs, or "" when it is ready
// to be reviewed and sent.
func firstIncomplete(c echo.Context, d signup.Draft, r signup.Rules, ds DocumentSettings) string {
	if len(d.Details.Validate(r)) > 0 {
		return c.Echo().Reverse(routeKioskDetails)
	}
	for _, s := range []docStep{idStep, medicalStep} {
		if s.required(d, ds) && len(d.Of(s.docType)) == 0 {
			return c.Echo().Reverse(routeKioskDocuments, s.kind)
		}
	}
	return ""
}

// documentsPage answers the model of a document step's page.
func documentsPage(c echo.Context, site views.Site, k KioskSettings, ds DocumentSettings, s docStep, d signup.Draft, problem string) views.DocumentsPage {
	p := views.DocumentsPage{
		Page:         kioskPage(c, site, s.title, k, true),
		Heading:      s.title,
		Intro:        s.intro,
		Field:        s.field,
		Action:       c.Echo().Reverse(routeKioskDocumentUpload, s.kind),
		RemoveAction: c.Echo().Reverse(routeKioskDocumentRemove, s.kind),
		NextAction:   c.Echo().Reverse(routeKioskDocumentsNext, s.kind),
		CancelAction: c.Echo().Reverse(routeKioskCancel),
		Required:     s.required(d, ds),
		MaxUploadMB:  int(ds.MaxUploadBytes >> 20),
		MaxEdge:      ds.MaxEdge,
		Error:        problem,
	}
	for i, doc := range d.Of(s.docType) {
		p.Documents = append(p.Documents, documentView(i, doc))
	}
	return p
}

func documentView(i int, doc signup.Document) views.DocumentView {
	return views.DocumentView{
		Index: i, PDF: doc.ContentType == "application/pdf", Pages: doc.Pages,
		Width: doc.Width, Height: doc.Height, Thumbnail: doc.Thumbnail, Retake: doc.Retake,
	}
}

func thumbnailURI(jpeg []byte) string {
	if len(jpeg) == 0 {
		return ""
	}
	return "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(jpeg)
}
