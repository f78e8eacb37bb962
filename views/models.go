// Package views renders Intake's pages with templ. Every page takes a plain view model; none sees the
// request, the session or the IndicaOnline client.
package views

import (
	"slices"
	"strconv"

	"intake/internal/region"
	"intake/internal/signup"
)

// Site is what every page shows of the installation.
type Site struct {
	StoreName string
	// Sandbox marks an installation that talks to the built-in sandbox, not IndicaOnline.
	Sandbox bool
}

// Refresh sends the browser to URL after Seconds, with no script needed.
type Refresh struct {
	Seconds int
	URL     string
}

// Page is what the layout needs.
type Page struct {
	Site
	Title string
	// CSRF is the token every form carries.
	CSRF string
	// Kiosk pages are larger and lead nowhere but through the signup.
	Kiosk bool
	// IdleSeconds turns on the kiosk's "are you still there?" timer.
	IdleSeconds int
	// IdleGraceSeconds is how long the question waits before the kiosk starts over.
	IdleGraceSeconds int
	Refresh          *Refresh
}

// HomePage is the front page.
type HomePage struct {
	Page
}

// DetailsPage is the customer details form.
type DetailsPage struct {
	Page
	Action       string
	CancelAction string
	Values       signup.Details
	Errors       signup.Errors
	// Problem is a message that belongs to no single field.
	Problem string
	Types   []signup.Option
	Genders []signup.Option
	// Groups are the manual groups, valued by id.
	Groups  []signup.Option
	Regions []region.Region
	// Today bounds the birth date picker, as YYYY-MM-DD.
	Today string
	// SharedDevice turns browser autofill off, so a tablet never offers one customer's details to the next.
	SharedDevice bool
}

// GroupChecked reports whether the group with the given id value is chosen.
func (p DetailsPage) GroupChecked(value string) bool {
	id, err := strconv.ParseInt(value, 10, 64)
	return err == nil && slices.Contains(p.Values.ManualGroups, id)
}

// DocumentView is one page of a document the customer added.
type DocumentView struct {
	Index     int
	PDF       bool
	Pages     int
	Width     int
	Height    int
	Thumbnail string // a data: URI of a small JPEG, for photos
	// Retake lists what may be wrong with the photo, in words for the customer.
	Retake []string
}

// DocumentsPage is a kiosk step that takes photos or files of one document.
type DocumentsPage struct {
	Page
	Heading      string
	Intro        string
	Field        string // the file field: id_document or medical_document
	Action       string
	RemoveAction string
	NextAction   string
	CancelAction string
	Documents    []DocumentView
	Required     bool
	MaxUploadMB  int
	// MaxEdge is the longest edge the browser scales photos to before sending them.
	MaxEdge int
	// Error is what was wrong with the last file sent, shown at the file field.
	Error string
}

// DocumentGroup is one kind of document on the review page.
type DocumentGroup struct {
	Title     string
	EditURL   string
	Documents []DocumentView
}

// ReviewPage shows the details back before they are sent.
type ReviewPage struct {
	Page
	Documents    []DocumentGroup
	Details      signup.Details
	GroupNames   []string
	Problem      string
	EditURL      string
	SubmitAction string
	CancelAction string
}

// DonePage thanks the customer.
type DonePage struct {
	Page
	Verified bool
}

// MessagePage is a page that only says something: a placeholder, or an error.
type MessagePage struct {
	Page
	Heading   string
	Message   string
	RequestID string
	BackURL   string
	BackLabel string
}

// SandboxCustomer is one row of the sandbox's customer list.
type SandboxCustomer struct {
	ID        int64
	Name      string
	Status    string
	Type      string
	Documents int
	Created   string
}

// SandboxPage lists what the built-in sandbox holds.
type SandboxPage struct {
	Page
	Customers []SandboxCustomer
	Total     int
	Problem   string
}
