package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careercenter/models"
)

// TestPostApproveAndFindJobJourney: an employer creates a company and posts a
// job, submits it for review; an admin approves it; a guest finds it with the
// search form and its filters, and reads its public page.
func TestPostApproveAndFindJobJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)

	const (
		password  = "long enough password"
		employer  = "employer@harborview.example"
		company   = "Harborview Coding Partners"
		slug      = "harborview-coding-partners"
		title     = "Inpatient DRG Coder — Journey"
		applyURL  = "https://careers.example/drg"
		adminMail = "admin@example.com"
		// Requirement 2 is "CCS or CIC", but a browser sends checked boxes
		// in the order of the form, which lists CIC before CCS; the
		// alternatives are shown in the order they were sent.
		rule = "RHIT and (CIC or CCS)"
	)

	// 1. An employer signs up and creates a company.
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Robin Employer", employer, password, "employer")
	load(t, ctx, "/companies/new", chromedp.Navigate(base+"/companies/new"))
	page := load(t, ctx, "/companies/"+slug,
		chromedp.SendKeys(chromedp.ID("f-name"), company),
		chromedp.SendKeys(chromedp.ID("f-website"), "https://harborview.example"),
		chromedp.SendKeys(chromedp.ID("f-email_domain"), "harborview.example"),
		chromedp.Click(chromedp.CSS(`input[name="kind"][value="employer"]`)),
		chromedp.SendKeys(chromedp.ID("f-description"), "We code inpatient charts for community hospitals."),
		chromedp.Click(chromedp.CSS(`form[action="/companies"] button[type="submit"]`)))
	expectText(t, page, company+" is created", "We code inpatient charts for community hospitals.")
	co, err := models.CompanyBySlug(context.Background(), d.Bun, slug)
	if err != nil {
		t.Fatal(err)
	}

	// 2. The employer writes the job, previews the draft and submits it.
	load(t, ctx, "/jobs/new", chromedp.Navigate(base+"/jobs/new"))
	check := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q][value=%q]`, name, value)))
	}
	// Groups folded in <details> open from their summary.
	unfold := func(field string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`details:has(input[name=%q]) > summary`, field)))
	}
	run(t, ctx, chromedp.Steps(
		chromedp.SetValue(chromedp.ID("f-company_id"), strconv.FormatInt(co.ID, 10)),
		chromedp.SendKeys(chromedp.ID("f-title"), title),
		chromedp.SetValue(chromedp.ID("f-employment_type"), "full_time"),
		check("work_mode", "remote"),
		chromedp.SendKeys(chromedp.ID("f-city"), "Seattle"),
		chromedp.SetValue(chromedp.ID("f-state"), "WA"),
		unfold("remote_states"), check("remote_states", "WA"), check("remote_states", "OR"),
		check("settings", "inpatient-facility"),
		check("specialties", "internal-medicine"),
		check("code_sets", "icd-10-cm"), check("code_sets", "icd-10-pcs"),
		check("required_1", "RHIT"),
		unfold("required_2"), check("required_2", "CCS"), check("required_2", "CIC"),
		chromedp.SendKeys(chromedp.ID("f-experience_min_years"), "2"),
		chromedp.SendKeys(chromedp.ID("f-salary_min"), "30"),
		chromedp.SendKeys(chromedp.ID("f-salary_max"), "38"),
		chromedp.SetValue(chromedp.ID("f-salary_period"), "hour"),
		check("apply_method", "url"),
		chromedp.SendKeys(chromedp.ID("f-apply_url"), applyURL),
		chromedp.SendKeys(chromedp.ID("f-description"),
			"Assign DRGs to inpatient charts.\n\n- Validate MS-DRG and APR-DRG\n- Query physicians through CDI\n"),
		check("plan", "standard"),
	))
	chosen := run(t, ctx, chromedp.Evaluate[string](`[
		document.querySelector("#f-company_id").selectedOptions[0].textContent,
		document.querySelector('input[name="apprentice_ok"]').checked,
		document.querySelector("#credential-rule").textContent.trim(),
	].join("|")`))
	if want := company + "|false|Required now: no credential"; chosen != want {
		t.Fatalf("job form before saving: %q, want %q", chosen, want)
	}
	preview, page := loadMatching(t, ctx, `/jobs/\d+/preview`,
		chromedp.Click(chromedp.CSS(`form[action="/jobs"] button[type="submit"]`)))
	expectText(t, page, "Draft saved. This is how your job will look.", "Preview · Draft.", title, company,
		"Credentials required: "+rule, "$30–$38 per hour",
		"Remote — candidates in", "Inpatient facility", "Validate MS-DRG and APR-DRG")
	if strings.Contains(page, "CPC-A considered") {
		t.Fatal("the preview says CPC-A considered; it was left unchecked")
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".job-description ul > li").length`)); n != 2 {
		t.Fatalf("the description list has %d items, want 2", n)
	}
	id := strings.Split(preview, "/")[2]
	page = load(t, ctx, "/employer",
		chromedp.Click(chromedp.CSS(`form[action="/jobs/`+id+`/submit"] button[type="submit"]`)))
	expectText(t, page, "Submitted for review.", title, "In review")

	// 3. An admin approves it from the review queue.
	if _, err := models.CreateAdmin(context.Background(), d.Bun, adminMail, "Admin", password); err != nil {
		t.Fatal(err)
	}
	admin := newSession(t, ctx)
	load(t, admin, "/login", chromedp.Navigate(base+"/login"))
	load(t, admin, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), adminMail),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	page = load(t, admin, "/admin/review", chromedp.Click(chromedp.CSS(`header a[href="/admin/review"]`)))
	expectText(t, page, "1 job waits for review", title, company, "requires "+rule)
	page = load(t, admin, "/admin/review",
		chromedp.Click(chromedp.CSS(`form[action="/admin/jobs/`+id+`/approve"] button[type="submit"]`)))
	expectText(t, page, "Approved “"+title+"”. It is live.", "Nothing waits for review.")

	// 4. A guest searches with the page's own form: two filters and words.
	// With JavaScript on, htmx sends the form on every change and swaps
	// the results in, and the address bar gets the search's canonical URL.
	guest := newSession(t, ctx)
	page = load(t, guest, "/jobs", chromedp.Navigate(base+"/jobs"))
	expectText(t, page, "Medical coding jobs", "1 job", title)
	run(t, guest, chromedp.Evaluate[bool](`window.sameDocument = true`)) // gone if the page is reloaded

	search := url.Values{"work_mode": {"remote"}}
	run(t, guest, chromedp.Steps(unfold("work_mode"), check("work_mode", "remote")))
	waitForSearch(t, guest, search, "#f-work_mode-remote")

	search.Set("credential", "CCS")
	run(t, guest, chromedp.Steps(unfold("credential"), check("credential", "CCS")))
	waitForSearch(t, guest, search, "#f-work_mode-remote", "#f-credential-CCS")

	search.Set("q", "DRG")
	run(t, guest, chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("f-q"), "DRG"),
		chromedp.Click(chromedp.CSS(`.search-bar button[type="submit"]`))))
	results := waitForSearch(t, guest, search, "#f-work_mode-remote", "#f-credential-CCS")
	expectText(t, results, "1 job", title, company, "Requires "+rule+".", "$30–$38 per hour")

	if !run(t, guest, chromedp.Evaluate[bool](`window.sameDocument === true`)) {
		t.Fatal("the search reloaded the page; htmx should have swapped the results in")
	}

	// The same search loaded as a whole page, from its address.
	page = load(t, guest, "/jobs", chromedp.Reload())
	expectText(t, page, "1 job", title)
	if got := run(t, guest, chromedp.Location()); got != base+"/jobs?"+search.Encode() {
		t.Fatalf("search page at %s, want /jobs?%s", got, search.Encode())
	}
	ticked := run(t, guest, chromedp.Evaluate[bool](`document.querySelector("#f-q").value === "DRG" &&
		document.querySelector("#f-work_mode-remote").checked && document.querySelector("#f-credential-CCS").checked`))
	if !ticked {
		t.Fatal("the reloaded search page lost the words or the filters")
	}

	// 5. The guest opens the job.
	href := run(t, guest, chromedp.Evaluate[string](`document.querySelector("#results .job-card h3 a").getAttribute("href")`))
	if !strings.HasPrefix(href, "/jobs/"+id+"/") {
		t.Fatalf("the result links to %q, want /jobs/%s/…", href, id)
	}
	page = load(t, guest, href, chromedp.Click(chromedp.CSS(`#results .job-card h3 a`)))
	expectText(t, page, title, company, "Credentials required: "+rule, "$30–$38 per hour",
		"Apply on the employer's site")
	if got := run(t, guest, chromedp.Text(chromedp.CSS("h1"))); got != title {
		t.Fatalf("job page heading %q, want %q", got, title)
	}
	if n := run(t, guest, chromedp.Evaluate[int](
		fmt.Sprintf(`document.querySelectorAll('#how-to-apply a[href=%q]').length`, applyURL))); n != 1 {
		t.Fatalf("%d apply links to %s, want 1", n, applyURL)
	}
	scripts := run(t, guest, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('script[type="application/ld+json"]')].map(s => s.textContent)`))
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD scripts on the job page, want 1", len(scripts))
	}
	var posting struct {
		Type  string `json:"@type"`
		Title string `json:"title"`
		Org   struct {
			Name string `json:"name"`
		} `json:"hiringOrganization"`
	}
	if err := json.Unmarshal([]byte(scripts[0]), &posting); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, scripts[0])
	}
	if posting.Type != "JobPosting" || posting.Title != title || posting.Org.Name != company {
		t.Fatalf("JSON-LD: %+v", posting)
	}

	png := run(t, guest, chromedp.FullScreenshot(100))
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	shot := filepath.Join(t.TempDir(), "job.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", shot, len(png))
}

// newSession opens a tab with a clean profile (no cookies) in the browser
// of ctx, which must have run already.
func newSession(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return ctx
}

// loadMatching is load for a page whose path is known only by its pattern
// (a regular expression). It returns the path and the text of the page.
func loadMatching(t *testing.T, ctx context.Context, pattern string, actions ...chromedp.Action[chromedp.Void]) (string, string) {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("loading %s: %v", pattern, err)
	}
	u, err := url.Parse(res.URL)
	if err != nil || res.Status >= 400 || !regexp.MustCompile(`^`+pattern+`$`).MatchString(u.Path) {
		t.Fatalf("wanted a page at %s, got %d %s", pattern, res.Status, res.URL)
	}
	return u.Path, pageText(t, ctx)
}

// waitForSearch waits until the search page has swapped in the results of
// search (htmx has settled and the address bar shows the search), with the
// boxes of ticked checked, and returns the text of the page.
func waitForSearch(t *testing.T, ctx context.Context, search url.Values, ticked ...string) string {
	t.Helper()
	want, _ := json.Marshal("?" + search.Encode())
	boxes, _ := json.Marshal(ticked)
	ready := fmt.Sprintf(`location.search === %s &&
		!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling") &&
		%s.every(s => document.querySelector(s)?.checked)`, want, boxes)
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](ready, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		at := run(t, ctx, chromedp.Location())
		t.Fatalf("search %s with %v ticked: %v; the page is at %s:\n%s", want, ticked, err, at, pageText(t, ctx))
	}
	return pageText(t, ctx)
}

// pageText returns the text of the page, checking it shows no Go error.
func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	// A page still loading has no body yet.
	body := run(t, ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	for _, m := range goErrorMarks {
		if strings.Contains(body, m) {
			t.Fatalf("%s shows %q:\n%s", run(t, ctx, chromedp.Location()), m, body)
		}
	}
	return body
}
