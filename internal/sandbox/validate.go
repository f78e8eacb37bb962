package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"intake/internal/indica"
)

// fieldErrors are the messages of a 422, keyed by field name.
type fieldErrors map[string][]string

func (fe fieldErrors) add(field, format string, args ...any) {
	fe[field] = append(fe[field], fmt.Sprintf(format, args...))
}

// change is what a create or patch request asks for, once checked.
type change struct {
	fields map[string]bool // the fields the request set
	doc    *indica.Document
}

var textFields = []string{indica.FieldFirstName, indica.FieldMiddleName, indica.FieldLastName, indica.FieldAlternativeID}

var boolFields = []string{
	indica.FieldHasMedicalRecommendation, indica.FieldAcceptsMarketingMail, indica.FieldAcceptsMarketingEmail,
	indica.FieldAcceptsMarketingSMS, indica.FieldAcceptsMarketingCalls,
}

var requiredOnCreate = []string{
	indica.FieldFirstName, indica.FieldLastName, indica.FieldDateOfBirth, indica.FieldGender, indica.FieldType,
	indica.FieldHasMedicalRecommendation, indica.FieldManualGroups,
}

var knownFields = func() map[string]bool {
	known := map[string]bool{}
	for _, f := range append(append(slices.Clone(textFields), boolFields...),
		indica.FieldDateOfBirth, indica.FieldGender, indica.FieldType, indica.FieldPhone, indica.FieldEmail,
		indica.FieldStateID, indica.FieldStateIDExpiresOn, indica.FieldManualGroups, indica.FieldAddress,
		indica.FieldFieldID, indica.FieldDocumentType) {
		known[f] = true
	}
	return known
}()

// apply checks the fields of a create (c.ID == 0) or patch request and sets them on c. Callers hold s.mu.
func (s *Sandbox) apply(c *indica.Customer, body []byte) (change, fieldErrors) {
	errs := fieldErrors{}
	ch := change{fields: map[string]bool{}}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || raw == nil {
		errs.add("base", "the body must be a JSON object")
		return ch, errs
	}
	for name, value := range raw {
		if !knownFields[name] {
			errs.add(name, "is not a known field")
			continue
		}
		if string(value) != "null" {
			ch.fields[name] = true
		}
	}
	if c.ID == 0 {
		for _, name := range requiredOnCreate {
			if !ch.fields[name] {
				errs.add(name, "is required")
			}
		}
	}
	d := decoder{raw: raw, errs: errs}
	for _, name := range textFields {
		if v, ok := d.text(name); ok {
			setText(c, name, v)
		}
	}
	if v, ok := d.text(indica.FieldDateOfBirth); ok {
		if day, ok := d.date(indica.FieldDateOfBirth, v); ok {
			today := s.opts.Now()
			switch {
			case day.After(today):
				errs.add(indica.FieldDateOfBirth, "can't be in the future")
			case day.Year() < 1900:
				errs.add(indica.FieldDateOfBirth, "must be after 1900")
			}
			c.DateOfBirth = v
		}
	}
	if v, ok := d.text(indica.FieldGender); ok {
		d.oneOf(indica.FieldGender, v, indica.Genders)
		c.Gender = v
	}
	if v, ok := d.text(indica.FieldType); ok {
		d.oneOf(indica.FieldType, v, indica.CustomerTypes(s.opts.State))
		c.Type = v
	}
	if v, ok := d.text(indica.FieldPhone); ok {
		if len(v) != indica.PhoneDigits || strings.Trim(v, "0123456789") != "" {
			errs.add(indica.FieldPhone, "must be exactly %d digits, without spaces or punctuation", indica.PhoneDigits)
		}
		c.Phone = v
	}
	if v, ok := d.text(indica.FieldEmail); ok {
		if a, err := mail.ParseAddress(v); v != "" && (err != nil || a.Address != v || !strings.Contains(v[strings.LastIndexByte(v, '@'):], ".")) {
			errs.add(indica.FieldEmail, "is not a valid e-mail address")
		}
		c.Email = v
	}
	if v, ok := d.text(indica.FieldStateID); ok {
		c.StateID = v
	}
	if v, ok := d.text(indica.FieldStateIDExpiresOn); ok {
		if v != "" {
			d.date(indica.FieldStateIDExpiresOn, v)
		}
		c.StateIDExpiresOn = v
	}
	s.checkUnique(c, ch, errs)
	for _, name := range boolFields {
		if v, ok := d.boolean(name); ok {
			setBool(c, name, v)
		}
	}
	if groups, ok := d.groups(); ok {
		for _, id := range groups {
			g, found := s.group(id)
			switch {
			case !found:
				errs.add(indica.FieldManualGroups, "group %d does not exist", id)
			case g.Type != indica.GroupManual:
				errs.add(indica.FieldManualGroups, "group %d is not a manual group", id)
			}
		}
		c.ManualGroups = groups
	}
	if addr, ok := d.address(); ok {
		c.Address = addr
	}
	ch.doc = s.document(d)
	return ch, errs
}

// checkUnique refuses a state_id or alternative_id another customer already holds.
func (s *Sandbox) checkUnique(c *indica.Customer, ch change, errs fieldErrors) {
	for _, other := range s.data.Customers {
		if other.ID == c.ID {
			continue
		}
		if ch.fields[indica.FieldStateID] && c.StateID != "" && strings.EqualFold(other.StateID, c.StateID) {
			errs.add(indica.FieldStateID, "has already been taken")
		}
		if ch.fields[indica.FieldAlternativeID] && c.AlternativeID != "" && strings.EqualFold(other.AlternativeID, c.AlternativeID) {
			errs.add(indica.FieldAlternativeID, "has already been taken")
		}
	}
}

// document checks field_id and document_type, which travel together.
func (s *Sandbox) document(d decoder) *indica.Document {
	id, hasID := d.integer(indica.FieldFieldID)
	docType, hasType := d.text(indica.FieldDocumentType)
	switch {
	case !hasID && !hasType:
		return nil
	case !hasID:
		d.errs.add(indica.FieldFieldID, "is required with document_type")
		return nil
	case !hasType:
		d.errs.add(indica.FieldDocumentType, "is required with field_id")
		return nil
	}
	d.oneOf(indica.FieldDocumentType, docType, indica.DocumentTypes)
	i := s.fileIndex(id)
	switch {
	case i < 0:
		d.errs.add(indica.FieldFieldID, "file %d does not exist", id)
	case s.data.Files[i].CustomerID != 0:
		d.errs.add(indica.FieldFieldID, "file %d is already attached to a customer", id)
	}
	return &indica.Document{FieldID: id, DocumentType: docType}
}

// decoder reads typed values out of a JSON object, adding an error for each that has the wrong type.
// Each method answers ok only for a present, non-null value of the right type.
type decoder struct {
	raw  map[string]json.RawMessage
	errs fieldErrors
}

func (d decoder) present(name string) (json.RawMessage, bool) {
	v, ok := d.raw[name]
	return v, ok && string(v) != "null"
}

func (d decoder) text(name string) (string, bool) {
	v, ok := d.present(name)
	if !ok {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		d.errs.add(name, "must be a string")
		return "", false
	}
	s = strings.TrimSpace(s)
	if max, limited := indica.MaxLength[name]; limited && len([]rune(s)) > max {
		d.errs.add(name, "must be at most %d characters", max)
	}
	if slices.Contains(requiredOnCreate, name) && s == "" {
		d.errs.add(name, "can't be blank")
	}
	return s, true
}

func (d decoder) boolean(name string) (bool, bool) {
	v, ok := d.present(name)
	if !ok {
		return false, false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		d.errs.add(name, "must be true or false")
		return false, false
	}
	return b, true
}

func (d decoder) integer(name string) (int64, bool) {
	v, ok := d.present(name)
	if !ok {
		return 0, false
	}
	var n int64
	if err := json.Unmarshal(v, &n); err != nil {
		d.errs.add(name, "must be an integer")
		return 0, false
	}
	return n, true
}

func (d decoder) date(name, v string) (time.Time, bool) {
	day, err := time.Parse(indica.DateLayout, v)
	if err != nil {
		d.errs.add(name, "must be a real date in the format YYYY-MM-DD")
		return time.Time{}, false
	}
	return day, true
}

func (d decoder) oneOf(name, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		d.errs.add(name, "must be one of: %s", strings.Join(allowed, ", "))
	}
}

func (d decoder) groups() ([]int64, bool) {
	v, ok := d.present(indica.FieldManualGroups)
	if !ok {
		return nil, false
	}
	var ids []int64
	if err := json.Unmarshal(v, &ids); err != nil {
		d.errs.add(indica.FieldManualGroups, "must be an array of group ids")
		return nil, false
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, true
}

func (d decoder) address() (*indica.Address, bool) {
	v, ok := d.present(indica.FieldAddress)
	if !ok {
		return nil, false
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(v, &parts); err != nil {
		d.errs.add(indica.FieldAddress, "must be an object with street, city, state and zip")
		return nil, false
	}
	sub := decoder{raw: map[string]json.RawMessage{}, errs: d.errs}
	for name, value := range parts {
		switch name {
		case indica.AddressStreet, indica.AddressCity, indica.AddressState, indica.AddressZip:
			sub.raw[indica.FieldAddress+"."+name] = value
		default:
			d.errs.add(indica.FieldAddress+"."+name, "is not a known part of an address")
		}
	}
	get := func(name string) string {
		s, _ := sub.text(indica.FieldAddress + "." + name)
		return s
	}
	a := indica.Address{Street: get(indica.AddressStreet), City: get(indica.AddressCity), State: get(indica.AddressState), Zip: get(indica.AddressZip)}
	if a.State != "" && (len(a.State) != 2 || strings.ToUpper(a.State) != a.State) {
		d.errs.add(indica.FieldAddress+"."+indica.AddressState, "must be a two-letter state code")
	}
	if a.IsZero() {
		return nil, true
	}
	return &a, true
}

func setText(c *indica.Customer, name, v string) {
	switch name {
	case indica.FieldFirstName:
		c.FirstName = v
	case indica.FieldMiddleName:
		c.MiddleName = v
	case indica.FieldLastName:
		c.LastName = v
	case indica.FieldAlternativeID:
		c.AlternativeID = v
	}
}

func setBool(c *indica.Customer, name string, v bool) {
	switch name {
	case indica.FieldHasMedicalRecommendation:
		c.HasMedicalRecommendation = v
	case indica.FieldAcceptsMarketingMail:
		c.AcceptsMarketingMail = v
	case indica.FieldAcceptsMarketingEmail:
		c.AcceptsMarketingEmail = v
	case indica.FieldAcceptsMarketingSMS:
		c.AcceptsMarketingSMS = v
	case indica.FieldAcceptsMarketingCalls:
		c.AcceptsMarketingCalls = v
	}
}
