package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"careercenter/app"
	"careercenter/models"
)

// TestSafeActionsJourney, at 1280 px: an employer marks a job filled
// through its confirmation page and reopens it; in the pipeline, arrow keys
// on a status send nothing; the employer moves an applicant to Rejected
// with Save, sees it saved and counted, and undoes it: the rejection email
// never reaches the outbox, while a change left alone is delivered once due.
func TestSafeActionsJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	const (
		password = "long enough password"
		employer = "robin@harborview.example"
		coder    = "ada@example.com"
	)
	job := journeyEmployerAndJob(t, d, employer, password)
	jobID := strconv.FormatInt(job.ID, 10)
	appID := strconv.FormatInt(journeyApplicant(t, d, job, coder), 10)
	run(t, ctx, chromedp.EmulateViewport(1280, 900))

	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	load(t, ctx, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), employer),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))

	// 1. Mark filled asks first, on a page that says what happens.
	load(t, ctx, "/employer", chromedp.Navigate(base+"/employer"))
	page := load(t, ctx, "/jobs/"+jobID+"/fill", chromedp.Click(chromedp.CSS(`a[href="/jobs/`+jobID+`/fill"]`)))
	expectText(t, page, "as filled?", "stops taking applications", "reopen it from your jobs within 7 days", "Cancel")
	journeyShot(t, ctx, "confirm-fill")
	if s := journeyJobStatus(t, d, job.ID); s != models.JobActive {
		t.Fatalf("the confirmation page changed the job to %s", s)
	}
	page = load(t, ctx, "/employer", chromedp.Click(chromedp.CSS(`form[action="/jobs/`+jobID+`/fill"] button[type="submit"]`)))
	expectText(t, page, "Filled", "You can reopen it until", "Reopen")
	if s := journeyJobStatus(t, d, job.ID); s != models.JobFilled {
		t.Fatalf("after confirming: %s", s)
	}
	journeyShot(t, ctx, "dashboard-filled")

	// 2. Reopened from the dashboard: live again.
	page = load(t, ctx, "/employer", chromedp.Click(chromedp.CSS(`form[action="/jobs/`+jobID+`/reopen"] button[type="submit"]`)))
	expectText(t, page, "Live", "Mark filled…")
	if s := journeyJobStatus(t, d, job.ID); s != models.JobActive {
		t.Fatalf("after reopening: %s", s)
	}

	// 3. Arrow keys on the status select send nothing: only Save does.
	list := "/employer/jobs/" + jobID + "/applicants"
	load(t, ctx, list, chromedp.Navigate(base+list))
	run(t, ctx, chromedp.Focus(chromedp.ID("status-"+appID)))
	for range 3 {
		run(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	}
	time.Sleep(500 * time.Millisecond)
	if s := journeyAppStatus(t, d, appID); s != models.AppNew {
		t.Fatalf("arrow keys changed the status to %s", s)
	}

	// 4. Rejected with Save: saved, counted, and the email waits.
	run(t, ctx, chromedp.Evaluate[bool](fmt.Sprintf(`window.sameDocument = true;
		(() => { const s = document.querySelector("#status-%s"); s.value = "rejected";
		s.form.querySelector('button[type="submit"]').click(); return true })()`, appID)))
	waitFor(t, ctx, `!!document.querySelector("#applicant-`+appID+` .saved") && !document.querySelector(".htmx-request")`,
		"the row to say it was saved")
	expectText(t, pageText(t, ctx), "Saved: Not selected.", "The candidate is emailed about it in a minute.")
	if n := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('#pipeline-counts a[data-status="rejected"] strong').textContent`)); n != "1" {
		t.Fatalf("rejected count on the page: %q", n)
	}
	journeyShot(t, ctx, "pipeline-saved")
	if s := journeyAppStatus(t, d, appID); s != models.AppRejected {
		t.Fatalf("after Save: %s", s)
	}

	// 5. Undo before the minute is up: back to New, the email cancelled.
	run(t, ctx, chromedp.Click(chromedp.CSS(`#applicant-`+appID+` form.undo button`)))
	waitFor(t, ctx, `document.querySelector("#applicant-`+appID+`").textContent.includes("Undone: back to New")`,
		"the row to say it was undone")
	if !run(t, ctx, chromedp.Evaluate[bool](`window.sameDocument === true`)) {
		t.Fatal("the page reloaded; htmx should have swapped the row")
	}
	if n := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('#pipeline-counts a[data-status="new"] strong').textContent`)); n != "1" {
		t.Fatalf("new count after undo: %q", n)
	}
	if s := journeyAppStatus(t, d, appID); s != models.AppNew {
		t.Fatalf("after undo: %s", s)
	}

	// 6. A change left alone goes once due (the worker is live), and the
	// undone rejection never does.
	// The swapped-in row is live once htmx has settled it (it drops the
	// htmx-added class as it wires the row's forms).
	waitFor(t, ctx, `!document.querySelector("#applicant-`+appID+`.htmx-added, #applicant-`+appID+` .htmx-added")`,
		"the undone row to settle")
	run(t, ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.querySelector("#status-%s");
		s.value = "interviewing"; s.form.querySelector('button[type="submit"]').click(); return true })()`, appID)))
	waitFor(t, ctx, `document.querySelector("#applicant-`+appID+`").textContent.includes("Saved: Interviewing")`, "the interview to be saved")
	if _, err := d.Bun.ExecContext(context.Background(),
		`UPDATE river_job SET scheduled_at = now() WHERE kind = 'email' AND state = 'scheduled' AND args->>'to' = ?`, coder); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for journeyOutbox(t, d, coder, "%: Interviewing") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the interview email never reached the outbox")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n := journeyOutbox(t, d, coder, "%: Not selected"); n != 0 {
		t.Fatalf("the undone rejection reached the outbox %d times", n)
	}
}

// journeyApplicant stores a coder with a resume who applied to job.
func journeyApplicant(t *testing.T, d *app.DB, job *models.Job, email string) int64 {
	t.Helper()
	ctx := context.Background()
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "Ada Coder", Email: email,
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	r, err := models.SaveResume(ctx, d.Bun, models.DBFiles{}, u.ID, "ada.pdf", []byte(journeyResume), true)
	if err != nil {
		t.Fatal(err)
	}
	a, err := models.Apply(ctx, d.Bun, job.ID, u.ID, models.ApplyInput{ResumeID: r.ID}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func journeyJobStatus(t *testing.T, d *app.DB, id int64) string {
	t.Helper()
	j, err := models.JobByID(context.Background(), d.Bun, id)
	if err != nil {
		t.Fatal(err)
	}
	return j.Status
}

func journeyAppStatus(t *testing.T, d *app.DB, id string) string {
	t.Helper()
	var s string
	if err := d.Bun.NewRaw(`SELECT status FROM applications WHERE id = ?`, id).Scan(context.Background(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// journeyOutbox counts the emails to an address in the development outbox
// whose subject is LIKE subject.
func journeyOutbox(t *testing.T, d *app.DB, to, subject string) int {
	t.Helper()
	n, err := d.Bun.NewSelect().Table("dev_mails").Where("to_addr = ? AND subject LIKE ?", to, subject).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// journeyShot keeps screenshots of the page at 390 and 1280 px when
// JOURNEY_SCREENSHOTS names a folder, for people to look at.
func journeyShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("JOURNEY_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, w := range []int64{390, 1280} {
		run(t, ctx, chromedp.EmulateViewport(w, 900))
		png := run(t, ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
