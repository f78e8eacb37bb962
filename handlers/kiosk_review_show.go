package handlers

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/internal/signup"
	"intake/views"
)

func showKioskReview(site views.Site, sess kioskSession, drafts DraftStore, rules RulesSource, k KioskSettings, ds DocumentSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		_, draft, err := loadDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		r := currentRules(c, rules, log)
		if step := firstIncomplete(c, draft, r, ds); step != "" {
			return c.Redirect(http.StatusSeeOther, step) // not done yet, or the store's rules changed meanwhile
		}
		return render(c, http.StatusOK, views.KioskReview(reviewPage(c, site, k, r, draft, "")))
	}
}

func reviewPage(c echo.Context, site views.Site, k KioskSettings, r signup.Rules, draft signup.Draft, problem string) views.ReviewPage {
	p := views.ReviewPage{
		Page:         kioskPage(c, site, "Check your details", k, true),
		Details:      draft.Details,
		GroupNames:   groupNames(draft.Details.ManualGroups, r.ManualGroups),
		Problem:      problem,
		EditURL:      c.Echo().Reverse(routeKioskDetails),
		SubmitAction: c.Echo().Reverse(routeKioskSubmit),
		CancelAction: c.Echo().Reverse(routeKioskCancel),
	}
	for _, s := range []docStep{idStep, medicalStep} {
		docs := draft.Of(s.docType)
		if len(docs) == 0 && (s != medicalStep || !draft.Details.IsMedical()) {
			continue
		}
		group := views.DocumentGroup{Title: s.title, EditURL: c.Echo().Reverse(routeKioskDocuments, s.kind)}
		for i, doc := range docs {
			group.Documents = append(group.Documents, documentView(i, doc))
		}
		p.Documents = append(p.Documents, group)
	}
	return p
}
