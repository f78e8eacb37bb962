// Package indica is a client for the IndicaOnline Open API, as far as Intake uses it.
//
// Everything the public documentation leaves out and Intake had to assume (paths, field names, lengths,
// the shape of errors) is a constant in this file, so that it can be corrected against the live API in
// one place. The sandbox serves the same constants, so correcting them here corrects it too.
package indica

import "slices"

// DefaultBaseURL is IndicaOnline's production API host.
const DefaultBaseURL = "https://api.indicaonline.com"

// DefaultAPIKeyHeader names the header that carries the API key (assumed from a public integration).
const DefaultAPIKeyHeader = "X-Api-Key"

// Endpoint paths. The API version of each endpoint is part of its path: customers use v2.3, file upload
// v2.2 (documented). The groups path is assumed.
const (
	PathCustomers         = "/open_api/v2.3/customers"
	PathCustomerGroups    = "/open_api/v2.3/customers/groups"
	PathCustomerByStateID = "/open_api/v2.3/customers/state-id"
	PathFileUpload        = "/open_api/v2.2/file/upload"
)

// UploadFormField is the multipart part that carries an uploaded file (assumed).
const UploadFormField = "file"

// MaxUploadBytes is the largest file IndicaOnline accepts (assumed).
const MaxUploadBytes = 10 << 20

// MaxListLimit is the largest page the list endpoint answers (assumed).
const MaxListLimit = 500

// DateLayout is the format of every date the API sends and takes.
const DateLayout = "2006-01-02"

// Customer statuses (documented).
const (
	StatusPending  = "Pending"
	StatusVerified = "Verified"
)

// Document types sent with a file's field_id (assumed names).
const (
	DocumentStateID               = "state_id"
	DocumentMedicalRecommendation = "medical_recommendation"
)

// DocumentTypes lists every document type IndicaOnline takes.
var DocumentTypes = []string{DocumentStateID, DocumentMedicalRecommendation}

// Customer group kinds; only manual groups may be sent in manual_groups (documented).
const (
	GroupManual    = "manual"
	GroupAutomatic = "automatic"
)

// Genders lists the gender values IndicaOnline takes (assumed).
var Genders = []string{"male", "female", "unspecified"}

// Customer field names as they travel in JSON. Form fields in Intake carry the same names.
const (
	FieldFirstName                = "first_name"
	FieldMiddleName               = "middle_name"
	FieldLastName                 = "last_name"
	FieldDateOfBirth              = "date_of_birth"
	FieldGender                   = "gender"
	FieldType                     = "type"
	FieldPhone                    = "phone"
	FieldEmail                    = "email"
	FieldStateID                  = "state_id"
	FieldStateIDExpiresOn         = "state_id_expires_on"
	FieldAlternativeID            = "alternative_id"
	FieldHasMedicalRecommendation = "has_medical_recommendation"
	FieldManualGroups             = "manual_groups"
	FieldAddress                  = "address"
	FieldAcceptsMarketingMail     = "accepts_marketing_mail"
	FieldAcceptsMarketingEmail    = "accepts_marketing_email"
	FieldAcceptsMarketingSMS      = "accepts_marketing_sms"
	FieldAcceptsMarketingCalls    = "accepts_marketing_calls"
	FieldFieldID                  = "field_id"
	FieldDocumentType             = "document_type"
)

// Address sub-field names (assumed). In error messages they appear as "address.street" and so on.
const (
	AddressStreet = "street"
	AddressCity   = "city"
	AddressState  = "state"
	AddressZip    = "zip"
)

// PhoneDigits is the exact length of a phone number: 10 digits, no spaces (documented rule).
const PhoneDigits = 10

// MaxLength is the longest value IndicaOnline takes for each text field. The documentation says only
// that "some fields are at most 30 characters"; state_id and alternative_id are taken to be those, the
// rest are assumed generous limits. Address sub-fields are keyed "address.street" and so on.
var MaxLength = map[string]int{
	FieldFirstName:                     50,
	FieldMiddleName:                    50,
	FieldLastName:                      50,
	FieldEmail:                         100,
	FieldStateID:                       30,
	FieldAlternativeID:                 30,
	FieldAddress + "." + AddressStreet: 100,
	FieldAddress + "." + AddressCity:   50,
	FieldAddress + "." + AddressState:  2,
	FieldAddress + "." + AddressZip:    10,
}

// Customer types by store state (documented).
var (
	typesCalifornia = []string{"medical_with_rec", "medical_with_state_card", "recreational"}
	typesOklahoma   = []string{"adult", "minor", "temporary_adult", "temporary_minor"}
	typesCaregiver  = []string{"medical", "recreational", "caregiver"}
	typesOther      = []string{"medical", "recreational"}
)

// CustomerTypes answers the customer types a store in the given state or province (two-letter code)
// may send.
func CustomerTypes(state string) []string {
	switch state {
	case "CA":
		return slices.Clone(typesCalifornia)
	case "OK":
		return slices.Clone(typesOklahoma)
	case "OR", "ME", "MP":
		return slices.Clone(typesCaregiver)
	default:
		return slices.Clone(typesOther)
	}
}
