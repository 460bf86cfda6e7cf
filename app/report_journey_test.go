package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// TestReportJourney: a guest reports a job as a scam; an admin sees it first
// in the reports queue and removes it; its page answers 410 and search no
// longer finds it.
func TestReportJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	const adminMail, password = "admin@example.com", "long enough password"

	co := &models.Company{Slug: "quick-cash-coding", Name: "Quick Cash Coding", Kind: models.CompanyEmployer}
	if _, err := d.Bun.NewInsert().Model(co).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	scam := liveJob(t, d.Bun, co, "Remote Coder No Experience", "starter-kit")
	other := liveJob(t, d.Bun, co, "Outpatient Coder", "outpatient")

	// 1. Another reader reports the other job first, for wrong information.
	report(t, ctx, base, other, "wrong_info")

	// 2. A guest reports the job as a scam from its page.
	guest := newSession(t, ctx)
	page := report(t, guest, base, scam, "scam")
	expectText(t, page, "Thank you for your report.")

	// 3. The admin sees it first in the queue and removes it.
	if _, err := models.CreateAdmin(context.Background(), d.Bun, adminMail, "Admin", password); err != nil {
		t.Fatal(err)
	}
	admin := newSession(t, ctx)
	load(t, admin, "/login", chromedp.Navigate(base+"/login"))
	load(t, admin, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), adminMail),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	page = load(t, admin, "/admin/reports", chromedp.Navigate(base+"/admin/reports"))
	expectText(t, page, "2 jobs have open reports", "1 say scam")
	first := run(t, admin, chromedp.Evaluate[string](`document.querySelector("article.reported-job h2").textContent.trim()`))
	if first != scam.Title {
		t.Fatalf("first in the queue: %q, want %q", first, scam.Title)
	}
	id := strconv.FormatInt(scam.ID, 10)
	loadStatus(t, admin, "/admin/jobs", 200,
		chromedp.SendKeys(chromedp.ID("remove-"+id), "Asks candidates to pay for a starter kit"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/jobs/`+id+`/remove"] button[type="submit"]`)))
	page = load(t, admin, "/admin/reports", chromedp.Navigate(base+"/admin/reports"))
	if strings.Contains(page, scam.Title) {
		t.Fatalf("the removed job is still in the queue:\n%s", page)
	}

	// 4. Its page is gone and the search does not find it.
	loadStatus(t, guest, scam.Path(), 410, chromedp.Navigate(base+scam.Path()))
	page = load(t, guest, "/jobs", chromedp.Navigate(base+"/jobs?q=coder"))
	expectText(t, page, other.Title)
	if strings.Contains(page, scam.Title) {
		t.Fatalf("search still finds the removed job:\n%s", page)
	}
}

// liveJob stores a live remote job of co.
func liveJob(t *testing.T, db bun.IDB, co *models.Company, title, slug string) *models.Job {
	t.Helper()
	now := time.Now()
	j := &models.Job{CompanyID: co.ID, Status: models.JobActive, Plan: models.PlanStandard, Slug: slug,
		Title: title, CompanyName: co.Name, WorkMode: "remote", EmploymentType: "full_time",
		RemoteStates: []string{}, Settings: []string{}, Specialties: []string{}, CodeSets: []string{},
		CredentialsRequired: [][]string{}, CredentialsPreferred: []string{}, Credentials: []string{},
		Systems: []string{}, ApplyMethod: "url", ApplyURL: "https://example.com/apply",
		Description: "Code charts from home.", PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(29 * 24 * time.Hour)}
	if _, err := db.NewInsert().Model(j).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	return j
}

// report opens the job page, unfolds the report form, picks reason and
// sends it; it returns the job page shown after.
func report(t *testing.T, ctx context.Context, base string, j *models.Job, reason string) string {
	t.Helper()
	load(t, ctx, j.Path(), chromedp.Navigate(base+j.Path()))
	run(t, ctx, chromedp.Steps(chromedp.Click(chromedp.CSS(`details.report-job summary`)),
		chromedp.Click(chromedp.CSS(`input[name="reason"][value="`+reason+`"]`))))
	return load(t, ctx, j.Path(),
		chromedp.Click(chromedp.CSS(`form[action="/jobs/`+strconv.FormatInt(j.ID, 10)+`/report"] button[type="submit"]`)))
}
