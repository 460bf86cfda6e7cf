package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

// insertViewJob stores a company (once per slug) and a job of it directly.
func insertViewJob(t *testing.T, db bun.IDB, slug string, edit func(*models.Job)) *models.Job {
	t.Helper()
	ctx := context.Background()
	c := &models.Company{Slug: slug, Name: "Company " + slug, Kind: models.CompanyEmployer}
	if _, err := db.NewInsert().Model(c).On("CONFLICT (slug) DO UPDATE").Set("name = EXCLUDED.name").
		Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	j := &models.Job{CompanyID: c.ID, Status: models.JobActive, Plan: models.PlanStandard, Title: "Coder",
		Slug: "coder", CompanyName: c.Name, WorkMode: "remote", EmploymentType: "full_time",
		RemoteStates: []string{}, Settings: []string{}, Specialties: []string{}, CodeSets: []string{},
		CredentialsRequired: [][]string{}, CredentialsPreferred: []string{}, Credentials: []string{},
		Systems: []string{}, ApplyMethod: "url", ApplyURL: "https://example.com/apply",
		PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(models.JobLifetime)}
	if edit != nil {
		edit(j)
	}
	if _, err := db.NewInsert().Model(j).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return j
}

func viewCount(t *testing.T, db bun.IDB, id int64) int {
	t.Helper()
	n, err := models.JobViewCount(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecordJobViewCountsOncePerViewerAndDay(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	j := insertViewJob(t, d.Bun, "acme", nil)
	other := insertViewJob(t, d.Bun, "acme", nil)
	day := time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)
	alice, bob := []byte("alice-hash"), []byte("bob-hash")

	steps := []struct {
		name   string
		job    int64
		viewer []byte
		day    time.Time
		isNew  bool
		count  int
	}{
		{"first view", j.ID, alice, day, true, 1},
		{"same viewer, same day", j.ID, alice, day.Add(20 * time.Minute).In(time.FixedZone("x", -5*3600)), false, 1},
		{"another viewer", j.ID, bob, day, true, 2},
		{"same viewer, next day", j.ID, alice, day.Add(time.Hour), true, 3},
		{"same viewer, another job", other.ID, alice, day, true, 3},
	}
	for _, s := range steps {
		isNew, err := models.RecordJobView(ctx, d.Bun, s.job, s.viewer, s.day)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if isNew != s.isNew || viewCount(t, d.Bun, j.ID) != s.count {
			t.Fatalf("%s: new=%v count=%d, want %v %d", s.name, isNew, viewCount(t, d.Bun, j.ID), s.isNew, s.count)
		}
	}
	if n := viewCount(t, d.Bun, other.ID); n != 1 {
		t.Fatalf("other job: %d views", n)
	}
}

func TestRecordJobViewUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	j := insertViewJob(t, d.Bun, "acme", nil)
	day := time.Now()
	errs := make(chan error, 20)
	for range 20 {
		go func() {
			_, err := models.RecordJobView(ctx, d.Bun, j.ID, []byte("same viewer"), day)
			errs <- err
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := viewCount(t, d.Bun, j.ID); n != 1 {
		t.Fatalf("20 concurrent views by one viewer counted %d times", n)
	}
}

func TestJobPageState(t *testing.T) {
	now := time.Now()
	cases := []struct {
		status  string
		expires time.Time
		want    string
	}{
		{models.JobActive, now.Add(time.Hour), models.JobPageLive},
		{models.JobActive, now.Add(-time.Second), models.JobPageExpired},
		{models.JobExpired, now.Add(-time.Hour), models.JobPageExpired},
		{models.JobFilled, now.Add(time.Hour), models.JobPageFilled},
		{models.JobRejected, time.Time{}, models.JobPageGone},
		{models.JobWithdrawn, now.Add(time.Hour), models.JobPageGone},
		{models.JobRemoved, now.Add(time.Hour), models.JobPageGone},
		{models.JobDraft, time.Time{}, models.JobPageUnpublished},
		{models.JobPendingPayment, time.Time{}, models.JobPageUnpublished},
		{models.JobPendingReview, time.Time{}, models.JobPageUnpublished},
	}
	for _, c := range cases {
		j := models.Job{Status: c.status, ExpiresAt: c.expires}
		if got := j.PageState(now); got != c.want {
			t.Errorf("%s (expires %v): %s, want %s", c.status, c.expires, got, c.want)
		}
	}
}

func TestRelatedJobs(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	now := time.Now()
	base := insertViewJob(t, d.Bun, "acme", func(j *models.Job) {
		j.Specialties, j.Settings = []string{"cardiology", "oncology"}, []string{"pro-fee"}
	})
	both := insertViewJob(t, d.Bun, "beta", func(j *models.Job) {
		j.Title, j.Specialties, j.Settings = "Shares three", []string{"cardiology", "oncology"}, []string{"pro-fee"}
		j.PublishedAt = now.Add(-48 * time.Hour)
	})
	one := insertViewJob(t, d.Bun, "beta", func(j *models.Job) { j.Title, j.Settings = "Shares one", []string{"pro-fee"} })
	insertViewJob(t, d.Bun, "beta", func(j *models.Job) { j.Title, j.Specialties = "Shares none", []string{"radiology"} })
	insertViewJob(t, d.Bun, "beta", func(j *models.Job) {
		j.Title, j.Specialties, j.ExpiresAt = "Expired", []string{"cardiology"}, now.Add(-time.Hour)
	})
	insertViewJob(t, d.Bun, "beta", func(j *models.Job) {
		j.Title, j.Specialties, j.Status = "Filled", []string{"cardiology"}, models.JobFilled
	})
	insertViewJob(t, d.Bun, "beta", func(j *models.Job) {
		j.Title, j.Specialties, j.Status = "Draft", []string{"cardiology"}, models.JobDraft
	})

	got, err := models.RelatedJobs(ctx, d.Bun, base, now, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != both.ID || got[1].ID != one.ID {
		t.Fatalf("related: %+v", titles(got))
	}
	if got, _ := models.RelatedJobs(ctx, d.Bun, base, now, 1); len(got) != 1 || got[0].ID != both.ID {
		t.Fatalf("limit 1: %v", titles(got))
	}
	if got, _ := models.RelatedJobs(ctx, d.Bun, &models.Job{ID: 999}, now, 5); len(got) != 0 {
		t.Fatalf("job without tags: %v", titles(got))
	}
}

func titles(js []models.Job) []string {
	out := make([]string, len(js))
	for i, j := range js {
		out[i] = j.Title
	}
	return out
}

func TestCompanyHasLogo(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	j := insertViewJob(t, d.Bun, "acme", nil)
	if has, err := models.CompanyHasLogo(ctx, d.Bun, j.CompanyID); has || err != nil {
		t.Fatalf("before upload: %v %v", has, err)
	}
	if _, err := d.Bun.NewRaw(`INSERT INTO company_logos (company_id, content_type, data) VALUES (?, 'image/png', '\x89')`,
		j.CompanyID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if has, err := models.CompanyHasLogo(ctx, d.Bun, j.CompanyID); !has || err != nil {
		t.Fatalf("after upload: %v %v", has, err)
	}
}

// A job's views go with it (a trigger, migration 0054, where a cascade
// was), and a view of a job that is not there is not counted.
func TestJobViewsGoWithTheirJob(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	j := insertViewJob(t, d.Bun, "acme", nil)
	other := insertViewJob(t, d.Bun, "acme", nil)
	day := time.Now()
	for _, id := range []int64{j.ID, other.ID} {
		if _, err := models.RecordJobView(ctx, d.Bun, id, []byte("reader"), day); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Bun.NewRaw(`DELETE FROM jobs WHERE id = ?`, j.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := d.Bun.NewRaw(`SELECT (SELECT count(*) FROM job_views WHERE job_id = ?) + (SELECT count(*) FROM job_view_counts WHERE job_id = ?)`,
		j.ID, j.ID).Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	if rows != 0 || viewCount(t, d.Bun, other.ID) != 1 {
		t.Fatalf("after deleting the job: %d of its rows left, the other job counts %d", rows, viewCount(t, d.Bun, other.ID))
	}
	isNew, err := models.RecordJobView(ctx, d.Bun, j.ID, []byte("late reader"), day)
	if err != nil || isNew {
		t.Fatalf("a view of a deleted job: new %v, err %v; want not counted, no error", isNew, err)
	}
	if err := d.Bun.NewRaw(`SELECT count(*) FROM job_views WHERE job_id = ?`, j.ID).Scan(ctx, &rows); err != nil || rows != 0 {
		t.Fatalf("a view of a deleted job was stored (%d rows, err %v)", rows, err)
	}
}

// Views of days before yesterday move into the counters; today's and
// yesterday's stay as rows, and every view is counted once throughout.
// A view of a job deleted before it was written is dropped.
func TestFoldOldJobViewsKeepsTodayAndYesterday(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	j := insertViewJob(t, d.Bun, "acme", nil)
	gone := insertViewJob(t, d.Bun, "acme", nil)
	now := time.Date(2026, 3, 10, 0, 30, 0, 0, time.FixedZone("x", 5*3600)) // March 9 in UTC
	for back := range 4 {
		for _, who := range []string{"alice", "bob"} {
			if _, err := models.RecordJobView(ctx, d.Bun, j.ID, []byte(who), now.AddDate(0, 0, -back)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A buffered view of a job deleted before the batch is written.
	views := models.NewJobViews(d.Bun)
	if err := views.Add(ctx, gone.ID, []byte("carol"), now.AddDate(0, 0, -3)); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.NewRaw(`DELETE FROM jobs WHERE id = ?`, gone.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := views.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if viewCount(t, d.Bun, j.ID) != 8 {
		t.Fatalf("before the fold: %d views, want 8", viewCount(t, d.Bun, j.ID))
	}
	n, err := models.FoldOldJobViews(ctx, d.Bun, now)
	if err != nil || n != 5 {
		t.Fatalf("folded %d views (err %v), want the 5 of March 6 and 7", n, err)
	}
	var days []string
	if err := d.Bun.NewRaw(`SELECT DISTINCT day::text FROM job_views ORDER BY 1`).Scan(ctx, &days); err != nil {
		t.Fatal(err)
	}
	if strings.Join(days, " ") != "2026-03-08 2026-03-09" || viewCount(t, d.Bun, j.ID) != 8 {
		t.Fatalf("days left %v, count %d; want March 8 and 9, and all 8 views counted", days, viewCount(t, d.Bun, j.ID))
	}
	var counters int
	if err := d.Bun.NewRaw(`SELECT count(*) FROM job_view_counts WHERE job_id = ?`, gone.ID).Scan(ctx, &counters); err != nil || counters != 0 {
		t.Fatalf("the deleted job has %d counters (err %v), want none", counters, err)
	}
	if n, err := models.FoldOldJobViews(ctx, d.Bun, now); err != nil || n != 0 {
		t.Fatalf("second pass folded %d (err %v), want none", n, err)
	}
	if n, err := models.FoldOldJobViews(ctx, d.Bun, now.AddDate(0, 0, 2)); err != nil || n != 4 || viewCount(t, d.Bun, j.ID) != 8 {
		t.Fatalf("two days on: folded %d (err %v), count %d; want 4 folded, 8 counted", n, err, viewCount(t, d.Bun, j.ID))
	}
}
