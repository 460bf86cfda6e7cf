package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// used records n actions of a kind for an account, as if done just now.
func (s *site) used(action string, userID int64, n int) {
	s.t.Helper()
	_, err := s.db.Bun.NewRaw(`INSERT INTO limit_events (action, subject, at) SELECT ?, ?, now() FROM generate_series(1, ?)`,
		action, userID, n).Exec(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) userID(email string) int64 {
	s.t.Helper()
	u, err := models.UserByEmail(context.Background(), s.db.Bun, email)
	if err != nil {
		s.t.Fatal(err)
	}
	return u.ID
}

// refused checks that a form came back with the limit's message and what was
// typed.
func refused(t *testing.T, name string, res response, message, typed string) {
	t.Helper()
	if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, message) ||
		!strings.Contains(res.Body, typed) || !strings.Contains(res.Body, `role="alert"`) {
		t.Fatalf("%s: %d, want 429 with %q and %q kept\n%.3000s", name, res.Status, message, typed, res.Body)
	}
}

// Each kind of thing an account creates is bounded; the last allowed one
// goes through, the next comes back to its form with the limit stated.
func TestAccountLimitsOnCreating(t *testing.T) {
	s := newSite(t)
	employer, companyID := postingEmployer(s, "boss@example.com", "limits-co")
	bossID := s.userID("boss@example.com")

	s.used("draft", bossID, 29)
	postingDraft(employer, postingForm(companyID))
	form := postingForm(companyID)
	form.Set("title", "Draft Number Thirty-One")
	refused(t, "draft", employer.post("/jobs", form), "limit of 30 job drafts an hour", "Draft Number Thirty-One")
	var drafts int
	if err := s.db.Bun.NewRaw(`SELECT count(*) FROM jobs WHERE title = 'Draft Number Thirty-One'`).Scan(context.Background(), &drafts); err != nil || drafts != 0 {
		t.Fatalf("refused draft stored: %d %v", drafts, err)
	}

	s.used("company", bossID, 2)
	createCompany(t, employer, "Third Company")
	refused(t, "company", postCompanyForm(employer, "/companies", url.Values{"name": {"Fourth Company"}, "kind": {"employer"}}, nil),
		"limit of 3 companies an hour", "Fourth Company")

	s.used("saved_search", bossID, 10)
	refused(t, "saved search", employer.post("/alerts", url.Values{"name": {"Remote CPC jobs"}, "frequency": {"daily"},
		"query": {"q=coder&work_mode=remote"}}), "limit of 10 saved searches an hour", "Remote CPC jobs")
}

func TestAccountLimitsOnApplyingAndReporting(t *testing.T) {
	w := newApplyWorld(t)
	w.s.used("application", w.coderU.ID, 20)
	res := applyTo(w.coder, w.live, "I have five years of pro-fee coding.", "", nil)
	refused(t, "application", res, "limit of 20 applications an hour", "I have five years of pro-fee coding.")
	if n := w.count(`SELECT count(*) FROM applications`); n != 0 {
		t.Fatalf("%d applications stored", n)
	}

	w.s.used("report", w.coderU.ID, 9)
	report := url.Values{"reason": {models.ReportReasons[0].Value}, "details": {"Asks for a fee up front."}}
	if res := w.coder.post("/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/report", report); res.Status != http.StatusSeeOther {
		t.Fatalf("tenth report: %d", res.Status)
	}
	other := w.onsiteJob("Inpatient Coder")
	report.Set("details", "Same scam again.")
	refused(t, "report", w.coder.post("/jobs/"+strconv.FormatInt(other.ID, 10)+"/report", report),
		"limit of 10 reports an hour", "Same scam again.")
}
