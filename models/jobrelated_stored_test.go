package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

// A job page's similar jobs are ranked once and stored: later views (in any
// process) read the stored list until it is RelatedMaxAge old, a job that
// stopped being live leaves it at once, and a job published meanwhile joins
// it when it is ranked again.
func TestStoredRelatedJobsAreReusedForTheirAge(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	j := f.job(models.Job{Title: "Cardiology coder", Specialties: []string{"cardiology"}})
	other := f.job(models.Job{Title: "Another cardiology coder", Specialties: []string{"cardiology"}})
	related := func(now time.Time) []models.Job {
		t.Helper()
		page, err := models.JobForPage(ctx, f.db, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		js, err := models.StoredRelatedJobs(ctx, f.db, page, now, 5)
		if err != nil {
			t.Fatal(err)
		}
		return js
	}
	if js := related(f.now); len(js) != 1 || js[0].ID != other.ID {
		t.Fatalf("first list: %v", js)
	}
	third := f.job(models.Job{Title: "Third cardiology coder", Specialties: []string{"cardiology"}})
	if js := related(f.now.Add(models.RelatedMaxAge - time.Minute)); len(js) != 1 {
		t.Fatalf("within its age: %d jobs, want the stored 1", len(js))
	}
	if _, err := f.db.NewUpdate().Table("jobs").Set("hidden_at = ?", f.now).Where("id = ?", other.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if js := related(f.now.Add(models.RelatedMaxAge - time.Minute)); len(js) != 0 {
		t.Fatalf("a hidden job stays in the stored list: %v", js)
	}
	if js := related(f.now.Add(models.RelatedMaxAge)); len(js) != 1 || js[0].ID != third.ID {
		t.Fatalf("after its age: %v, want the third job", js)
	}
}

// JobForPage loads the job with its stored list; CompanyForPage its company
// with the logo check.
func TestJobForPageLoadsCompanyAndLogo(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	j := f.job(models.Job{Title: "Coder"})
	page, err := models.JobForPage(ctx, f.db, j.ID)
	if err != nil || page.Title != "Coder" || page.CompanyID != f.co.ID {
		t.Fatalf("%+v %v", page, err)
	}
	co, err := models.CompanyForPage(ctx, f.db, page.CompanyID)
	if err != nil || co.Name != f.co.Name || co.HasLogo {
		t.Fatalf("%+v %v", co, err)
	}
	if _, err := f.db.NewRaw(`INSERT INTO company_logos (company_id, content_type, data) VALUES (?, 'image/png', '\x00')`, f.co.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if co, err = models.CompanyForPage(ctx, f.db, j.CompanyID); err != nil || !co.HasLogo {
		t.Fatalf("logo not seen: %v", err)
	}
	if _, err := models.JobForPage(ctx, f.db, j.ID+1000); err != models.ErrNotFound {
		t.Fatalf("missing job: %v", err)
	}
	if _, err := models.CompanyForPage(ctx, f.db, j.CompanyID+1000); err != models.ErrNotFound {
		t.Fatalf("missing company: %v", err)
	}
}

// The worker's pass ranks exactly what RelatedJobs ranks, for live jobs
// whose list is missing or old, and leaves fresh lists alone.
func TestRankRelatedJobsMatchesTheRanking(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	base := f.job(models.Job{Title: "Cardiology coder", Specialties: []string{"cardiology", "oncology"}, Settings: []string{"inpatient"}})
	f.job(models.Job{Title: "Both", Specialties: []string{"cardiology", "oncology"}, PublishedAt: f.now.Add(-3 * time.Hour)})
	f.job(models.Job{Title: "One", Specialties: []string{"oncology"}, PublishedAt: f.now.Add(-2 * time.Hour)})
	f.job(models.Job{Title: "Setting", Settings: []string{"inpatient"}, Specialties: []string{"dental"}})
	f.job(models.Job{Title: "None", Specialties: []string{"dental"}})
	f.job(models.Job{Title: "Closed", Status: models.JobExpired, Specialties: []string{"cardiology"}})
	n, err := models.RankRelatedJobs(ctx, f.db, f.now, 100)
	if err != nil || n != 5 {
		t.Fatalf("ranked %d lists (%v), want the 5 live jobs", n, err)
	}
	if n, _ := models.RankRelatedJobs(ctx, f.db, f.now.Add(time.Minute), 100); n != 0 {
		t.Fatalf("ranked %d fresh lists again", n)
	}
	page, err := models.JobForPage(ctx, f.db, base.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := models.RelatedJobs(ctx, f.db, &base, f.now, models.RelatedListSize)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.RelatedIDs) != len(want) || len(want) != 3 {
		t.Fatalf("stored %v, ranked %d", page.RelatedIDs, len(want))
	}
	for i := range want {
		if page.RelatedIDs[i] != want[i].ID {
			t.Fatalf("stored %v, want the order of RelatedJobs", page.RelatedIDs)
		}
	}
	if n, _ := models.RankRelatedJobs(ctx, f.db, f.now.Add(models.RelatedMaxAge), 2); n != 2 {
		t.Fatalf("old lists: ranked %d of a batch of 2", n)
	}
}
