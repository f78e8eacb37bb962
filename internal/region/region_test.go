package region

import "testing"

func TestLookupAndAdultUseAge(t *testing.T) {
	tests := []struct {
		code    string
		found   bool
		name    string
		ageRule int
	}{
		{"CA", true, "California", 21},
		{"ok", true, "Oklahoma", 21},
		{" mp ", true, "Northern Mariana Islands", 21},
		{"ON", true, "Ontario", 19},
		{"AB", true, "Alberta", 18},
		{"QC", true, "Quebec", 21},
		{"XX", false, "", 0},
		{"", false, "", 0},
	}
	for _, tt := range tests {
		r, ok := Lookup(tt.code)
		if ok != tt.found || r.Name != tt.name {
			t.Errorf("Lookup(%q) = %+v, %v", tt.code, r, ok)
			continue
		}
		if ok && r.AdultUseAge() != tt.ageRule {
			t.Errorf("%s adult-use age = %d, want %d", tt.code, r.AdultUseAge(), tt.ageRule)
		}
	}
	seen := map[string]bool{}
	for _, r := range All {
		if len(r.Code) != 2 || seen[r.Code] {
			t.Errorf("bad or repeated code %q", r.Code)
		}
		seen[r.Code] = true
	}
}
