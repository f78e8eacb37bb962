package signup

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"

	"intake/internal/indica"
	"intake/internal/region"
)

// Address is the customer's postal address; every part is optional.
type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	State  string `json:"state"`
	Zip    string `json:"zip"`
}

// Details is everything a customer enters to sign up. It is kept as a draft until the customer exists in
// IndicaOnline, and then deleted.
type Details struct {
	FirstName                string  `json:"first_name"`
	MiddleName               string  `json:"middle_name"`
	LastName                 string  `json:"last_name"`
	DateOfBirth              string  `json:"date_of_birth"`
	Gender                   string  `json:"gender"`
	Type                     string  `json:"type"`
	Phone                    string  `json:"phone"`
	Email                    string  `json:"email"`
	StateID                  string  `json:"state_id"`
	StateIDExpiresOn         string  `json:"state_id_expires_on"`
	ManualGroups             []int64 `json:"manual_groups"`
	HasMedicalRecommendation bool    `json:"has_medical_recommendation"`
	Address                  Address `json:"address"`
	AcceptsMarketingEmail    bool    `json:"accepts_marketing_email"`
	AcceptsMarketingSMS      bool    `json:"accepts_marketing_sms"`
	AcceptsMarketingMail     bool    `json:"accepts_marketing_mail"`
	AcceptsMarketingCalls    bool    `json:"accepts_marketing_calls"`
	AcceptTerms              bool    `json:"accept_terms"`
}

// Rules are the store's rules a signup is checked against.
type Rules struct {
	Today              time.Time // in the store's time zone
	CustomerTypes      []string
	ManualGroups       []indica.Group
	MinAgeRecreational int
	MinAgeMedical      int
}

// medicalTypes are the customer types of people buying as patients or for one. Oklahoma's market is
// medical only, so all of its types are here.
var medicalTypes = []string{
	"medical_with_rec", "medical_with_state_card", "medical", "caregiver",
	"adult", "minor", "temporary_adult", "temporary_minor",
}

// minorTypes are Oklahoma's patient licences for minors, who have no minimum age.
var minorTypes = []string{"minor", "temporary_minor"}

// Clean answers the details with surrounding space trimmed, inner runs of space folded, codes in upper
// case and the e-mail in lower case. It does not change what a customer would read as different.
func (d Details) Clean() Details {
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	d.FirstName, d.MiddleName, d.LastName = fold(d.FirstName), fold(d.MiddleName), fold(d.LastName)
	d.DateOfBirth, d.StateIDExpiresOn = strings.TrimSpace(d.DateOfBirth), strings.TrimSpace(d.StateIDExpiresOn)
	d.Gender, d.Type = strings.TrimSpace(d.Gender), strings.TrimSpace(d.Type)
	d.Phone = strings.TrimSpace(d.Phone)
	d.Email = strings.ToLower(strings.TrimSpace(d.Email))
	d.StateID = strings.ToUpper(strings.TrimSpace(d.StateID))
	d.Address = Address{
		Street: fold(d.Address.Street),
		City:   fold(d.Address.City),
		State:  strings.ToUpper(strings.TrimSpace(d.Address.State)),
		Zip:    strings.ToUpper(fold(d.Address.Zip)),
	}
	slices.Sort(d.ManualGroups)
	d.ManualGroups = slices.Compact(d.ManualGroups)
	return d
}

// IsMedical reports whether the customer signs up as a patient or caregiver.
func (d Details) IsMedical() bool {
	return d.HasMedicalRecommendation || slices.Contains(medicalTypes, d.Type)
}

// PhoneDigits answers the phone number with its formatting stripped: spaces, brackets, dashes, dots and
// a leading +1 or 1 country code. Anything else is kept, so that it fails the 10-digit check.
func (d Details) PhoneDigits() string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" ()-.+/\t", r) {
			return -1
		}
		return r
	}, d.Phone)
	if len(s) == indica.PhoneDigits+1 && s[0] == '1' {
		s = s[1:]
	}
	return s
}

// Age answers the customer's age in whole years on the given day, or -1 when the birth date is not a date.
func (d Details) Age(today time.Time) int {
	born, err := time.Parse(indica.DateLayout, d.DateOfBirth)
	if err != nil {
		return -1
	}
	age := today.Year() - born.Year()
	if today.Month() < born.Month() || (today.Month() == born.Month() && today.Day() < born.Day()) {
		age--
	}
	return age
}

// Validate checks cleaned details against the store's rules and answers a message for each field that
// is wrong, saying what is accepted. Nothing may be sent while it answers any.
func (d Details) Validate(r Rules) Errors {
	errs := Errors{}
	name(errs, FirstName, d.FirstName, true, "first name")
	name(errs, MiddleName, d.MiddleName, false, "middle name")
	name(errs, LastName, d.LastName, true, "last name")
	d.validateBirthDate(errs, r)
	if d.Gender == "" {
		errs.Add(Gender, "Choose one of the options.")
	} else if !slices.Contains(indica.Genders, d.Gender) {
		errs.Add(Gender, "Choose one of the options shown.")
	}
	if d.Type == "" {
		errs.Add(Type, "Choose how you will shop with us.")
	} else if !slices.Contains(r.CustomerTypes, d.Type) {
		errs.Add(Type, "Choose one of the options shown; this store can't take that customer type.")
	}
	if d.Phone != "" {
		if digits := d.PhoneDigits(); len(digits) != indica.PhoneDigits || strings.Trim(digits, "0123456789") != "" {
			errs.Add(Phone, "Enter a 10-digit phone number, such as 555-123-4567.")
		}
	}
	if d.Email != "" && !tooLong(errs, Email, d.Email) {
		if a, err := mail.ParseAddress(d.Email); err != nil || a.Address != d.Email || !strings.Contains(d.Email[strings.LastIndexByte(d.Email, '@'):], ".") {
			errs.Add(Email, "Enter an e-mail address such as name@example.com.")
		}
	}
	d.validateStateID(errs, r)
	d.validateAddress(errs)
	for _, id := range d.ManualGroups {
		if !slices.ContainsFunc(r.ManualGroups, func(g indica.Group) bool { return g.ID == id && g.Type == indica.GroupManual }) {
			errs.Add(ManualGroups, "Choose groups from the list shown.")
		}
	}
	if !d.AcceptTerms {
		errs.Add(AcceptTerms, "Please read and accept the terms to sign up.")
	}
	return errs
}

func (d Details) validateBirthDate(errs Errors, r Rules) {
	if d.DateOfBirth == "" {
		errs.Add(DateOfBirth, "Enter your date of birth.")
		return
	}
	born, err := time.Parse(indica.DateLayout, d.DateOfBirth)
	if err != nil {
		errs.Add(DateOfBirth, "Enter a real date as year-month-day, such as 1990-04-20.")
		return
	}
	today := r.Today.Format(indica.DateLayout)
	age := d.Age(r.Today)
	minAge := r.MinAgeRecreational
	if d.IsMedical() {
		minAge = r.MinAgeMedical
	}
	if slices.Contains(minorTypes, d.Type) {
		minAge = 0
	}
	switch {
	case d.DateOfBirth > today:
		errs.Add(DateOfBirth, "Your date of birth can't be in the future.")
	case born.Year() < 1900 || age > 120:
		errs.Add(DateOfBirth, "Check the year: that would make you over 120.")
	case age < minAge && d.IsMedical():
		errs.Add(DateOfBirth, fmt.Sprintf("Medical customers must be %d or older to sign up.", minAge))
	case age < minAge:
		errs.Add(DateOfBirth, fmt.Sprintf("You must be %d or older to sign up. Medical customers may be %d or older.", minAge, r.MinAgeMedical))
	}
}

func (d Details) validateStateID(errs Errors, r Rules) {
	if d.StateID != "" && !tooLong(errs, StateID, d.StateID) {
		if strings.IndexFunc(d.StateID, func(c rune) bool {
			return !(c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)) || c == '-' || c == ' ')
		}) >= 0 {
			errs.Add(StateID, "Use the letters and numbers as printed on your ID.")
		}
	}
	if d.StateIDExpiresOn == "" {
		return
	}
	expires, err := time.Parse(indica.DateLayout, d.StateIDExpiresOn)
	switch {
	case err != nil:
		errs.Add(StateIDExpiresOn, "Enter a real date as year-month-day, such as 2030-04-20.")
	case d.StateID == "":
		errs.Add(StateIDExpiresOn, "Enter the ID number as well, or leave the expiry date empty.")
	case expires.Format(indica.DateLayout) < r.Today.Format(indica.DateLayout):
		errs.Add(StateIDExpiresOn, fmt.Sprintf("This ID expired on %s. Please use an ID that is still valid.", d.StateIDExpiresOn))
	}
}

func (d Details) validateAddress(errs Errors) {
	tooLong(errs, AddressStreet, d.Address.Street)
	tooLong(errs, AddressCity, d.Address.City)
	if d.Address.State != "" {
		if _, ok := region.Lookup(d.Address.State); !ok {
			errs.Add(AddressState, "Choose a state or province from the list.")
		}
	}
	if z := d.Address.Zip; z != "" && !isUSZip(z) && !isCanadianPostalCode(z) {
		errs.Add(AddressZip, "Enter a ZIP code such as 94107 or 94107-1234, or a postal code such as K1A 0B1.")
	}
}

// name checks a person's name: letters in any script, with spaces, apostrophes, hyphens and periods.
func name(errs Errors, f Field, value string, required bool, label string) {
	if value == "" {
		if required {
			errs.Add(f, fmt.Sprintf("Enter your %s.", label))
		}
		return
	}
	if tooLong(errs, f, value) {
		return
	}
	if strings.IndexFunc(value, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !strings.ContainsRune(" '’-.", r)
	}) >= 0 {
		errs.Add(f, fmt.Sprintf("Use letters only in your %s (spaces, hyphens and apostrophes are fine).", label))
	}
}

// tooLong adds a message when value is longer than IndicaOnline takes for the field, and reports whether it did.
func tooLong(errs Errors, f Field, value string) bool {
	max, ok := indica.MaxLength[apiName(f)]
	if ok && len([]rune(value)) > max {
		errs.Add(f, fmt.Sprintf("Use at most %d characters.", max))
		return true
	}
	return false
}

// apiName answers the API field a form field fills: "address_zip" fills "address.zip".
func apiName(f Field) string {
	if rest, ok := strings.CutPrefix(string(f), indica.FieldAddress+"_"); ok {
		return indica.FieldAddress + "." + rest
	}
	return string(f)
}

func isUSZip(z string) bool {
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	return (len(z) == 5 && digits(z)) || (len(z) == 10 && z[5] == '-' && digits(z[:5]) && digits(z[6:]))
}

func isCanadianPostalCode(z string) bool {
	z = strings.ReplaceAll(z, " ", "")
	if len(z) != 6 {
		return false
	}
	for i, c := range z {
		if letter := i%2 == 0; letter != (c >= 'A' && c <= 'Z') || (!letter && (c < '0' || c > '9')) {
			return false
		}
	}
	return true
}

// NewCustomer answers the create request for valid, cleaned details.
func (d Details) NewCustomer() indica.NewCustomer {
	nc := indica.NewCustomer{Profile: indica.Profile{
		FirstName:                d.FirstName,
		MiddleName:               d.MiddleName,
		LastName:                 d.LastName,
		DateOfBirth:              d.DateOfBirth,
		Gender:                   d.Gender,
		Type:                     d.Type,
		Email:                    d.Email,
		StateID:                  d.StateID,
		StateIDExpiresOn:         d.StateIDExpiresOn,
		HasMedicalRecommendation: d.HasMedicalRecommendation || d.Type == "medical_with_rec",
		ManualGroups:             slices.Clone(d.ManualGroups),
		AcceptsMarketingMail:     d.AcceptsMarketingMail,
		AcceptsMarketingEmail:    d.AcceptsMarketingEmail,
		AcceptsMarketingSMS:      d.AcceptsMarketingSMS,
		AcceptsMarketingCalls:    d.AcceptsMarketingCalls,
	}}
	if d.Phone != "" {
		nc.Phone = d.PhoneDigits()
	}
	if a := (indica.Address{Street: d.Address.Street, City: d.Address.City, State: d.Address.State, Zip: d.Address.Zip}); !a.IsZero() {
		nc.Address = &a
	}
	if nc.ManualGroups == nil {
		nc.ManualGroups = []int64{}
	}
	return nc
}
