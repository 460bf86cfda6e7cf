package handlers_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// With 500 jobs the dashboard shows 20 at a time, newest first, says where
// it is, pages, filters by status and company, and searches titles; another
// company's jobs never show.
func TestEmployerDashboardPagesFiltersAndSearches(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	_, other := postingEmployer(s, "other@example.com", "other-co")
	ctx := context.Background()
	// Job n is created n minutes after the first; every tenth is live, the
	// rest drafts; titles say their number.
	_, err := s.db.Bun.ExecContext(ctx, `INSERT INTO jobs (company_id, title, slug, company_name, status, expires_at, created_at)
		SELECT ?, CASE WHEN n % 50 = 0 THEN 'Inpatient Coder ' ELSE 'Outpatient Coder ' END || n, 'job-' || n, 'Acme',
			CASE WHEN n % 10 = 0 THEN 'active' ELSE 'draft' END,
			CASE WHEN n % 10 = 0 THEN now() + interval '20 days' END,
			now() - interval '1 day' + n * interval '1 minute'
		FROM generate_series(1, 500) n`, co)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Bun.ExecContext(ctx, `INSERT INTO jobs (company_id, title, slug, company_name, status)
		VALUES (?, 'Secret Other Coder', 'secret', 'Other', 'draft')`, other); err != nil {
		t.Fatal(err)
	}

	page := b.get("/employer")
	if page.Status != 200 {
		t.Fatalf("dashboard: %d", page.Status)
	}
	if n := strings.Count(page.Body, `class="employer-job"`); n != 20 {
		t.Fatalf("%d jobs on the first page, want 20", n)
	}
	mustContain(t, page.Body, "1–20 of 500 jobs, newest first", "Page 1 of 25", `href="/employer?page=2" rel="next"`,
		`<option value="draft">Draft (450)</option>`, `<option value="active">Live (50)</option>`)
	if i, j := strings.Index(page.Body, "Inpatient Coder 500"), strings.Index(page.Body, "Outpatient Coder 499"); i < 0 || j < i {
		t.Fatal("not newest first")
	}
	mustNotContain(t, page.Body, "Secret Other Coder", "Outpatient Coder 480<", `rel="prev"`)
	if len(page.Body) > 150_000 {
		t.Fatalf("the first page is %d bytes", len(page.Body))
	}

	last := b.get("/employer?page=25").Body
	mustContain(t, last, "481–500 of 500 jobs", "Outpatient Coder 1<", `href="/employer?page=24" rel="prev"`)
	mustNotContain(t, last, `rel="next"`)

	live := b.get("/employer?status=active&page=2").Body
	mustContain(t, live, "21–40 of 50 jobs", "Inpatient Coder 300<", "Outpatient Coder 110<", `href="/employer?page=3&amp;status=active" rel="next"`)
	mustNotContain(t, live, "Outpatient Coder 310<", "Outpatient Coder 299<")

	found := b.get("/employer?q=inpatient").Body
	mustContain(t, found, "10 jobs, newest first", "Inpatient Coder 50<", `value="inpatient"`, "Clear filters")
	mustNotContain(t, found, "Outpatient Coder")
	mustContain(t, b.get("/employer?q=nothing+like+this").Body, "No job matches these filters.")

	// Another company's id in the filter is ignored, not shown.
	if res := b.get("/employer?company=" + other); res.Status != http.StatusOK || strings.Contains(res.Body, "Secret Other Coder") {
		t.Fatalf("foreign company filter: %d", res.Status)
	}
}

// The dashboard counts each visitor's view of a job once a day, the same
// before and after the clean-up folds past days' views into the counter;
// the employer's own reads are not counted.
func TestEmployerDashboardCountsViewsThroughTheFold(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	ctx := context.Background()
	var path string
	if err := s.db.Bun.NewRaw(`INSERT INTO jobs (company_id, title, slug, company_name, status, published_at, expires_at)
		VALUES (?, 'Viewed Coder', 'viewed-coder', 'Acme', 'active', now(), now() + interval '20 days')
		RETURNING '/jobs/' || id || '/viewed-coder'`, co).Scan(ctx, &path); err != nil {
		t.Fatal(err)
	}
	views := func() string {
		t.Helper()
		m := regexp.MustCompile(`· (\d+ views?) ·`).FindStringSubmatch(b.get("/employer").Body)
		if m == nil {
			t.Fatal("no view count on the dashboard")
		}
		return m[1]
	}
	if got := views(); got != "0 views" {
		t.Fatalf("before any view: %s", got)
	}
	for _, ip := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.1"} {
		guest := s.browser()
		guest.ip = ip
		if res := guest.get(path); res.Status != http.StatusOK {
			t.Fatalf("guest's read: %d", res.Status)
		}
	}
	b.get(path) // the employer's own read
	if got := views(); got != "2 views" {
		t.Fatalf("after two visitors (one twice): %s", got)
	}
	// Three days on, the clean-up moves those views into the counter.
	if n, err := models.FoldOldJobViews(ctx, s.db.Bun, time.Now().AddDate(0, 0, 3)); err != nil || n != 2 {
		t.Fatalf("folded %d views (err %v), want 2", n, err)
	}
	if got := views(); got != "2 views" {
		t.Fatalf("after the fold: %s", got)
	}
}
