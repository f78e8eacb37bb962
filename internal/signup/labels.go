package signup

import (
	"fmt"

	"intake/internal/indica"
)

// Option is one choice of a select, radio group or checkbox list.
type Option struct {
	Value string
	Label string
}

var typeLabels = map[string]string{
	"recreational":            "Adult use (recreational)",
	"medical_with_rec":        "Medical, with a doctor's recommendation",
	"medical_with_state_card": "Medical, with a state medical card",
	"medical":                 "Medical patient",
	"caregiver":               "Caregiver for a medical patient",
	"adult":                   "Adult patient licence",
	"minor":                   "Minor patient licence",
	"temporary_adult":         "Temporary adult patient licence",
	"temporary_minor":         "Temporary minor patient licence",
}

var genderLabels = map[string]string{
	"male":        "Male",
	"female":      "Female",
	"unspecified": "Not specified / X",
}

// TypeLabel answers the words a customer reads for a customer type.
func TypeLabel(t string) string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return t
}

// GenderLabel answers the words a customer reads for a gender value.
func GenderLabel(g string) string {
	if l, ok := genderLabels[g]; ok {
		return l
	}
	return g
}

// TypeOptions answers the choices for the customer types of a store.
func TypeOptions(types []string) []Option {
	out := make([]Option, len(types))
	for i, t := range types {
		out[i] = Option{Value: t, Label: TypeLabel(t)}
	}
	return out
}

// GenderOptions answers the choices of gender.
func GenderOptions() []Option {
	out := make([]Option, len(indica.Genders))
	for i, g := range indica.Genders {
		out[i] = Option{Value: g, Label: GenderLabel(g)}
	}
	return out
}

// PhoneDisplay answers a valid phone number as people write it, (555) 123-4567.
func (d Details) PhoneDisplay() string {
	p := d.PhoneDigits()
	if len(p) != indica.PhoneDigits {
		return d.Phone
	}
	return fmt.Sprintf("(%s) %s-%s", p[:3], p[3:6], p[6:])
}
