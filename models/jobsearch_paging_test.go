package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"careercenter/models"
)

// walk follows the cursor from the first page to the last, calling between
// after each page, and fails on a job shown twice.
func (f *searchFixture) walk(query string, limit int, between func(page int)) map[string]int {
	f.t.Helper()
	seen := map[string]int{}
	filter := models.ParseJobFilter(mustQuery(f.t, query))
	for n := 1; ; n++ {
		page, err := models.SearchJobs(context.Background(), f.db, filter, f.now, limit)
		if err != nil {
			f.t.Fatal(err)
		}
		if len(page.Jobs) > limit || (page.Next != "" && len(page.Jobs) < limit) {
			f.t.Fatalf("page %d: %d jobs, next %q", n, len(page.Jobs), page.Next)
		}
		for _, j := range page.Jobs {
			if seen[j.Title]++; seen[j.Title] > 1 {
				f.t.Fatalf("page %d repeats %q", n, j.Title)
			}
		}
		if page.Next == "" {
			return seen
		}
		if n > 100 {
			f.t.Fatal("pages never end")
		}
		between(n)
		filter.Cursor = page.Next
	}
}

func (f *searchFixture) mustSee(seen map[string]int, titles []string) {
	f.t.Helper()
	for _, title := range titles {
		if seen[title] != 1 {
			f.t.Errorf("%q shown %d times", title, seen[title])
		}
	}
}

func TestKeysetPagesNeverRepeatOrSkip(t *testing.T) {
	f := newSearchFixture(t)
	// 45 jobs published at the same instant: only the id breaks ties.
	same := f.now.Add(-3 * time.Hour)
	var titles []string
	for i := range 45 {
		j := models.Job{Title: fmt.Sprintf("Tied Coder %02d", i), PublishedAt: same}
		if i%15 == 0 {
			j.FeaturedUntil = f.now.Add(time.Hour)
		}
		titles = append(titles, f.job(j).Title)
	}
	for _, query := range []string{"", "q=coder", "q=coder&sort=newest"} {
		t.Run(query, func(t *testing.T) {
			added := 0
			seen := f.walk(query, 20, func(int) {
				// A job published between pages sorts before the cursor.
				added++
				f.job(models.Job{Title: fmt.Sprintf("Newer Coder %s %d", query, added), PublishedAt: f.now})
			})
			f.mustSee(seen, titles)
		})
	}
}

// TestRelevancePagesPastTheRankedCandidates walks a search with more matches
// than relevance ranks, while newer matches keep arriving.
func TestRelevancePagesPastTheRankedCandidates(t *testing.T) {
	f := newSearchFixture(t)
	const n = 530
	// Ranks vary with how often the word appears; many ties in rank and time.
	_, err := f.db.NewRaw(`INSERT INTO jobs (company_id, status, title, slug, company_name, description,
			published_at, expires_at, featured_until)
		SELECT ?, 'active', 'Coder ' || g, 'coder', 'Acme Health', repeat('medical coder ', g % 4) || 'audits',
			?::timestamptz - (g % 9) * interval '1 hour', ?::timestamptz + interval '20 days',
			CASE WHEN g % 101 = 0 THEN ?::timestamptz + interval '1 day' END
		FROM generate_series(1, ?) g`, f.co.ID, f.now, f.now, f.now, n).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for g := 1; g <= n; g++ {
		titles = append(titles, fmt.Sprintf("Coder %d", g))
	}
	if page := f.search("q=coder", 20); page.Total != models.SearchCountCap || !page.Capped {
		t.Fatalf("total %d capped %v", page.Total, page.Capped)
	}
	added := 0
	seen := f.walk("q=coder", 100, func(page int) {
		for range 3 {
			added++
			f.job(models.Job{Title: fmt.Sprintf("Arriving medical coder %d", added), PublishedAt: f.now.Add(time.Duration(added) * time.Second)})
		}
	})
	f.mustSee(seen, titles)
}

func TestLiveJobsOnly(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	for _, query := range []string{"", "q=inpatient", "setting=inpatient-facility", "cpca=1", "credential=RHIT"} {
		for _, j := range f.search(query, 100).Jobs {
			if j.Status != models.JobActive || !j.ExpiresAt.After(f.now) {
				t.Errorf("%q shows %q (%s, expires %v)", query, j.Title, j.Status, j.ExpiresAt)
			}
		}
	}
}

// TestWordSearchCountsAroundTheCapWithFeaturedJobs: the capped count of a
// search with words stays exact on either side of the cap, however the
// matches split between featured jobs (read first) and the rest.
func TestWordSearchCountsAroundTheCapWithFeaturedJobs(t *testing.T) {
	for _, c := range []struct {
		featured, others, total int
		capped                  bool
	}{
		{3, 600, models.SearchCountCap, true},
		{497, 2, 499, false},
		{500, 0, 500, false},
		{499, 1, 500, false},
		{500, 1, 500, true},
		{520, 0, 500, true},
	} {
		t.Run(fmt.Sprintf("%d featured, %d others", c.featured, c.others), func(t *testing.T) {
			f := newSearchFixture(t)
			_, err := f.db.NewRaw(`INSERT INTO jobs (company_id, status, title, slug, company_name, description,
					published_at, expires_at, featured_until)
				SELECT ?, 'active', 'Coder ' || g, 'coder', 'Acme Health', 'medical coder',
					?::timestamptz - g * interval '1 minute', ?::timestamptz + interval '20 days',
					CASE WHEN g <= ? THEN ?::timestamptz + interval '1 day' END
				FROM generate_series(1, ?) g`, f.co.ID, f.now, f.now, c.featured, f.now, c.featured+c.others).
				Exec(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"q=coder", "q=coder&sort=newest", "q=coder&work_mode=remote"} {
				if page := f.search(q, 20); page.Total != c.total || page.Capped != c.capped {
					t.Errorf("%s: total %d capped %v, want %d %v", q, page.Total, page.Capped, c.total, c.capped)
				}
			}
		})
	}
}
