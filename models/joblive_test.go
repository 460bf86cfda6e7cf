package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// A hidden job leaves every list of the board, not only search: the
// company page, related jobs and the sitemap.
func TestHiddenJobsLeaveEveryList(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	shown := f.job(models.Job{Title: "Shown Coder", Slug: "shown-coder", Specialties: []string{"cardiology"}})
	hidden := f.job(models.Job{Title: "Hidden Coder", Slug: "hidden-coder", Specialties: []string{"cardiology"},
		HiddenAt: f.now.Add(-time.Minute), HiddenReason: "reports"})

	company, err := models.LiveJobsForCompany(ctx, f.db, f.co.ID, f.now)
	if err != nil || !sameSet(jobTitles(company), "Shown Coder") {
		t.Fatalf("company page: %v %v", jobTitles(company), err)
	}
	related, err := models.RelatedJobs(ctx, f.db, &hidden, f.now, 5)
	if err != nil || !sameSet(jobTitles(related), "Shown Coder") {
		t.Fatalf("related to the hidden job: %v %v", jobTitles(related), err)
	}
	related, err = models.RelatedJobs(ctx, f.db, &shown, f.now, 5)
	if err != nil || len(related) != 0 {
		t.Fatalf("related to the shown job: %v %v", jobTitles(related), err)
	}
	urls, err := models.SitemapURLs(ctx, f.db, f.now, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if strings.Contains(u.Path, "hidden-coder") {
			t.Fatalf("sitemap lists the hidden job: %s", u.Path)
		}
	}
}
