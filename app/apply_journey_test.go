package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careercenter/app"
	"careercenter/models"
)

// journeyResume is the resume the coder uploads and the employer downloads.
const journeyResume = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Ada's resume for the journey\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// TestApplyJourney: a coder builds a profile with a resume and applies to a
// job on the site; the employer moves them to interviewing in place and
// adds a private note; the coder sees the new status; the employer
// downloads the resume.
func TestApplyJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	const (
		password = "long enough password"
		coder    = "ada@example.com"
		employer = "robin@harborview.example"
		note     = "Strong E/M background. Call on Tuesday."
	)
	job := journeyEmployerAndJob(t, d, employer, password)
	jobID := strconv.FormatInt(job.ID, 10)

	// 1. The coder signs up and builds a profile with a resume.
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Ada Coder", coder, password, "coder")
	load(t, ctx, "/profile", chromedp.Navigate(base+"/profile"))
	page := load(t, ctx, "/profile",
		chromedp.SendKeys(chromedp.ID("f-headline"), "Outpatient coder, CPC"),
		chromedp.SendKeys(chromedp.ID("f-years_experience"), "6"),
		chromedp.Click(chromedp.CSS(`input[name="visibility"][value="visible"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/profile"] button[type="submit"]`)))
	expectText(t, page, "Profile saved.")
	file := filepath.Join(t.TempDir(), "Ada Coder resume.pdf")
	if err := os.WriteFile(file, []byte(journeyResume), 0o600); err != nil {
		t.Fatal(err)
	}
	page = load(t, ctx, "/profile",
		chromedp.SetUploadFiles(chromedp.ID("f-resume"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/profile/resumes"] button[type="submit"]`)))
	expectText(t, page, "Ada Coder resume.pdf")

	// 2. The coder applies from the job's page with the profile's resume.
	load(t, ctx, job.Path(), chromedp.Navigate(base+job.Path()))
	page = load(t, ctx, "/jobs/"+jobID+"/apply", chromedp.Click(chromedp.CSS(`#how-to-apply a[href="/jobs/`+jobID+`/apply"]`)))
	expectText(t, page, "Apply: "+job.Title, "Your profile's resume is sent: Ada Coder resume.pdf")
	page = load(t, ctx, "/applications",
		chromedp.SendKeys(chromedp.ID("f-cover_note"), "I have coded outpatient charts for six years."),
		chromedp.Click(chromedp.CSS(`form[action="/jobs/`+jobID+`/apply"] button[type="submit"]`)))
	expectText(t, page, "Your application for “"+job.Title+"” was sent to Harborview Coding.", job.Title, "New")
	var appID int64
	if err := d.Bun.NewRaw(`SELECT id FROM applications WHERE job_id = ?`, job.ID).Scan(context.Background(), &appID); err != nil {
		t.Fatal(err)
	}
	app := strconv.FormatInt(appID, 10)

	// 3. The employer opens the applicants from the dashboard and moves
	// the coder to interviewing in place with Save (htmx swaps the row).
	emp := newSession(t, ctx)
	load(t, emp, "/login", chromedp.Navigate(base+"/login"))
	load(t, emp, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), employer),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	page = load(t, emp, "/employer", chromedp.Navigate(base+"/employer"))
	expectText(t, page, "Applicants (1)")
	list := "/employer/jobs/" + jobID + "/applicants"
	page = load(t, emp, list, chromedp.Click(chromedp.CSS(`a[href="`+list+`"]`)))
	expectText(t, page, "Ada Coder", coder, "Outpatient coder, CPC", "New")
	run(t, emp, chromedp.Evaluate[bool](fmt.Sprintf(`window.sameDocument = true;
		window.oldRow = document.querySelector("#applicant-%[1]s");
		const s = document.querySelector("#status-%[1]s");
		s.value = "interviewing";
		s.form.querySelector('button[type="submit"]').click();
		true`, app)))
	swapped := fmt.Sprintf(`(() => { const row = document.querySelector("#applicant-%s");
		return !!row && row !== window.oldRow && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling") &&
			row.querySelector('option[value="interviewing"]').defaultSelected; })()`, app)
	waitFor(t, emp, swapped, "the row to come back as interviewing")
	if !run(t, emp, chromedp.Evaluate[bool](`window.sameDocument === true`)) {
		t.Fatal("the status change reloaded the page; htmx should have swapped the row")
	}

	// 4. The employer reads the application and adds a private note.
	detail := "/employer/applications/" + app
	page = load(t, emp, detail, chromedp.Click(chromedp.CSS(`#applicant-`+app+` a[href="`+detail+`"]`)))
	expectText(t, page, "I have coded outpatient charts for six years.", "Interviewing", "Download the resume", "No notes yet.")
	page = load(t, emp, detail,
		chromedp.SendKeys(chromedp.ID("f-body"), note),
		chromedp.Click(chromedp.CSS(`form[action="`+detail+`/notes"] button[type="submit"]`)))
	expectText(t, page, "Note added.", note, "Robin Employer · ")

	// 5. The coder sees the new status, and never the note.
	page = load(t, ctx, "/applications", chromedp.Navigate(base+"/applications"))
	expectText(t, page, job.Title, "Interviewing")
	if strings.Contains(page, note) {
		t.Fatal("the coder sees the employer's private note")
	}
	journeyStatusEmail(t, d, coder, "Interviewing")

	// 6. The employer downloads the resume: the same bytes, as an
	// attachment that is neither sniffed nor run.
	journeyDownload(t, emp, detail+"/resume", journeyResume)
}

// journeyEmployerAndJob stores a verified employer, their company and a
// live job taking applications on the site, straight in the database.
func journeyEmployerAndJob(t *testing.T, d *app.DB, email, password string) *models.Job {
	t.Helper()
	ctx := context.Background()
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "Robin Employer", Email: email,
		Password: password, AccountType: models.AccountEmployer})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.MarkEmailVerified(ctx, d.Bun, u.ID); err != nil {
		t.Fatal(err)
	}
	co := &models.Company{Slug: "harborview-coding", Name: "Harborview Coding", Kind: models.CompanyEmployer}
	if _, err := d.Bun.NewInsert().Model(co).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.ExecContext(ctx, `INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, 'owner')`,
		co.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	j := &models.Job{CompanyID: co.ID, CreatedBy: u.ID, Status: models.JobActive, Plan: models.PlanStandard,
		Title: "Outpatient Coder — Journey", Slug: "outpatient-coder-journey", CompanyName: co.Name,
		WorkMode: "remote", EmploymentType: "full_time", RemoteStates: []string{}, Settings: []string{},
		Specialties: []string{}, CodeSets: []string{}, CredentialsRequired: [][]string{}, CredentialsPreferred: []string{},
		Credentials: []string{}, Systems: []string{}, ApplyMethod: "onsite", NotifyRejections: true,
		Description: "Code outpatient charts.", PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(29 * 24 * time.Hour)}
	if _, err := d.Bun.NewInsert().Model(j).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return j
}

// waitFor polls a JavaScript condition for up to 10 seconds.
func waitFor(t *testing.T, ctx context.Context, condition, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		wctx, cancel := context.WithDeadline(ctx, deadline)
		_, err := chromedp.Run(wctx, chromedp.Poll[bool]("(() => { try { return !!("+condition+") } catch (e) { return false } })()", chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		// A page that navigates while polled loses the poll's context
		// ("Cannot find context with specified id", "Execution context was
		// destroyed"): poll the new page.
		if err != nil && navigatedAway(err) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatalf("waiting for %s: %v\n%s", what, err, pageText(t, ctx))
		}
		return
	}
}

// navigatedAway reports a poll that failed because its page went away.
func navigatedAway(err error) bool {
	for _, m := range []string{"Cannot find context", "Execution context was destroyed", "Inspected target navigated"} {
		if strings.Contains(err.Error(), m) {
			return true
		}
	}
	return false
}

// journeyStatusEmail checks that the status change was emailed to the coder.
func journeyStatusEmail(t *testing.T, d *app.DB, to, status string) {
	t.Helper()
	n, err := d.Bun.NewSelect().Table("river_job").Where("kind = 'email'").
		Where("args->>'to' = ?", to).Where("args->>'subject' LIKE ?", "%: "+status).Count(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("%d status emails to %s (%v), want 1", n, to, err)
	}
}

// journeyDownload fetches path in the page of ctx (with its cookies) and
// checks the bytes and the headers of the download.
func journeyDownload(t *testing.T, ctx context.Context, path, want string) {
	t.Helper()
	raw := run(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(async r => {
		const bytes = new Uint8Array(await r.arrayBuffer());
		let bin = ""; for (const b of bytes) bin += String.fromCharCode(b);
		return JSON.stringify({status: r.status, body: btoa(bin), type: r.headers.get("content-type"),
			disposition: r.headers.get("content-disposition"), nosniff: r.headers.get("x-content-type-options"),
			csp: r.headers.get("content-security-policy")});
	})`, path), chromedp.EvalAwaitPromise))
	var got struct {
		Status                                int
		Body, Type, Disposition, Nosniff, CSP string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("download: %v: %s", err, raw)
	}
	body, _ := base64.StdEncoding.DecodeString(got.Body)
	if got.Status != 200 || string(body) != want {
		t.Fatalf("download: %d, %d bytes, want the %d bytes uploaded", got.Status, len(body), len(want))
	}
	if got.Type != "application/pdf" || got.Nosniff != "nosniff" || got.CSP != "sandbox; default-src 'none'" ||
		!strings.HasPrefix(got.Disposition, `attachment; filename="Ada Coder resume.pdf"`) {
		t.Fatalf("download headers: %+v", got)
	}
}
