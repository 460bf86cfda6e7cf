package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"careercenter/models"
)

func TestJobSearchCardsSayEasyApplyAndSuggestSpellings(t *testing.T) {
	s := newSite(t)
	c := searchCompany(s, "acme", "Acme Health", models.CompanyEmployer)
	searchJob(s, c, "Radiology Coder", func(j *models.Job) { j.ApplyMethod = "onsite" })
	searchJob(s, c, "Oncology Auditor", nil)
	b := s.browser()
	page := b.get("/jobs")
	for _, card := range strings.Split(page.Body, `<article class="job-card">`)[1:] {
		easy := strings.Contains(card, `class="easy-apply"`)
		if strings.Contains(card, "Radiology Coder") != easy {
			t.Errorf("Easy apply on the wrong card:\n%s", card)
		}
	}
	res := b.get("/jobs?q=radiolgy")
	mustContain(t, res.Body, `Did you mean <a href="/jobs?q=radiology"><strong>radiology</strong></a>?`)
	lacks(t, b.get("/jobs?q=radiology").Body, "Did you mean")
}

func TestFailedFormFocusesAnErrorSummaryLinkingEachField(t *testing.T) {
	s := newSite(t)
	res := s.browser().post("/register", url.Values{"name": {""}, "email": {"not an address"}, "password": {"short"}, "account_type": {"coder"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, `<div class="form-error" id="form-errors" role="alert" tabindex="-1" autofocus`,
		`<input id="f-email"`, `<input id="f-password"`)
	// In the order of the form's fields.
	name, email, password := strings.Index(res.Body, `<li><a href="#f-name">`), strings.Index(res.Body, `<li><a href="#f-email">`),
		strings.Index(res.Body, `<li><a href="#f-password">`)
	if name < 0 || !(name < email && email < password) {
		t.Errorf("summary links at %d, %d, %d, want name, email, password in order", name, email, password)
	}
	if strings.Count(res.Body, " autofocus") != 1 {
		t.Error("more than one element asks for the focus")
	}
}

// A form inside the search form is dropped by the HTML parser, and its
// button then submits the search: the save buttons of the results must
// stand outside it.
func TestJobSearchHasNoFormInsideTheSearchForm(t *testing.T) {
	s := newSite(t)
	c := searchCompany(s, "acme", "Acme Health", models.CompanyEmployer)
	searchJob(s, c, "Radiology Coder", nil)
	body := s.registered("pat@example.com").get("/jobs").Body
	i := strings.Index(body, `<form method="get" action="/jobs" id="job-search"`)
	if i < 0 {
		t.Fatal("no search form")
	}
	inner := body[i+1 : i+strings.Index(body[i:], "</form>")]
	if strings.Contains(inner, "<form") {
		t.Fatalf("a form inside the search form:\n%s", inner)
	}
	mustContain(t, body, `class="save-job"`, `form="job-search" name="q"`)
}
