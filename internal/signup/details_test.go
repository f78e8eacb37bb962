package signup

import (
	"strings"
	"testing"
	"time"

	"intake/internal/indica"
)

var today = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func rules() Rules {
	return Rules{
		Today:              today,
		CustomerTypes:      indica.CustomerTypes("CA"),
		ManualGroups:       []indica.Group{{ID: 1, Name: "Veterans", Type: indica.GroupManual}, {ID: 4, Name: "Auto", Type: indica.GroupAutomatic}},
		MinAgeRecreational: 21,
		MinAgeMedical:      18,
	}
}

func valid() Details {
	return Details{
		FirstName: "María José", LastName: "O'Brien-Nguyễn", DateOfBirth: "1990-04-20", Gender: "female",
		Type: "recreational", AcceptTerms: true,
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Details)
		field  Field // "" means valid
		says   string
	}{
		{"valid", func(*Details) {}, "", ""},
		{"valid with everything", func(d *Details) {
			d.MiddleName, d.Phone, d.Email = "Ana", "+1 (555) 123-4567", "maria@example.com"
			d.StateID, d.StateIDExpiresOn = "D1234567", "2030-01-01"
			d.Address = Address{Street: "1 Main St", City: "Oakland", State: "CA", Zip: "94607-1234"}
			d.ManualGroups = []int64{1}
		}, "", ""},
		{"Canadian postal code", func(d *Details) { d.Address.Zip = "K1A 0B1" }, "", ""},
		{"missing first name", func(d *Details) { d.FirstName = "" }, FirstName, "Enter your first name"},
		{"missing last name", func(d *Details) { d.LastName = "" }, LastName, "Enter your last name"},
		{"digits in a name", func(d *Details) { d.FirstName = "J0hn" }, FirstName, "letters only"},
		{"name too long", func(d *Details) { d.LastName = strings.Repeat("a", 51) }, LastName, "at most 50"},
		{"missing birth date", func(d *Details) { d.DateOfBirth = "" }, DateOfBirth, "Enter your date of birth"},
		{"impossible birth date", func(d *Details) { d.DateOfBirth = "1990-02-30" }, DateOfBirth, "real date"},
		{"US-style birth date", func(d *Details) { d.DateOfBirth = "04/20/1990" }, DateOfBirth, "real date"},
		{"future birth date", func(d *Details) { d.DateOfBirth = "2027-01-01" }, DateOfBirth, "future"},
		{"born in 1850", func(d *Details) { d.DateOfBirth = "1850-01-01" }, DateOfBirth, "over 120"},
		{"twenty, recreational", func(d *Details) { d.DateOfBirth = "2006-01-01" }, DateOfBirth, "21 or older"},
		{"twenty-one tomorrow", func(d *Details) { d.DateOfBirth = "2005-12-04" }, DateOfBirth, "21 or older"},
		{"twenty-one today", func(d *Details) { d.DateOfBirth = "2005-12-03" }, "", ""},
		{"nineteen, medical type", func(d *Details) { d.DateOfBirth = "2007-01-01"; d.Type = "medical_with_rec" }, "", ""},
		{"nineteen, recommendation ticked", func(d *Details) { d.DateOfBirth = "2007-01-01"; d.HasMedicalRecommendation = true }, "", ""},
		{"seventeen, medical", func(d *Details) { d.DateOfBirth = "2009-06-01"; d.Type = "medical_with_rec" }, DateOfBirth, "Medical customers must be 18"},
		{"missing gender", func(d *Details) { d.Gender = "" }, Gender, "Choose"},
		{"unknown gender", func(d *Details) { d.Gender = "other" }, Gender, "Choose"},
		{"missing type", func(d *Details) { d.Type = "" }, Type, "Choose"},
		{"type of another state", func(d *Details) { d.Type = "caregiver" }, Type, "can't take"},
		{"nine-digit phone", func(d *Details) { d.Phone = "555-123-456" }, Phone, "10-digit"},
		{"phone with letters", func(d *Details) { d.Phone = "555-CALL-NOW" }, Phone, "10-digit"},
		{"twelve-digit phone", func(d *Details) { d.Phone = "+44 20 7946 0958" }, Phone, "10-digit"},
		{"e-mail without @", func(d *Details) { d.Email = "maria.example.com" }, Email, "name@example.com"},
		{"e-mail with display name", func(d *Details) { d.Email = "Maria <maria@example.com>" }, Email, "name@example.com"},
		{"e-mail without a dot in the domain", func(d *Details) { d.Email = "maria@localhost" }, Email, "name@example.com"},
		{"state ID too long", func(d *Details) { d.StateID = strings.Repeat("A", 31) }, StateID, "at most 30"},
		{"state ID with symbols", func(d *Details) { d.StateID = "D123<4567>" }, StateID, "letters and numbers"},
		{"expired ID", func(d *Details) { d.StateID = "D1"; d.StateIDExpiresOn = "2026-12-02" }, StateIDExpiresOn, "expired on 2026-12-02"},
		{"ID expiring today", func(d *Details) { d.StateID = "D1"; d.StateIDExpiresOn = "2026-12-03" }, "", ""},
		{"expiry without ID", func(d *Details) { d.StateIDExpiresOn = "2030-01-01" }, StateIDExpiresOn, "ID number as well"},
		{"impossible expiry", func(d *Details) { d.StateID = "D1"; d.StateIDExpiresOn = "2030-13-01" }, StateIDExpiresOn, "real date"},
		{"automatic group", func(d *Details) { d.ManualGroups = []int64{4} }, ManualGroups, "from the list"},
		{"unknown group", func(d *Details) { d.ManualGroups = []int64{99} }, ManualGroups, "from the list"},
		{"unknown address state", func(d *Details) { d.Address.State = "ZZ" }, AddressState, "from the list"},
		{"bad ZIP", func(d *Details) { d.Address.Zip = "9410" }, AddressZip, "ZIP code"},
		{"street too long", func(d *Details) { d.Address.Street = strings.Repeat("s", 101) }, AddressStreet, "at most 100"},
		{"terms not accepted", func(d *Details) { d.AcceptTerms = false }, AcceptTerms, "accept the terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := valid()
			tt.change(&d)
			errs := d.Clean().Validate(rules())
			if tt.field == "" {
				if len(errs) != 0 {
					t.Fatalf("want valid, got %v", errs)
				}
				return
			}
			msg, ok := errs[tt.field]
			if !ok {
				t.Fatalf("want a message for %s, got %v", tt.field, errs)
			}
			if !strings.Contains(msg, tt.says) {
				t.Fatalf("message %q does not say %q", msg, tt.says)
			}
			if len(errs) != 1 {
				t.Fatalf("want only %s to be wrong, got %v", tt.field, errs)
			}
		})
	}
}

func TestMinorTypesHaveNoMinimumAge(t *testing.T) {
	r := rules()
	r.CustomerTypes = indica.CustomerTypes("OK")
	d := valid()
	d.Type, d.DateOfBirth = "minor", "2015-05-05"
	if errs := d.Clean().Validate(r); len(errs) != 0 {
		t.Fatalf("a minor patient licence should not need an age: %v", errs)
	}
}

func TestCleanAndNewCustomer(t *testing.T) {
	d := Details{
		FirstName: "  Ada  ", LastName: "King   Lovelace", DateOfBirth: " 1985-12-10 ", Gender: "female", Type: "medical_with_rec",
		Phone: "(555) 123-4567", Email: " Ada@Example.COM ", StateID: " d123 ", StateIDExpiresOn: "2030-01-01",
		ManualGroups: []int64{3, 1, 3}, Address: Address{Street: " 1  Main St ", State: "ca", Zip: "k1a 0b1"},
		AcceptsMarketingSMS: true, AcceptTerms: true,
	}.Clean()
	nc := d.NewCustomer()
	if nc.FirstName != "Ada" || nc.LastName != "King Lovelace" || nc.DateOfBirth != "1985-12-10" {
		t.Fatalf("names and date: %+v", nc.Profile)
	}
	if nc.Phone != "5551234567" || nc.Email != "ada@example.com" || nc.StateID != "D123" {
		t.Fatalf("phone, e-mail, ID: %q %q %q", nc.Phone, nc.Email, nc.StateID)
	}
	if len(nc.ManualGroups) != 2 || nc.ManualGroups[0] != 1 || nc.ManualGroups[1] != 3 {
		t.Fatalf("groups: %v", nc.ManualGroups)
	}
	if nc.Address == nil || nc.Address.Street != "1 Main St" || nc.Address.State != "CA" || nc.Address.Zip != "K1A 0B1" || nc.Address.City != "" {
		t.Fatalf("address: %+v", nc.Address)
	}
	if !nc.HasMedicalRecommendation {
		t.Fatal("a customer with a recommendation type has a recommendation")
	}
	if !nc.AcceptsMarketingSMS || nc.AcceptsMarketingEmail || nc.AcceptsMarketingMail || nc.AcceptsMarketingCalls {
		t.Fatalf("consents: %+v", nc.Profile)
	}
	if d.PhoneDisplay() != "(555) 123-4567" {
		t.Fatalf("phone display: %q", d.PhoneDisplay())
	}

	bare := valid().Clean().NewCustomer()
	if bare.Address != nil || bare.Phone != "" || bare.ManualGroups == nil {
		t.Fatalf("empty optional fields must be left out and groups sent as []: %+v", bare.Profile)
	}
}

func TestFieldForAPI(t *testing.T) {
	for api, want := range map[string]Field{
		"first_name": FirstName, "state_id": StateID, "address.zip": AddressZip, "address.street": AddressStreet,
		"address": AddressZip, "manual_groups": ManualGroups,
	} {
		if got, ok := FieldForAPI(api); !ok || got != want {
			t.Errorf("FieldForAPI(%q) = %q, %v; want %q", api, got, ok, want)
		}
	}
	for _, api := range []string{"base", "field_id", "alternative_id"} {
		if got, ok := FieldForAPI(api); ok {
			t.Errorf("FieldForAPI(%q) = %q; the form has no such field", api, got)
		}
	}
}

func TestErrorsKeepTheFirstMessageInFormOrder(t *testing.T) {
	errs := Errors{}
	errs.Add(Phone, "first")
	errs.Add(Phone, "second")
	errs.Add(FirstName, "name")
	if errs[Phone] != "first" {
		t.Fatalf("kept %q", errs[Phone])
	}
	if got := errs.Ordered(); len(got) != 2 || got[0] != FirstName || got[1] != Phone {
		t.Fatalf("order: %v", got)
	}
}
