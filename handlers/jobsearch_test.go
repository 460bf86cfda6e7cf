package handlers_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// searchCompany stores a company for the search tests.
func searchCompany(s *site, slug, name, kind string) *models.Company {
	s.t.Helper()
	c := &models.Company{Slug: slug, Name: name, Kind: kind}
	if _, err := s.db.Bun.NewInsert().Model(c).ExcludeColumn("id", "created_at", "updated_at").
		Returning("id").Exec(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	return c
}

// searchJob stores a live remote job of c published an hour ago, changed by edit.
func searchJob(s *site, c *models.Company, title string, edit func(*models.Job)) models.Job {
	s.t.Helper()
	now := time.Now()
	j := models.Job{CompanyID: c.ID, CompanyName: c.Name, Status: models.JobActive, Plan: models.PlanStandard,
		Title: title, Slug: strings.ToLower(strings.ReplaceAll(title, " ", "-")), WorkMode: "remote",
		EmploymentType: "full_time", RemoteStates: []string{}, Settings: []string{}, Specialties: []string{},
		CodeSets: []string{}, CredentialsRequired: [][]string{}, CredentialsPreferred: []string{},
		Credentials: []string{}, Systems: []string{}, ApplyMethod: "url", ApplyURL: "https://example.com/apply",
		Description: "## About\n\nCode **charts** for " + c.Name + ".\n\n- Epic\n- 3M",
		PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(29 * 24 * time.Hour)}
	if edit != nil {
		edit(&j)
	}
	if _, err := s.db.Bun.NewInsert().Model(&j).ExcludeColumn("id").Returning("id").Exec(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	return j
}

// searchBoard is a small board: two live jobs and two that search never shows.
func searchBoard(t *testing.T) (*site, []models.Job) {
	s := newSite(t)
	agency := searchCompany(s, "codebridge", "CodeBridge Staffing", models.CompanyAgency)
	hospital := searchCompany(s, "lakeshore", "Lakeshore Medical Center", models.CompanyEmployer)
	lo, hi, hour := 25, 31, "hour"
	jobs := []models.Job{
		searchJob(s, agency, "Risk Adjustment Coder", func(j *models.Job) {
			j.Settings, j.ApprenticeOK = []string{"risk-adjustment"}, true
			j.CredentialsRequired, j.Credentials = [][]string{{"CRC", "CPC"}}, []string{"CRC", "CPC"}
			j.SalaryMin, j.SalaryMax, j.SalaryPeriod = &lo, &hi, &hour
			j.FeaturedUntil = time.Now().Add(48 * time.Hour)
		}),
		searchJob(s, hospital, "Inpatient Coder", func(j *models.Job) {
			j.WorkMode, j.City, j.State, j.Settings = "onsite", "Tampa", "FL", []string{"inpatient-facility"}
			j.PublishedAt = time.Now().Add(-50 * time.Hour)
		}),
		searchJob(s, hospital, "Expired Auditor", func(j *models.Job) { j.ExpiresAt = time.Now().Add(-time.Minute) }),
		searchJob(s, hospital, "Draft Auditor", func(j *models.Job) { j.Status = models.JobDraft }),
	}
	return s, jobs
}

func TestJobSearchPageWorksWithoutJavaScript(t *testing.T) {
	s, jobs := searchBoard(t)
	b := s.browser()
	res := b.get("/jobs")
	if res.Status != http.StatusOK {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, `<form method="get" action="/jobs"`, `<label for="f-q">`, `name="work_mode" value="remote"`,
		`<legend class="visually-hidden">Setting</legend>`, "Apply filters", "2 jobs", "All jobs",
		`href="`+jobs[0].Path()+`"`, "Risk Adjustment Coder", "Inpatient Coder", "Staffing agency", "Featured",
		"Requires CRC or CPC.", "CPC-A considered", "Remote, anywhere in the US", "On-site: Tampa, FL",
		"$25–$31 per hour", "Posted", `href="/jobs.rss"`, "Risk adjustment / HCC <span class=\"muted\">(1)</span>")
	mustContain(t, res.Body, `<link rel="alternate" type="application/rss+xml" title="All jobs" href="/jobs.rss">`)
	for _, hidden := range []string{"Expired Auditor", "Draft Auditor", "Next page", "noindex"} {
		if strings.Contains(res.Body, hidden) {
			t.Errorf("page shows %q", hidden)
		}
	}
	// The featured job comes first although it is not the newest... and is.
	if strings.Index(res.Body, "Risk Adjustment Coder") > strings.Index(res.Body, "Inpatient Coder") {
		t.Error("featured job is not first")
	}

	res = b.get("/jobs?work_mode=onsite&setting=inpatient-facility")
	mustContain(t, res.Body, "1 job", "On-site jobs in inpatient facility", `value="onsite" checked`,
		`href="/jobs.rss?setting=inpatient-facility&amp;work_mode=onsite"`, "Inpatient Coder",
		`<meta name="robots" content="noindex, follow">`)
	if strings.Contains(res.Body, "Risk Adjustment Coder") {
		t.Error("filter ignored")
	}

	res = b.get("/jobs?q=cardiology")
	mustContain(t, res.Body, "0 jobs", "No live jobs match this search", `href="/jobs">See all jobs`)

	if res := b.get("/jobs?q=%22%26%26%7C%21"); res.Status != http.StatusOK || !strings.Contains(res.Body, "2 jobs") {
		t.Errorf("punctuation only: status %d", res.Status)
	}
	// What the form sends (every field, empty or not) and values that mean
	// nothing are answered with the search's short address.
	for path, want := range map[string]string{
		"/jobs?q=coder&location=&state=&salary_min=&salary_period=hour&sort=&work_mode=remote": "/jobs?q=coder&work_mode=remote",
		"/jobs?q=%%%&salary_min=abc&posted=2&cursor=":                                          "/jobs",
		"/jobs?work_mode=moon&state=XX&sort=up&cpca=perhaps&credential=cpc":                    "/jobs?credential=CPC",
	} {
		res := b.get(path)
		if res.Status != http.StatusFound || res.Location != want {
			t.Errorf("%s: %d to %q, want %q", path, res.Status, res.Location, want)
		}
		if res := b.get(res.Location); res.Status != http.StatusOK {
			t.Errorf("%s: %d", want, res.Status)
		}
	}
}

func TestJobSearchAnswersHtmxWithTheFragment(t *testing.T) {
	s, _ := searchBoard(t)
	req := httptest.NewRequest(http.MethodGet, "/jobs?work_mode=remote", nil)
	req.Header.Set("HX-Request", "true")
	res := s.browser().do(req)
	if res.Status != http.StatusOK {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, "Risk Adjustment Coder", "1 job", `<div id="facets" hx-swap-oob="true">`,
		"<title>Remote jobs · CareerCenter</title>")
	for _, whole := range []string{"<html", "<form", `<header class="site`, "Inpatient Coder"} {
		if strings.Contains(res.Body, whole) {
			t.Errorf("fragment holds %q", whole)
		}
	}
	if !strings.Contains(res.Header.Get("Vary"), "HX-Request") {
		t.Errorf("Vary: %q", res.Header.Get("Vary"))
	}
	// htmx gets the short address to show instead of a redirect.
	req = httptest.NewRequest(http.MethodGet, "/jobs?q=&location=&work_mode=remote&sort=", nil)
	req.Header.Set("HX-Request", "true")
	if res := s.browser().do(req); res.Status != http.StatusOK || res.Header.Get("HX-Push-Url") != "/jobs?work_mode=remote" {
		t.Errorf("htmx with empty fields: %d, push %q", res.Status, res.Header.Get("HX-Push-Url"))
	}
	// Going back after htmx dropped its history cache needs the whole page.
	req = httptest.NewRequest(http.MethodGet, "/jobs?work_mode=remote", nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-History-Restore-Request", "true")
	mustContain(t, s.browser().do(req).Body, "<html", `<form method="get" action="/jobs"`)
}

var nextLink = regexp.MustCompile(`<a href="([^"]+)" rel="next"`)

func TestJobSearchNextPage(t *testing.T) {
	s := newSite(t)
	c := searchCompany(s, "acme", "Acme Health", models.CompanyEmployer)
	published := time.Now().Add(-2 * time.Hour)
	for i := range 25 {
		searchJob(s, c, fmt.Sprintf("Coder Number %02d", i), func(j *models.Job) { j.PublishedAt = published })
	}
	b := s.browser()
	first := b.get("/jobs?q=coder")
	m := nextLink.FindStringSubmatch(first.Body)
	if m == nil {
		t.Fatal("no next page link")
	}
	second := b.get(html.UnescapeString(m[1]))
	mustContain(t, second.Body, "21–25 of 25 jobs", `<a href="/jobs?q=coder" rel="prev"`)
	mustContain(t, first.Body, "1–20 of 25 jobs")
	// Turning the page with htmx leaves the filters alone.
	req := httptest.NewRequest(http.MethodGet, html.UnescapeString(m[1]), nil)
	req.Header.Set("HX-Request", "true")
	if res := b.do(req); res.Status != http.StatusOK || strings.Contains(res.Body, "hx-swap-oob") ||
		!strings.Contains(res.Body, `rel="prev"`) {
		t.Errorf("htmx next page: %d\n%s", res.Status, res.Body)
	}
	shown := 0
	for i := range 25 {
		title := fmt.Sprintf("Coder Number %02d", i)
		if strings.Contains(first.Body, title) == strings.Contains(second.Body, title) {
			t.Errorf("%s on both pages or neither", title)
		}
		if strings.Contains(second.Body, title) {
			shown++
		}
	}
	if shown != 5 || strings.Contains(second.Body, `rel="next"`) {
		t.Errorf("second page: %d jobs, next link %v", shown, strings.Contains(second.Body, `rel="next"`))
	}
}

type testFeed struct {
	Channel struct {
		Title string   `xml:"title"`
		Links []string `xml:"link"` // the channel's, then atom:link (empty, attributes only)
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestJobsFeed(t *testing.T) {
	s, jobs := searchBoard(t)
	res := s.browser().get("/jobs.rss?work_mode=remote&work_mode=onsite&q=coder")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/rss+xml") {
		t.Fatalf("status %d, type %q", res.Status, res.Header.Get("Content-Type"))
	}
	var feed testFeed
	if err := xml.Unmarshal([]byte(res.Body), &feed); err != nil {
		t.Fatalf("not XML: %v\n%s", err, res.Body)
	}
	mustContain(t, res.Body, `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">`,
		`<atom:link href="http://jobs.test/jobs.rss?q=coder&amp;work_mode=remote&amp;work_mode=onsite" rel="self" type="application/rss+xml">`)
	ch := feed.Channel
	if !strings.HasPrefix(ch.Title, "Remote or on-site jobs matching “coder”") || ch.Links[0] != "http://jobs.test/jobs?q=coder&work_mode=remote&work_mode=onsite" {
		t.Errorf("channel %q %q", ch.Title, ch.Links)
	}
	// Newest first; never the expired or draft job.
	if len(ch.Items) != 2 || ch.Items[0].Title != "Risk Adjustment Coder at CodeBridge Staffing" {
		t.Fatalf("items %+v", ch.Items)
	}
	item := ch.Items[1]
	if item.Link != "http://jobs.test"+jobs[1].Path() || item.GUID != fmt.Sprintf("http://jobs.test/jobs/%d", jobs[1].ID) {
		t.Errorf("item links %q %q", item.Link, item.GUID)
	}
	if when, err := time.Parse(time.RFC1123Z, item.PubDate); err != nil || when.Unix() != jobs[1].PublishedAt.Unix() {
		t.Errorf("pubDate %q: %v", item.PubDate, err)
	}
	if !strings.Contains(item.Description, "Lakeshore Medical Center · On-site: Tampa, FL") ||
		!strings.Contains(item.Description, "Code charts for Lakeshore") || strings.ContainsAny(item.Description, "<>*#") {
		t.Errorf("description %q", item.Description)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	s, jobs := searchBoard(t)
	b := s.browser()
	res := b.get("/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(res.Body), &set); err != nil || res.Status != http.StatusOK {
		t.Fatalf("%d: %v\n%s", res.Status, err, res.Body)
	}
	mustContain(t, res.Body, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
		"<loc>http://jobs.test/</loc>", "<loc>http://jobs.test/jobs</loc>", "<loc>http://jobs.test/codes</loc>",
		"<loc>http://jobs.test"+jobs[0].Path()+"</loc>", "<loc>http://jobs.test/companies/codebridge</loc>", "<lastmod>")
	for _, gone := range jobs[2:] {
		if strings.Contains(res.Body, gone.Path()) {
			t.Errorf("sitemap lists %s", gone.Path())
		}
	}
	robots := b.get("/robots.txt")
	mustContain(t, robots.Body, "User-agent: *", "Disallow: /admin\n", "Disallow: /account\n", "Disallow: /employer\n",
		"Disallow: /dev/\n", "Sitemap: http://jobs.test/sitemap.xml")
	if b.get("/sitemap.xml?page=7").Status != http.StatusNotFound {
		t.Error("a sitemap page past the end exists")
	}
}
