// Package signup holds what a customer signs up with and the store's rules for it: the details, their
// validation, and how they become an IndicaOnline customer.
package signup

import "intake/internal/indica"

// Field names a form field. Form fields carry the names of the API fields they fill, so that
// IndicaOnline's own messages land next to the right field; a typo in a name does not compile.
type Field string

// The form fields.
const (
	FirstName                Field = indica.FieldFirstName
	MiddleName               Field = indica.FieldMiddleName
	LastName                 Field = indica.FieldLastName
	DateOfBirth              Field = indica.FieldDateOfBirth
	Gender                   Field = indica.FieldGender
	Type                     Field = indica.FieldType
	Phone                    Field = indica.FieldPhone
	Email                    Field = indica.FieldEmail
	StateID                  Field = indica.FieldStateID
	StateIDExpiresOn         Field = indica.FieldStateIDExpiresOn
	ManualGroups             Field = indica.FieldManualGroups
	HasMedicalRecommendation Field = indica.FieldHasMedicalRecommendation
	AddressStreet            Field = indica.FieldAddress + "_" + indica.AddressStreet
	AddressCity              Field = indica.FieldAddress + "_" + indica.AddressCity
	AddressState             Field = indica.FieldAddress + "_" + indica.AddressState
	AddressZip               Field = indica.FieldAddress + "_" + indica.AddressZip
	AcceptsMarketingEmail    Field = indica.FieldAcceptsMarketingEmail
	AcceptsMarketingSMS      Field = indica.FieldAcceptsMarketingSMS
	AcceptsMarketingMail     Field = indica.FieldAcceptsMarketingMail
	AcceptsMarketingCalls    Field = indica.FieldAcceptsMarketingCalls
	AcceptTerms              Field = "accept_terms"
)

// Fields lists every form field in the order the form shows them.
var Fields = []Field{
	FirstName, MiddleName, LastName, DateOfBirth, Gender, Phone, Email, StateID, StateIDExpiresOn,
	AddressStreet, AddressCity, AddressState, AddressZip, Type, HasMedicalRecommendation, ManualGroups,
	AcceptsMarketingEmail, AcceptsMarketingSMS, AcceptsMarketingMail, AcceptsMarketingCalls, AcceptTerms,
}

// FieldForAPI answers the form field that shows IndicaOnline's messages for an API field name, such as
// "phone" or "address.zip".
func FieldForAPI(name string) (Field, bool) {
	switch name {
	case indica.FieldAddress + "." + indica.AddressStreet:
		return AddressStreet, true
	case indica.FieldAddress + "." + indica.AddressCity:
		return AddressCity, true
	case indica.FieldAddress + "." + indica.AddressState:
		return AddressState, true
	case indica.FieldAddress + "." + indica.AddressZip, indica.FieldAddress:
		return AddressZip, true
	}
	for _, f := range Fields {
		if string(f) == name {
			return f, true
		}
	}
	return "", false
}

// Errors holds one message per field, for the customer to read next to it.
type Errors map[Field]string

// Add records msg for f unless f already has a message: the first problem is the one to fix first.
func (e Errors) Add(f Field, msg string) {
	if _, ok := e[f]; !ok {
		e[f] = msg
	}
}

// Ordered answers the fields that have messages, in form order, for an error summary.
func (e Errors) Ordered() []Field {
	var out []Field
	for _, f := range Fields {
		if _, ok := e[f]; ok {
			out = append(out, f)
		}
	}
	return out
}
