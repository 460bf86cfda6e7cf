package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// postingEmployer signs up email and makes it the owner of a new company.
func postingEmployer(s *site, email, slug string) (*browser, string) {
	s.t.Helper()
	b := s.registered(email)
	var companyID string
	err := s.db.Bun.NewRaw(`WITH co AS (INSERT INTO companies (slug, name) VALUES (?, ?) RETURNING id)
		INSERT INTO company_members (company_id, user_id, role)
		SELECT co.id, u.id, 'owner' FROM co, users u WHERE u.email = ? RETURNING company_id::text`,
		slug, "Co "+slug, email).Scan(context.Background(), &companyID)
	if err != nil {
		s.t.Fatal(err)
	}
	return b, companyID
}

// postingForm is a complete job form.
func postingForm(companyID string) url.Values {
	return url.Values{"company_id": {companyID}, "title": {"Outpatient Coder II"}, "work_mode": {"remote"},
		"remote_states": {"GA", "FL"}, "employment_type": {"full_time"}, "settings": {"pro-fee"},
		"specialties": {"cardiology"}, "code_sets": {"cpt", "icd-10-cm"}, "required_1": {"RHIT"},
		"required_2": {"CCS", "CIC"}, "credentials_preferred": {"CPC"}, "apprentice_ok": {"1"},
		"experience_min_years": {"2"}, "salary_min": {"52000"}, "salary_max": {"65000"}, "salary_period": {"year"},
		"systems": {"Epic, 3M 360 Encompass"}, "apply_method": {"url"}, "apply_url": {"https://example.com/apply"},
		"description": {"Code **outpatient** charts."}, "plan": {"standard"}}
}

var previewRE = regexp.MustCompile(`^/jobs/(\d+)/preview$`)

// postingDraft saves form as a new draft and returns its id.
func postingDraft(b *browser, form url.Values) string {
	b.s.t.Helper()
	res := b.post("/jobs", form)
	m := previewRE.FindStringSubmatch(res.Location)
	if res.Status != http.StatusSeeOther || m == nil {
		b.s.t.Fatalf("create job: %d %q\n%s", res.Status, res.Location, res.Body)
	}
	return m[1]
}

func (s *site) jobStatus(id string) string {
	s.t.Helper()
	var status string
	if err := s.db.Bun.NewRaw(`SELECT status FROM jobs WHERE id = ?`, id).Scan(context.Background(), &status); err != nil {
		s.t.Fatal(err)
	}
	return status
}

func (s *site) setJobStatus(id, status, expires string) {
	s.t.Helper()
	if _, err := s.db.Bun.ExecContext(context.Background(),
		`UPDATE jobs SET status = ?, expires_at = now() + ?::interval WHERE id = ?`, status, expires, id); err != nil {
		s.t.Fatal(err)
	}
}

func TestWriteSubmitAndManageAJob(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")

	res := b.get("/jobs/new")
	if res.Status != 200 {
		t.Fatalf("new: %d", res.Status)
	}
	mustContain(t, res.Body, `<option value="`+co+`" selected>Co acme-health</option>`, `name="required_3"`,
		`value="remote" checked`, "Requirement 1: any one of")
	mustContain(t, res.Body, `name="apply_method" value="onsite"`)

	id := postingDraft(b, postingForm(co))
	if s.jobStatus(id) != "draft" {
		t.Fatal("not a draft")
	}
	if res := b.get("/jobs/" + id + "/preview"); res.Status != 200 {
		t.Fatalf("preview: %d", res.Status)
	}

	// The edit form comes back filled in, with the rule as a sentence.
	res = b.get("/jobs/" + id + "/edit")
	mustContain(t, res.Body, `value="Outpatient Coder II"`, "RHIT and (CCS or CIC)",
		`name="required_2" value="CIC" checked`, `name="remote_states" value="GA" checked`,
		`name="apprentice_ok" value="1" checked`, `value="Epic, 3M 360 Encompass"`, "Code **outpatient** charts.")

	res = b.post("/jobs/"+id+"/submit", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/employer" {
		t.Fatalf("submit: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/employer").Body, "Submitted for review.", "Outpatient Coder II", "In review")
	if s.jobStatus(id) != "pending_review" {
		t.Fatal("not in review")
	}
	if res := b.post("/jobs/"+id+"/submit", url.Values{}); res.Status != http.StatusConflict ||
		!strings.Contains(res.Body, "This job is in review, so it cannot be submitted.") {
		t.Fatalf("second submit: %d", res.Status)
	}

	// Live: close, fill and duplicate from the dashboard.
	s.setJobStatus(id, "active", "20 days")
	mustContain(t, b.get("/employer").Body, "Live", "expires in 20 days", "Take down…", "Mark filled…")
	res = b.post("/jobs/"+id+"/duplicate", url.Values{})
	if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Location, "/edit") || res.Location == "/jobs/"+id+"/edit" {
		t.Fatalf("duplicate: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get(res.Location).Body, "Outpatient Coder II (copy)")
	if res := b.post("/jobs/"+id+"/fill", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(id) != "filled" {
		t.Fatalf("fill: %d %s", res.Status, s.jobStatus(id))
	}
	if res := b.post("/jobs/"+id+"/close", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("close a filled job: %d", res.Status)
	}
	if res := b.get("/jobs/" + id + "/edit"); res.Status != http.StatusConflict {
		t.Fatalf("edit a filled job: %d", res.Status)
	}

	other := postingDraft(b, postingForm(co))
	s.setJobStatus(other, "active", "20 days")
	if res := b.post("/jobs/"+other+"/close", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(other) != "withdrawn" {
		t.Fatalf("close: %d %s", res.Status, s.jobStatus(other))
	}
}

func TestJobFormKeepsWhatWasTypedAndExplains(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	form := postingForm(co)
	form.Set("title", "")
	form.Set("salary_min", "70000")
	form.Set("salary_max", "lots")
	form.Set("apply_url", "example.com/apply")
	form["required_2"] = []string{"CCS", "NOPE"}
	res := b.post("/jobs", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, "Please correct the fields marked below.",
		`id="e-title">Enter the job title.`, `id="e-salary_max">Enter whole dollars`,
		`id="e-apply_url">Enter a full web address starting with https://.`,
		`id="e-credentials_required">Choose from the list.`,
		`value="70000"`, `value="lots"`, `value="example.com/apply"`,
		`name="required_1" value="RHIT" checked`, `name="required_2" value="CCS" checked`,
		`name="remote_states" value="FL" checked`, `name="specialties" value="cardiology" checked`,
		`name="code_sets" value="icd-10-cm" checked`, `<option value="year" selected>`, "Code **outpatient** charts.")

	// A draft may be incomplete; submitting it shows what is missing.
	id := postingDraft(b, url.Values{"company_id": {co}, "title": {"Coder"}})
	res = b.post("/jobs/"+id+"/submit", url.Values{})
	if res.Status != http.StatusUnprocessableEntity || s.jobStatus(id) != "draft" {
		t.Fatalf("submit incomplete: %d %s", res.Status, s.jobStatus(id))
	}
	mustContain(t, res.Body, `action="/jobs/`+id+`"`, "Describe the job.", "Enter the web address where candidates apply.")

	// A company the user does not belong to is refused beside the field.
	_, theirs := postingEmployer(s, "other@example.com", "other-co")
	form = postingForm(theirs)
	if res := b.post("/jobs", form); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Choose one of your companies.") {
		t.Fatalf("other company: %d", res.Status)
	}
}

func TestEditingALiveJob(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	s.setJobStatus(id, "active", "20 days")

	form := postingForm(co)
	form.Set("description", "New wording.")
	if res := b.post("/jobs/"+id, form); res.Status != http.StatusSeeOther || s.jobStatus(id) != "active" {
		t.Fatalf("wording: %d %s", res.Status, s.jobStatus(id))
	}
	form.Set("title", "Senior Outpatient Coder")
	res := b.post("/jobs/"+id, form)
	if res.Status != http.StatusSeeOther || s.jobStatus(id) != "pending_review" {
		t.Fatalf("title: %d %s", res.Status, s.jobStatus(id))
	}
	mustContain(t, b.get(res.Location).Body, "needs another review")
}

func TestNoCompanyYet(t *testing.T) {
	s := newSite(t)
	b := s.registered("new@example.com")
	mustContain(t, b.get("/jobs/new").Body, `href="/companies/new"`, "Create your company first")
	mustContain(t, b.get("/employer").Body, `href="/companies/new"`)
}

func TestAnotherCompanysJobsAreNotFound(t *testing.T) {
	s := newSite(t)
	owner, co := postingEmployer(s, "hr@example.com", "acme-health")
	draft := postingDraft(owner, postingForm(co))
	live := postingDraft(owner, postingForm(co))
	s.setJobStatus(live, "active", "20 days")
	stranger, theirs := postingEmployer(s, "other@example.com", "other-co")

	for _, id := range []string{draft, live} {
		for _, path := range []string{"/jobs/" + id + "/edit", "/jobs/" + id + "/preview"} {
			if res := stranger.get(path); res.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", path, res.Status)
			}
		}
		for _, action := range []string{"", "/submit", "/close", "/fill", "/duplicate"} {
			if res := stranger.post("/jobs/"+id+action, postingForm(theirs)); res.Status != http.StatusNotFound {
				t.Errorf("POST /jobs/%s%s: %d", id, action, res.Status)
			}
		}
	}
	if s.jobStatus(draft) != "draft" || s.jobStatus(live) != "active" {
		t.Fatal("a stranger changed the jobs")
	}
	var n int
	if err := s.db.Bun.NewRaw(`SELECT count(*) FROM jobs`).Scan(context.Background(), &n); err != nil || n != 2 {
		t.Fatalf("%d jobs", n)
	}
	if strings.Contains(stranger.get("/employer").Body, "Outpatient Coder II") {
		t.Fatal("the dashboard shows another company's jobs")
	}
}
