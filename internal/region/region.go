// Package region knows the US states and territories and the Canadian provinces and territories: their
// codes, names and the legal age for adult-use cannabis.
package region

import "strings"

// Region is a US state or territory, or a Canadian province or territory.
type Region struct {
	Code    string // two-letter postal code
	Name    string
	Country string // "US" or "CA"
}

// All lists every region, US first, each country's in alphabetical order of name.
var All = []Region{
	{"AL", "Alabama", "US"}, {"AK", "Alaska", "US"}, {"AS", "American Samoa", "US"}, {"AZ", "Arizona", "US"},
	{"AR", "Arkansas", "US"}, {"CA", "California", "US"}, {"CO", "Colorado", "US"}, {"CT", "Connecticut", "US"},
	{"DE", "Delaware", "US"}, {"DC", "District of Columbia", "US"}, {"FL", "Florida", "US"}, {"GA", "Georgia", "US"},
	{"GU", "Guam", "US"}, {"HI", "Hawaii", "US"}, {"ID", "Idaho", "US"}, {"IL", "Illinois", "US"},
	{"IN", "Indiana", "US"}, {"IA", "Iowa", "US"}, {"KS", "Kansas", "US"}, {"KY", "Kentucky", "US"},
	{"LA", "Louisiana", "US"}, {"ME", "Maine", "US"}, {"MD", "Maryland", "US"}, {"MA", "Massachusetts", "US"},
	{"MI", "Michigan", "US"}, {"MN", "Minnesota", "US"}, {"MS", "Mississippi", "US"}, {"MO", "Missouri", "US"},
	{"MT", "Montana", "US"}, {"NE", "Nebraska", "US"}, {"NV", "Nevada", "US"}, {"NH", "New Hampshire", "US"},
	{"NJ", "New Jersey", "US"}, {"NM", "New Mexico", "US"}, {"NY", "New York", "US"}, {"NC", "North Carolina", "US"},
	{"ND", "North Dakota", "US"}, {"MP", "Northern Mariana Islands", "US"}, {"OH", "Ohio", "US"}, {"OK", "Oklahoma", "US"},
	{"OR", "Oregon", "US"}, {"PA", "Pennsylvania", "US"}, {"PR", "Puerto Rico", "US"}, {"RI", "Rhode Island", "US"},
	{"SC", "South Carolina", "US"}, {"SD", "South Dakota", "US"}, {"TN", "Tennessee", "US"}, {"TX", "Texas", "US"},
	{"VI", "U.S. Virgin Islands", "US"}, {"UT", "Utah", "US"}, {"VT", "Vermont", "US"}, {"VA", "Virginia", "US"},
	{"WA", "Washington", "US"}, {"WV", "West Virginia", "US"}, {"WI", "Wisconsin", "US"}, {"WY", "Wyoming", "US"},
	{"AB", "Alberta", "CA"}, {"BC", "British Columbia", "CA"}, {"MB", "Manitoba", "CA"}, {"NB", "New Brunswick", "CA"},
	{"NL", "Newfoundland and Labrador", "CA"}, {"NT", "Northwest Territories", "CA"}, {"NS", "Nova Scotia", "CA"},
	{"NU", "Nunavut", "CA"}, {"ON", "Ontario", "CA"}, {"PE", "Prince Edward Island", "CA"}, {"QC", "Quebec", "CA"},
	{"SK", "Saskatchewan", "CA"}, {"YT", "Yukon", "CA"},
}

// Lookup answers the region with the given code, in any case.
func Lookup(code string) (Region, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, r := range All {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}

// AdultUseAge answers the legal age for adult-use cannabis in the region: 21 in the US; 19 in Canada,
// but 18 in Alberta and 21 in Quebec.
func (r Region) AdultUseAge() int {
	switch {
	case r.Country == "US":
		return 21
	case r.Code == "AB":
		return 18
	case r.Code == "QC":
		return 21
	default:
		return 19
	}
}
