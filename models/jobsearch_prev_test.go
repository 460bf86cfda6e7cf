package models_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"careercenter/models"
)

// TestPreviousPagesRetraceTheWay walks forward through a search, then back
// with Prev, and gets the same pages with the same positions and total.
func TestPreviousPagesRetraceTheWay(t *testing.T) {
	f := newSearchFixture(t)
	for i := range 47 {
		j := models.Job{Title: fmt.Sprintf("Paged Coder %02d", i), PublishedAt: f.now.Add(-time.Duration(i%9) * time.Minute)}
		if i%10 == 0 {
			j.FeaturedUntil = f.now.Add(time.Hour)
		}
		f.job(j)
	}
	for _, query := range []string{"", "q=coder"} {
		t.Run(query, func(t *testing.T) {
			filter := models.ParseJobFilter(mustQuery(t, query))
			var forward [][]string
			var cursors []string
			for {
				page, err := models.SearchJobs(context.Background(), f.db, filter, f.now, 10)
				if err != nil {
					t.Fatal(err)
				}
				n := len(forward)
				if page.Start != n*10 || page.Total != 47 {
					t.Fatalf("page %d: start %d total %d", n+1, page.Start, page.Total)
				}
				if page.HasPrev != (n > 0) || (n == 1 && page.Prev != "") || (n > 1 && page.Prev != cursors[n-1]) {
					t.Fatalf("page %d: prev %v %q, want the cursor of page %d", n+1, page.HasPrev, page.Prev, n)
				}
				forward = append(forward, jobTitles(page.Jobs))
				cursors = append(cursors, filter.Cursor)
				if page.Next == "" {
					break
				}
				filter.Cursor = page.Next
			}
			if len(forward) != 5 {
				t.Fatalf("%d pages, want 5", len(forward))
			}
			// Back from the last page, by the Prev links alone.
			for n := len(forward) - 1; n > 0; n-- {
				page, err := models.SearchJobs(context.Background(), f.db, filter, f.now, 10)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(jobTitles(page.Jobs), forward[n]) || page.Start != n*10 {
					t.Fatalf("back on page %d: %v from %d, want %v", n+1, jobTitles(page.Jobs), page.Start, forward[n])
				}
				filter.Cursor = page.Prev
			}
			if filter.Cursor != "" {
				t.Fatalf("page 2 leads back to a cursor %q, want the first page", filter.Cursor)
			}
		})
	}
}
