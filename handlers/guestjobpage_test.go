package handlers_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

var reportToken = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// keptMark is written into a kept page by the test, so a page read from
// job_pages can be told from one drawn anew.
const keptMark = "About the kept job"

// keepPage has a guest read j's page, waits until the page is stored, and
// marks it. The rows the page shows are aged first: a page drawn less than
// a minute after a write to them is never trusted.
func keepPage(t *testing.T, s *site, j models.Job) {
	t.Helper()
	ctx := context.Background()
	s.exec(t, `DELETE FROM job_pages`)
	err := s.db.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Triggers off for this transaction only: they would move the times forward again.
		if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		for _, q := range []string{`UPDATE jobs SET page_changed_at = now() - interval '1 hour'`,
			`UPDATE companies SET page_changed_at = now() - interval '1 hour'`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := s.browser().get(j.Path()); res.Status != http.StatusOK {
		t.Fatalf("first read: %d", res.Status)
	}
	for deadline := time.Now().Add(5 * time.Second); ; {
		var n int
		if err := s.db.Bun.NewRaw(`SELECT count(*) FROM job_pages WHERE job_id = ?`, j.ID).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the page was not stored")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := s.h.MarkKeptPages(ctx, "About the job", keptMark); err != nil {
		t.Fatal(err)
	}
}

// dropKeptAnswers makes a write through the site's process, which drops
// what the process keeps (lists, kept pages) as any write there does.
func (s *site) dropKeptAnswers(t *testing.T) {
	t.Helper()
	s.exec(t, `UPDATE jobs SET title = title WHERE false`)
}

func (s *site) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := s.db.Bun.NewRaw(query, args...).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestGuestsReadAKeptJobPageUntilWhatItShowsChanges(t *testing.T) {
	s, jobs := searchBoard(t)
	j, similar := jobs[0], jobs[1]
	s.exec(t, `INSERT INTO job_related (job_id, related_ids, ranked_at) VALUES (?, ?, now())`,
		j.ID, "{"+strconv.FormatInt(similar.ID, 10)+"}")

	keepPage(t, s, j)
	guest := s.browser()
	guest.ip = "203.0.113.50"
	res := guest.get(j.Path())
	mustContain(t, res.Body, keptMark, "Similar jobs", similar.Title, "1 code page view remaining", `rel="canonical"`)
	if strings.Contains(res.Body, "<!-- figures ") {
		t.Error("the kept page shows the figures' stand-in")
	}
	// Apart from the mark, the kept page is the page drawn now.
	s.exec(t, `UPDATE job_pages SET drawn_for = 'another build'`)
	s.dropKeptAnswers(t)
	if drawn := guest.get(j.Path()).Body; strings.Replace(res.Body, keptMark, "About the job", 1) != drawn {
		t.Errorf("the kept page differs from the page drawn now:\n%s\n----\n%s", res.Body, drawn)
	}
	keepPage(t, s, j)
	meta, form := csrfMeta.FindStringSubmatch(res.Body), reportToken.FindStringSubmatch(res.Body)
	if meta == nil || form == nil || meta[1] != form[1] {
		t.Fatalf("the kept page's report form does not carry the guest's token: %v %v", meta, form)
	}
	if got := guest.postRaw("/jobs/"+strconv.FormatInt(j.ID, 10)+"/report",
		map[string][]string{"_csrf": {form[1]}, "reason": {"filled"}}); got.Status != http.StatusSeeOther {
		t.Fatalf("report from the kept page: %d", got.Status)
	}
	views, err := models.JobViewCount(context.Background(), s.db.Bun, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if views < 2 {
		t.Errorf("views counted: %d, want both guests' views", views)
	}
	if got := s.browser().get("/jobs/" + strconv.FormatInt(j.ID, 10) + "/old-title"); got.Status != http.StatusMovedPermanently ||
		got.Location != j.Path() {
		t.Errorf("kept page under an old slug: %d %q", got.Status, got.Location)
	}

	// Counting views and applications changes nothing shown.
	s.exec(t, `UPDATE jobs SET apply_count = apply_count + 1 WHERE id = ?`, j.ID)
	mustContain(t, s.browser().get(j.Path()).Body, keptMark)

	// A change to the job or its company through this process shows at
	// once; the others (another process's, the worker's ranking, the
	// clock) once the process's kept answers are dropped, within
	// models.SearchCacheTTL (here at once, by dropKeptAnswers).
	changes := []struct {
		name, query string
		args        []any
		later       bool
	}{
		{"the job is edited by a statement that does not touch updated_at", `UPDATE jobs SET title = 'Risk Adjustment Coder II' WHERE id = ?`, []any{j.ID}, false},
		{"the job is hidden", `UPDATE jobs SET hidden_at = now(), hidden_reason = 'reports' WHERE id = ?`, []any{j.ID}, false},
		{"its company is renamed", `UPDATE companies SET name = 'CodeBridge Staffing Group' WHERE id = ?`, []any{j.CompanyID}, false},
		{"its company gets a logo", `INSERT INTO company_logos (company_id, content_type, data) VALUES (?, 'image/png', '\x89')`, []any{j.CompanyID}, false},
		{"a similar job it shows changes", `UPDATE jobs SET title = 'Inpatient Coder III' WHERE id = ?`, []any{similar.ID}, false},
		{"its similar jobs are ranked again", `UPDATE job_related SET ranked_at = now() WHERE job_id = ?`, []any{j.ID}, true},
		{"the page's time is up", `UPDATE job_pages SET valid_until = now() - interval '1 second'`, nil, true},
		{"another build drew it", `UPDATE job_pages SET drawn_for = 'another build'`, nil, true},
		{"its stored page does not unpack", `UPDATE job_pages SET body = '\xff'`, nil, true},
	}
	for _, c := range changes {
		keepPage(t, s, j)
		mustContain(t, s.browser().get(j.Path()).Body, keptMark)
		mustContain(t, s.browser().get(j.Path()).Body, keptMark) // from the process's kept answers
		s.exec(t, c.query, c.args...)
		if c.later {
			if body := s.browser().get(j.Path()).Body; !strings.Contains(body, keptMark) {
				t.Errorf("%s: the process's kept page was not used", c.name)
			}
			s.dropKeptAnswers(t)
		}
		if res := s.browser().get(j.Path()); res.Status != http.StatusOK || strings.Contains(res.Body, keptMark) ||
			!strings.Contains(res.Body, "About the job") {
			t.Errorf("%s: guests still read the kept page, or no page (%d)", c.name, res.Status)
		}
		s.exec(t, `UPDATE jobs SET title = ?, hidden_at = NULL WHERE id = ?`, j.Title, j.ID)
	}

	// Signed-in readers' pages are drawn for them.
	keepPage(t, s, j)
	coder := s.registered("kept-page-reader@example.com")
	if body := coder.get(j.Path()).Body; strings.Contains(body, keptMark) {
		t.Error("a signed-in reader was given the guests' kept page")
	}
}

// A guest's kept page is put into the layout drawn once per count of
// views left (guestframe.go): it must be the page the templates draw, for
// a title that needs escaping and for a guest with a view left or none.
func TestKeptJobPageFrameIsTheLayoutsPage(t *testing.T) {
	s, jobs := searchBoard(t)
	s.addCodes()
	co := &models.Company{ID: jobs[0].CompanyID, Name: jobs[0].CompanyName}
	j := searchJob(s, co, `Coder & "Auditor" <II> + 'Lead'`, nil)
	fresh, spent := s.browser(), s.browser()
	fresh.ip, spent.ip = "203.0.113.61", "203.0.113.62"
	mustContain(t, spent.get("/codes/icd-10-cm/E11.9").Body, "0 code page views remaining")
	for _, g := range []struct {
		name    string
		b       *browser
		remains string
	}{{"a guest with a view left", fresh, "1 code page view remaining"}, {"a guest with none", spent, "0 code page views remaining"}} {
		keepPage(t, s, j)
		kept := g.b.get(j.Path())
		mustContain(t, kept.Body, keptMark, g.remains, `<title>Coder &amp; &#34;Auditor&#34; &lt;II&gt; &#43; &#39;Lead&#39; · CareerCenter</title>`)
		s.exec(t, `UPDATE job_pages SET drawn_for = 'another build'`)
		s.dropKeptAnswers(t)
		drawn := g.b.get(j.Path())
		if strings.Replace(kept.Body, keptMark, "About the job", 1) != drawn.Body {
			t.Errorf("%s: the kept page in its frame differs from the page drawn now:\n%s\n----\n%s", g.name, kept.Body, drawn.Body)
		}
		if kept.Header.Get("Content-Type") != drawn.Header.Get("Content-Type") || kept.Header.Get("Link") != drawn.Header.Get("Link") {
			t.Errorf("%s: headers differ: %v / %v", g.name, kept.Header, drawn.Header)
		}
	}
	// A flash message (the frame has none) is drawn by the layout, around the kept body.
	keepPage(t, s, j)
	fresh.cookies["flash"] = "Thanks for the report."
	mustContain(t, fresh.get(j.Path()).Body, keptMark, `<p class="flash" role="status">Thanks for the report.</p>`)
}
