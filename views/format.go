package views

import (
	"fmt"
	"strings"

	"intake/internal/signup"
)

func fullName(d signup.Details) string {
	return strings.Join(strings.Fields(d.FirstName+" "+d.MiddleName+" "+d.LastName), " ")
}

func address(a signup.Address) string {
	var parts []string
	for _, p := range []string{a.Street, a.City, strings.TrimSpace(a.State + " " + a.Zip)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func channels(d signup.Details) string {
	var out []string
	for _, c := range []struct {
		on   bool
		name string
	}{{d.AcceptsMarketingEmail, "e-mail"}, {d.AcceptsMarketingSMS, "text message"}, {d.AcceptsMarketingMail, "post"}, {d.AcceptsMarketingCalls, "phone call"}} {
		if c.on {
			out = append(out, c.name)
		}
	}
	return joinWords(out)
}

func joinWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	default:
		return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
	}
}

func orNone(s string) string {
	if s == "" {
		return "None given"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func documentKind(d DocumentView) string {
	if d.PDF {
		return fmt.Sprintf("PDF, %d %s", d.Pages, plural(d.Pages, "page", "pages"))
	}
	return "Photo"
}

type size struct{ w, h int }

// thumbSize answers the shown size of a photo's thumbnail, at most 240 pixels wide or high.
func thumbSize(d DocumentView) size {
	if d.Width <= 0 || d.Height <= 0 {
		return size{240, 180}
	}
	if d.Width >= d.Height {
		return size{240, max(1, 240*d.Height/d.Width)}
	}
	return size{max(1, 240*d.Width/d.Height), 240}
}
