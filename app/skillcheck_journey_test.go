package app_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"careercenter/app"
	"careercenter/models"
	"careercenter/models/demo"
)

// TestSkillCheckJourney: an employer adds two library scenarios to a job's
// skills check (it had one) and shows candidates their score; a coder
// applies, takes the check with the code look-up (opening a code page from
// it without spending a view) and hands it in; the employer sees the score
// in the pipeline, sorts by it and reads the breakdown.
func TestSkillCheckJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	const (
		password = "long enough password"
		coder    = "ada@example.com"
		employer = "robin@harborview.example"
	)
	job := journeyEmployerAndJob(t, d, employer, password)
	jobID := strconv.FormatInt(job.ID, 10)
	if _, err := models.AddLibraryScenario(ctx, d.Bun, job.ID, "hcpcs-cpap"); err != nil {
		t.Fatal(err)
	}
	journeyCoderWithResume(t, d, coder, password)
	emp := startBrowser(t, exe)

	// 1. The employer adds two scenarios from the library and turns the
	// score on for candidates.
	journeyLogin(t, emp, base, employer, password)
	load(t, emp, "/employer", chromedp.Navigate(base+"/employer"))
	check := "/employer/jobs/" + jobID + "/check"
	page := load(t, emp, check, chromedp.Click(chromedp.CSS(`a[href="`+check+`"]`)))
	expectText(t, page, "Candidates see the check once it has at least 3 scenarios.", "CPAP device for sleep apnea")
	for _, key := range []string{"surgery-tka-right", "cm-diabetes-ckd"} {
		page = load(t, emp, check, chromedp.Click(chromedp.CSS(`#library-`+key+` button[type="submit"]`)))
		expectText(t, page, "Scenario added from the library.")
	}
	expectText(t, page, "The check is on:", "Right total knee replacement", "Type 2 diabetes with stage 4 CKD")
	page = load(t, emp, check,
		chromedp.Click(chromedp.CSS(`input[name="show_score"]`)),
		chromedp.Click(chromedp.CSS(`form[action="`+check+`"] button[type="submit"]`)))
	expectText(t, page, "Skills check settings saved.")

	// 2. The coder applies; the check follows the cover note.
	cod := newSession(t, emp)
	journeyLogin(t, cod, base, coder, password)
	load(t, cod, job.Path(), chromedp.Navigate(base+job.Path()))
	page = load(t, cod, "/jobs/"+jobID+"/apply", chromedp.Click(chromedp.CSS(`#how-to-apply a[href="/jobs/`+jobID+`/apply"]`)))
	expectText(t, page, "Next step: a skills check.", "3 short cases in 30 minutes")
	take := "/jobs/" + jobID + "/check"
	page = load(t, cod, take,
		chromedp.SendKeys(chromedp.ID("f-cover_note"), "Six years of outpatient coding."),
		chromedp.Click(chromedp.CSS(`form[action="/jobs/`+jobID+`/apply"] button[type="submit"]`)))
	expectText(t, page, "One more step: its skills check.", "Start the check (30 minutes)", "never scores below zero")
	page = load(t, cod, take, chromedp.Click(chromedp.CSS(`form[action="`+take+`/start"] button`)))
	expectText(t, page, "Time left", "Right total knee replacement", "Type 2 diabetes with stage 4 CKD", "CPAP device for sleep apnea")

	// 3. The knee: the code look-up finds 27447, "Add" puts it in the
	// answer, the coder adds the modifier and the diagnosis.
	ids := journeyScenarioIDs(t, d, job.ID)
	knee, dm, cpap := ids["surgery-tka-right"], ids["cm-diabetes-ckd"], ids["hcpcs-cpap"]
	run(t, cod, chromedp.SendKeys(chromedp.ID("lookup-"+knee), "knee replacement"))
	waitFor(t, cod, `!!document.querySelector('#lookup-results-`+knee+` .add-code[data-code="27447"]')`, "the look-up to find 27447")
	run(t, cod, chromedp.Click(chromedp.CSS(`#lookup-results-`+knee+` .add-code[data-code="27447"]`)))
	waitFor(t, cod, `document.querySelector("#answer-`+knee+`").value === "27447"`, "27447 in the answer")
	run(t, cod, chromedp.SendKeys(chromedp.ID("answer-"+knee), "-RT, M17.11"))
	waitFor(t, cod, `document.querySelector("#saved-`+knee+`").textContent.startsWith("Saved at") &&
		document.querySelector("#answer-`+knee+`").value === "27447-RT, M17.11"`, "the knee answer to be saved")
	run(t, cod, chromedp.SendKeys(chromedp.ID("answer-"+dm), "E11.22, N18.4"))
	run(t, cod, chromedp.SendKeys(chromedp.ID("answer-"+cpap), "E0601, G47.33"))
	waitFor(t, cod, `document.querySelector("#saved-`+cpap+`").textContent.startsWith("Saved at")`, "the CPAP answer to be saved")

	// A code page opened from the look-up spends no view.
	href := run(t, cod, chromedp.Evaluate[string](`document.querySelector('#lookup-results-`+knee+` a[href^="/codes/cpt/27447"]').getAttribute("href")`))
	page = load(t, cod, "/codes/cpt/27447", chromedp.Navigate(base+href))
	expectText(t, page, "Total knee replacement", "6 code page views remaining")

	// 4. Back to the check (answers kept), hand it in, see the score:
	// knee 2 of 2, diabetes 2 of 3 (Z79.4 missed), CPAP 2 of 2.
	page = load(t, cod, take, chromedp.Navigate(base+take))
	if v := run(t, cod, chromedp.Evaluate[string](`document.querySelector("#answer-`+dm+`").value`)); v != "E11.22, N18.4" {
		t.Fatalf("the diabetes answer came back as %q", v)
	}
	page = load(t, cod, take, chromedp.Click(chromedp.ID("hand-in")))
	expectText(t, page, "Your skills check was handed in.", "Your score: 86% (6 of 7 points).")

	// 5. The employer sees the score in the pipeline, sorts by it and
	// reads the breakdown.
	list := "/employer/jobs/" + jobID + "/applicants"
	page = load(t, emp, list, chromedp.Navigate(base+list))
	expectText(t, page, "Ada Coder", "86%")
	load(t, emp, list, chromedp.Click(chromedp.ID("sort-score")))
	var appID int64
	if err := d.Bun.NewRaw(`SELECT id FROM applications WHERE job_id = ?`, job.ID).Scan(ctx, &appID); err != nil {
		t.Fatal(err)
	}
	result := "/employer/applications/" + strconv.FormatInt(appID, 10) + "/check"
	page = load(t, emp, result, chromedp.Click(chromedp.CSS(`a[href="`+result+`"]`)))
	expectText(t, page, "Score: 86% (6 of 7 points)", "27447-RT found (+1)", "E11.22 found (+1)",
		"Z79.4 ICD-10-CM · missed", "E0601 found (+1)")
}

// journeyCoderWithResume stores a verified coder with a profile resume.
func journeyCoderWithResume(t *testing.T, d *app.DB, email, password string) {
	t.Helper()
	ctx := context.Background()
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "Ada Coder", Email: email,
		Password: password, AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.MarkEmailVerified(ctx, d.Bun, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := models.SaveResume(ctx, d.Bun, models.DBFiles{}, u.ID, "Ada resume.pdf", []byte(journeyResume), true); err != nil {
		t.Fatal(err)
	}
}

// journeyLogin signs in with email and password.
func journeyLogin(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	load(t, ctx, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
}

// journeyScenarioIDs maps the job's scenarios' library keys to their ids.
func journeyScenarioIDs(t *testing.T, d *app.DB, jobID int64) map[string]string {
	t.Helper()
	s, err := models.SkillCheckForJob(context.Background(), d.Bun, jobID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, sc := range s.Scenarios {
		out[sc.LibraryKey] = strconv.FormatInt(sc.ID, 10)
	}
	return out
}
