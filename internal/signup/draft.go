package signup

import (
	"context"
	"fmt"
	"io"
	"slices"

	"intake/internal/indica"
)

// Draft is a signup in progress: what the customer entered, the documents they added, and how far
// sending it to IndicaOnline has got. It is kept server-side until the customer exists, then deleted.
type Draft struct {
	Details   Details    `json:"details"`
	Documents []Document `json:"documents"`
	// CustomerID and CustomerStatus are set once IndicaOnline has created the customer, so that a retry
	// attaches what is left instead of creating the customer twice.
	CustomerID     int64  `json:"customer_id,omitempty"`
	CustomerStatus string `json:"customer_status,omitempty"`
}

// Document is one normalised page of an ID or a medical recommendation, waiting in the file store.
type Document struct {
	// Type is indica.DocumentStateID or indica.DocumentMedicalRecommendation.
	Type        string `json:"type"`
	File        string `json:"file"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
	Pages       int    `json:"pages,omitempty"`
	// Retake lists what looks wrong with a photo, in words for the customer; empty when it looks fine.
	Retake []string `json:"retake,omitempty"`
	// Thumbnail is a small JPEG as a data: URI, so that the customer sees what they added without the
	// file itself ever being served.
	Thumbnail string `json:"thumbnail,omitempty"`
	// FieldID is IndicaOnline's id for the file once uploaded; Attached, once it is on the customer.
	FieldID  int64 `json:"field_id,omitempty"`
	Attached bool  `json:"attached,omitempty"`
}

// Of answers the documents of one type, in the order they were added.
func (d Draft) Of(docType string) []Document {
	var out []Document
	for _, doc := range d.Documents {
		if doc.Type == docType {
			out = append(out, doc)
		}
	}
	return out
}

// Files answers the names of every document's file.
func (d Draft) Files() []string {
	names := make([]string, len(d.Documents))
	for i, doc := range d.Documents {
		names[i] = doc.File
	}
	return names
}

// WithoutDocument answers the draft without the n-th document of a type, and that document's file name.
func (d Draft) WithoutDocument(docType string, n int) (Draft, string, bool) {
	seen := 0
	for i, doc := range d.Documents {
		if doc.Type != docType {
			continue
		}
		if seen == n {
			d.Documents = slices.Delete(slices.Clone(d.Documents), i, i+1)
			return d, doc.File, true
		}
		seen++
	}
	return d, "", false
}

// API is what sending needs of IndicaOnline.
type API interface {
	UploadFile(ctx context.Context, name, contentType string, content io.Reader) (*indica.File, error)
	CreateCustomer(ctx context.Context, nc indica.NewCustomer) (*indica.Customer, error)
	AttachDocuments(ctx context.Context, id int64, docs ...indica.Document) (*indica.Customer, error)
}

// Files opens documents waiting to be sent.
type Files interface {
	Open(name string) (io.ReadCloser, error)
}

// Send takes the draft as far as it can: it uploads each document not yet uploaded, creates the customer
// with the first document, then attaches the rest. After each step IndicaOnline has committed it calls
// save with the draft as it now stands, so that after a failure anywhere a retry resumes from there and
// repeats nothing IndicaOnline already has. It answers the customer's id and status.
func Send(ctx context.Context, api API, files Files, d *Draft, save func(Draft) error) (int64, string, error) {
	for i := range d.Documents {
		doc := &d.Documents[i]
		if doc.FieldID != 0 {
			continue
		}
		f, err := files.Open(doc.File)
		if err != nil {
			return 0, "", fmt.Errorf("open document %d: %w", i+1, err)
		}
		uploaded, err := api.UploadFile(ctx, uploadName(doc.Type, i, doc.ContentType), doc.ContentType, f)
		f.Close()
		if err != nil {
			return 0, "", fmt.Errorf("upload document %d: %w", i+1, err)
		}
		doc.FieldID = uploaded.ID
		if err := save(*d); err != nil {
			return 0, "", err
		}
	}
	if d.CustomerID == 0 {
		nc := d.Details.NewCustomer()
		if len(d.Documents) > 0 {
			nc.FieldID, nc.DocumentType = d.Documents[0].FieldID, d.Documents[0].Type
		}
		if len(d.Of(indica.DocumentMedicalRecommendation)) > 0 {
			nc.HasMedicalRecommendation = true
		}
		customer, err := api.CreateCustomer(ctx, nc)
		if err != nil {
			return 0, "", err
		}
		d.CustomerID, d.CustomerStatus = customer.ID, customer.Status
		if len(d.Documents) > 0 {
			d.Documents[0].Attached = true
		}
		if err := save(*d); err != nil {
			return 0, "", err
		}
	}
	for i := range d.Documents {
		doc := &d.Documents[i]
		if doc.Attached {
			continue
		}
		if _, err := api.AttachDocuments(ctx, d.CustomerID, indica.Document{FieldID: doc.FieldID, DocumentType: doc.Type}); err != nil {
			return 0, "", err
		}
		doc.Attached = true
		if err := save(*d); err != nil {
			return 0, "", err
		}
	}
	return d.CustomerID, d.CustomerStatus, nil
}

// uploadName names a file for IndicaOnline by what it is, never by whose it is.
func uploadName(docType string, i int, contentType string) string {
	ext := ".jpg"
	if contentType == "application/pdf" {
		ext = ".pdf"
	}
	return fmt.Sprintf("%s-%d%s", docType, i+1, ext)
}
