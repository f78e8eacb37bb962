package indica

import "time"

// Address is a customer's postal address (assumed sub-fields).
type Address struct {
	Street string `json:"street,omitempty"`
	City   string `json:"city,omitempty"`
	State  string `json:"state,omitempty"`
	Zip    string `json:"zip,omitempty"`
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool { return a == Address{} }

// Document is an uploaded file attached to a customer.
type Document struct {
	FieldID      int64  `json:"field_id"`
	DocumentType string `json:"document_type"`
}

// Profile holds the fields a customer is created with and that Get customer answers.
type Profile struct {
	FirstName                string   `json:"first_name"`
	MiddleName               string   `json:"middle_name,omitempty"`
	LastName                 string   `json:"last_name"`
	DateOfBirth              string   `json:"date_of_birth"`
	Gender                   string   `json:"gender"`
	Type                     string   `json:"type"`
	Phone                    string   `json:"phone,omitempty"`
	Email                    string   `json:"email,omitempty"`
	StateID                  string   `json:"state_id,omitempty"`
	StateIDExpiresOn         string   `json:"state_id_expires_on,omitempty"`
	AlternativeID            string   `json:"alternative_id,omitempty"`
	HasMedicalRecommendation bool     `json:"has_medical_recommendation"`
	ManualGroups             []int64  `json:"manual_groups"`
	Address                  *Address `json:"address,omitempty"`
	AcceptsMarketingMail     bool     `json:"accepts_marketing_mail"`
	AcceptsMarketingEmail    bool     `json:"accepts_marketing_email"`
	AcceptsMarketingSMS      bool     `json:"accepts_marketing_sms"`
	AcceptsMarketingCalls    bool     `json:"accepts_marketing_calls"`
}

// NewCustomer is the body of a create request: the profile and, optionally, its first document.
type NewCustomer struct {
	Profile
	FieldID      int64  `json:"field_id,omitempty"`
	DocumentType string `json:"document_type,omitempty"`
}

// Customer is a customer as IndicaOnline answers it.
type Customer struct {
	ID int64 `json:"id"`
	Profile
	Status    string     `json:"status"`
	Documents []Document `json:"documents"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// CustomerPatch carries the fields to change; nil fields are left as they are.
type CustomerPatch struct {
	FirstName                *string  `json:"first_name,omitempty"`
	MiddleName               *string  `json:"middle_name,omitempty"`
	LastName                 *string  `json:"last_name,omitempty"`
	DateOfBirth              *string  `json:"date_of_birth,omitempty"`
	Gender                   *string  `json:"gender,omitempty"`
	Type                     *string  `json:"type,omitempty"`
	Phone                    *string  `json:"phone,omitempty"`
	Email                    *string  `json:"email,omitempty"`
	StateID                  *string  `json:"state_id,omitempty"`
	StateIDExpiresOn         *string  `json:"state_id_expires_on,omitempty"`
	AlternativeID            *string  `json:"alternative_id,omitempty"`
	HasMedicalRecommendation *bool    `json:"has_medical_recommendation,omitempty"`
	ManualGroups             *[]int64 `json:"manual_groups,omitempty"`
	Address                  *Address `json:"address,omitempty"`
	AcceptsMarketingMail     *bool    `json:"accepts_marketing_mail,omitempty"`
	AcceptsMarketingEmail    *bool    `json:"accepts_marketing_email,omitempty"`
	AcceptsMarketingSMS      *bool    `json:"accepts_marketing_sms,omitempty"`
	AcceptsMarketingCalls    *bool    `json:"accepts_marketing_calls,omitempty"`
	FieldID                  int64    `json:"field_id,omitempty"`
	DocumentType             string   `json:"document_type,omitempty"`
}

// Group is a customer group; only manual ones may be assigned.
type Group struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// File is an uploaded file as IndicaOnline answers it.
type File struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	MimeType string `json:"mime_type"`
	Size     int64  `json:"size"`
}

// CustomerQuery selects customers by the day they were created, both days included.
type CustomerQuery struct {
	Start, End time.Time
	Limit      int // 0 means MaxListLimit
	Offset     int
}

// CustomerPage is one page of a customer list.
type CustomerPage struct {
	Items []Customer `json:"items"`
	Count int        `json:"count"`
	Total int        `json:"total"`
}
