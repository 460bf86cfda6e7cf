package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// After confirming their email a coder lands on their next steps, ticked
// off as they are done; an employer on company, then job.
func TestConfirmedAccountsLandOnTheirFirstSteps(t *testing.T) {
	s := newSite(t)
	coder := s.registered("coder@example.com") // follows the link: 303 to /start
	page := coder.get("/start")
	if page.Status != 200 {
		t.Fatalf("first steps: %d", page.Status)
	}
	mustContain(t, page.Body, "<h1>Build your profile</h1>", "0 of 3 done", `href="/profile" role="button"`,
		"Upload your resume", "Your first saved search", `href="/jobs"`, "Your email address is verified.")
	mustNotContain(t, page.Body, "Create your company")

	res := coder.post("/profile", url.Values{"headline": {"Outpatient coder, CPC"}, "years_experience": {"4"},
		"remote_preference": {"remote"}, "visibility": {"private"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("save profile: %d %s", res.Status, res.Body)
	}
	res = coder.post("/alerts", url.Values{"name": {"Remote coding"}, "query": {"work_mode=remote"}, "frequency": {"daily"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("save search: %d", res.Status)
	}
	page = coder.get("/start")
	mustContain(t, page.Body, "2 of 3 done", "Your profile<span class=\"visually-hidden\"> (done)</span>",
		"Your first saved search<span class=\"visually-hidden\"> (done)</span>", `href="/alerts"`)
	mustNotContain(t, page.Body, "Your resume<span class=\"visually-hidden\"> (done)")

	employer := s.browser()
	employer.post("/register", url.Values{"name": {"Hana Hiring"}, "email": {"hr@example.com"},
		"password": {"correct horse battery"}, "account_type": {"employer"}})
	res = employer.get(s.lastLink("hr@example.com", "/verify"))
	if res.Status != http.StatusSeeOther || res.Location != "/start" {
		t.Fatalf("employer verify: %d %s", res.Status, res.Location)
	}
	page = employer.get("/start")
	mustContain(t, page.Body, "<h1>Create your company, then post a job</h1>", "0 of 2 done",
		`href="/companies/new" role="button"`, "Create your company first.")
	mustNotContain(t, page.Body, "Build your profile", `href="/jobs/new"`)
	createCompany(t, employer, "Acme Health")
	page = employer.get("/start")
	mustContain(t, page.Body, "1 of 2 done", `href="/jobs/new" role="button"`)

	if res := s.browser().get("/start"); res.Status != http.StatusSeeOther {
		t.Fatalf("guest on /start: %d", res.Status)
	}
}

var selectedCompany = regexp.MustCompile(`<option value="(\d+)" selected>([^<]+)</option>`)

// "Post a job" starts with the company just created, then with the one
// last posted for, and says which company the job is published under.
func TestPostAJobPreselectsTheLastUsedCompany(t *testing.T) {
	s := newSite(t)
	b := s.registered("hr@example.com")
	createCompany(t, b, "Acme Health")
	mustContain(t, b.get("/jobs/new").Body, "Published under", "This job will be published under <strong>Acme Health</strong>")

	// Just created: chosen, though it sorts after the other.
	createCompany(t, b, "Zeta Staffing")
	m := selectedCompany.FindStringSubmatch(b.get("/jobs/new").Body)
	if m == nil || m[2] != "Zeta Staffing" {
		t.Fatalf("after creating Zeta Staffing, selected %v", m)
	}
	var acme, zeta string
	if err := s.db.Bun.NewRaw(`SELECT (SELECT id::text FROM companies WHERE name = 'Acme Health'),
		(SELECT id::text FROM companies WHERE name = 'Zeta Staffing')`).Scan(t.Context(), &acme, &zeta); err != nil {
		t.Fatal(err)
	}
	// Last posted for: chosen next time.
	postingDraft(b, postingForm(acme))
	page := b.get("/jobs/new").Body
	if m := selectedCompany.FindStringSubmatch(page); m == nil || m[2] != "Acme Health" {
		t.Fatalf("after posting for Acme Health, selected %v", m)
	}
	mustContain(t, page, "This job will be published under <strong>Acme Health</strong>")
	// An explicit choice in the link still wins.
	if m := selectedCompany.FindStringSubmatch(b.get("/jobs/new?company=" + zeta).Body); m == nil || m[2] != "Zeta Staffing" {
		t.Fatalf("?company=: selected %v", m)
	}
}
