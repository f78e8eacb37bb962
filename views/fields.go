package views

import (
	"strings"

	"intake/internal/signup"
)

// input describes one text-like form control.
type input struct {
	Field        signup.Field
	Label        string
	Value        string
	Type         string // text, email, tel, date
	Autocomplete string // the token used when the device is not shared
	InputMode    string
	Hint         string
	Required     bool
	MaxLength    int
	Max          string // for dates
}

// describedBy answers the ids of the hint and error that describe a control, for aria-describedby.
func describedBy(f signup.Field, hint string, errs signup.Errors) string {
	var ids []string
	if hint != "" {
		ids = append(ids, string(f)+"-hint")
	}
	if _, bad := errs[f]; bad {
		ids = append(ids, string(f)+"-error")
	}
	return strings.Join(ids, " ")
}

// autocomplete answers the autocomplete token, or "off" on a shared device.
func (p DetailsPage) autocomplete(token string) string {
	if p.SharedDevice || token == "" {
		return "off"
	}
	return token
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// FieldLabels names each field as the error summary shows it.
var FieldLabels = map[signup.Field]string{
	signup.FirstName:                "First name",
	signup.MiddleName:               "Middle name",
	signup.LastName:                 "Last name",
	signup.DateOfBirth:              "Date of birth",
	signup.Gender:                   "Gender",
	signup.Type:                     "Customer type",
	signup.Phone:                    "Phone",
	signup.Email:                    "E-mail",
	signup.StateID:                  "ID number",
	signup.StateIDExpiresOn:         "ID expiry date",
	signup.ManualGroups:             "Groups",
	signup.HasMedicalRecommendation: "Medical recommendation",
	signup.AddressStreet:            "Street address",
	signup.AddressCity:              "City",
	signup.AddressState:             "State",
	signup.AddressZip:               "ZIP code",
	signup.AcceptsMarketingEmail:    "E-mail offers",
	signup.AcceptsMarketingSMS:      "Text offers",
	signup.AcceptsMarketingMail:     "Mailed offers",
	signup.AcceptsMarketingCalls:    "Phone offers",
	signup.AcceptTerms:              "Terms",
}
