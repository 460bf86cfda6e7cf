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

	"careercenter/app"
	"careercenter/models"
)

// TestPhoneJourney, at 390 px: a guest finds the menu behind one button,
// searches, sees the results before the filters, opens a job, uses the Apply
// of the bar at the bottom of the screen, signs up and confirms the email.
func TestPhoneJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	job := journeyEmployerAndJob(t, d, "robin@harborview.example", "long enough password")
	jobID := strconv.FormatInt(job.ID, 10)
	run(t, ctx, chromedp.EmulateViewport(390, 844))

	// 1. The header is one row with a Menu button; the menu opens without script.
	load(t, ctx, "/jobs", chromedp.Navigate(base+"/jobs"))
	waitFor(t, ctx, `document.querySelector("header.site nav").getBoundingClientRect().height < 80`, "a one-row header")
	if run(t, ctx, chromedp.Evaluate[bool](`document.querySelector('header a[href="/login"]').checkVisibility()`)) {
		t.Fatal("the header links show at 390 px instead of folding into the menu")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`.site-menu > summary`)))
	waitFor(t, ctx, `document.querySelector('header a[href="/login"]').checkVisibility()`, "the open menu")
	phoneShot(t, ctx, "menu-390")

	// 2. Results come first; the filters wait behind a button.
	if !run(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("filters")).display === "none" &&
		document.querySelector(".filters-open").getClientRects().length > 0`)) {
		t.Fatal("the filters are not behind a button at 390 px")
	}

	// 3. The guest searches and opens the job.
	run(t, ctx, chromedp.SendKeys(chromedp.ID("f-q"), "outpatient"))
	run(t, ctx, chromedp.Click(chromedp.CSS(`.search-bar button[type="submit"]`)))
	waitFor(t, ctx, `location.search === "?q=outpatient" && document.querySelectorAll("#results .job-card").length === 1 &&
		!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")`, "the search results")
	expectText(t, pageText(t, ctx), "1–1 of 1 job", "Easy apply")
	phoneShot(t, ctx, "search-390")
	load(t, ctx, job.Path(), chromedp.Click(chromedp.CSS(`#results .job-card h3 a`)))

	// 4. The Apply button stays on screen at the bottom, even scrolled.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`))
	waitFor(t, ctx, `(() => { const r = document.querySelector("#job-actions .apply-now").getBoundingClientRect();
		return r.top > innerHeight / 2 && r.bottom <= innerHeight && r.right <= innerWidth; })()`, "the Apply button in the bottom bar")
	phoneShot(t, ctx, "job-390")
	load(t, ctx, "/login", chromedp.Click(chromedp.CSS(`#job-actions a.apply-now[href="/jobs/`+jobID+`/apply"]`)))

	// 5. Signing up instead, and confirming the address.
	load(t, ctx, "/register", chromedp.Click(chromedp.CSS(`main a[href="/register"]`)))
	// A form sent empty comes back with the focus on its error summary,
	// whose links lead to the fields.
	loadStatus(t, ctx, "/register", 422, chromedp.Click(chromedp.CSS(`form[action="/register"] button[type="submit"]`)))
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "form-errors"`, "the focus on the error summary")
	phoneShot(t, ctx, "register-errors-390")
	run(t, ctx, chromedp.Click(chromedp.CSS(`#form-errors a[href="#f-email"]`)))
	waitFor(t, ctx, `location.hash === "#f-email"`, "the link to the email field")
	registerAndVerify(t, ctx, base, "Ada Coder", "ada@example.com", "long enough password", "coder")
	expectText(t, pageText(t, ctx), "Your email address is verified.")
	phoneShot(t, ctx, "landing-390")
}

// TestFirstScreenShowsFiveJobs: at 1280×800 a coder sees at least five whole
// job cards without scrolling.
func TestFirstScreenShowsFiveJobs(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	job := journeyEmployerAndJob(t, d, "robin@harborview.example", "long enough password")
	for i := range 7 {
		moreJobs(t, d, job, i)
	}
	run(t, ctx, chromedp.EmulateViewport(1280, 800))
	load(t, ctx, "/jobs", chromedp.Navigate(base+"/jobs"))
	visible := run(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("#results .job-card")]
		.filter(c => c.getBoundingClientRect().bottom <= innerHeight).length`))
	phoneShot(t, ctx, "jobs-1280")
	if visible < 5 {
		t.Fatalf("%d whole job cards in the first screen, want at least 5", visible)
	}
}

// moreJobs copies a job with another title, credentials and pay, so the
// cards are as long as real ones.
func moreJobs(t *testing.T, d *app.DB, like *models.Job, i int) {
	t.Helper()
	j := *like
	j.ID, j.Title, j.Slug = 0, fmt.Sprintf("Risk Adjustment Coder %d", i), fmt.Sprintf("risk-adjustment-coder-%d", i)
	j.CredentialsRequired, j.ApprenticeOK = [][]string{{"CRC", "CPC"}, {"CCS"}}, true
	low, high, period := 52000, 64000, "year"
	j.SalaryMin, j.SalaryMax, j.SalaryPeriod = &low, &high, &period
	j.PublishedAt = time.Now().Add(-time.Duration(i+2) * time.Hour)
	if _, err := d.Bun.NewInsert().Model(&j).ExcludeColumn("id").Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// phoneShot keeps a picture of the page in JOURNEY_SHOTS, when set.
func phoneShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("JOURNEY_SHOTS")
	if dir == "" {
		return
	}
	png := run(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
