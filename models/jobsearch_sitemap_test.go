package models_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/demo"
)

func TestSitemapURLs(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, f.db.(*bun.DB)); err != nil {
		t.Fatal(err)
	}
	live := f.job(models.Job{Title: "Inpatient Coder", Slug: "inpatient-coder"})
	expired := f.job(models.Job{Title: "Old Coder", Slug: "old-coder", ExpiresAt: f.now.Add(-time.Hour)})
	filled := f.job(models.Job{Title: "Filled Coder", Slug: "filled-coder", Status: models.JobFilled})
	idle := f.company("idle-clinic", "Idle Clinic", models.CompanyEmployer) // no live jobs
	f.job(models.Job{CompanyID: idle.ID, CompanyName: idle.Name, Title: "Idle", Status: models.JobDraft})

	urls, err := models.SitemapURLs(ctx, f.db, f.now, 1)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]time.Time{}
	for _, u := range urls {
		paths[u.Path] = u.LastMod
	}
	for _, p := range []string{"/", "/jobs", "/codes", "/jobs/" + strconv.FormatInt(live.ID, 10) + "/inpatient-coder",
		"/companies/acme-health", "/codes/icd-10-cm/E11.9"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("sitemap lacks %s", p)
		}
	}
	for _, j := range []models.Job{expired, filled} {
		if _, ok := paths[j.Path()]; ok {
			t.Errorf("sitemap lists %s", j.Path())
		}
	}
	if _, ok := paths["/companies/idle-clinic"]; ok {
		t.Error("sitemap lists a company without live jobs")
	}
	if paths["/jobs"].IsZero() || paths["/codes/icd-10-cm/E11.9"].IsZero() {
		t.Error("missing lastmod")
	}
	n, err := models.SitemapCount(ctx, f.db, f.now)
	if err != nil || n != len(urls) {
		t.Errorf("count %d (%v), listed %d", n, err, len(urls))
	}
	if urls, _ := models.SitemapURLs(ctx, f.db, f.now, 2); len(urls) != 0 {
		t.Errorf("page 2 of a small sitemap: %d", len(urls))
	}
}
