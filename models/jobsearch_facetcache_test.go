package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

// A search's filter counts are reused for the cache's lifetime (a job
// published meanwhile shows up in them only after it), per search, and
// counted afresh afterwards.
func TestFacetCacheReusesCountsForItsLifetime(t *testing.T) {
	f := newSearchFixture(t)
	f.job(models.Job{Title: "Remote coder", WorkMode: "remote"})
	cache := models.NewFacetCache(20*time.Second, nil)
	ctx := context.Background()
	remote := func(query string, now time.Time) (int, time.Time) {
		t.Helper()
		facets, at, err := cache.Facets(ctx, f.db, models.ParseJobFilter(mustQuery(t, query)), now)
		if err != nil {
			t.Fatal(err)
		}
		for _, fc := range facets[models.DimWorkMode] {
			if fc.Value == "remote" {
				return fc.Count, at
			}
		}
		t.Fatal("no remote facet")
		return 0, at
	}
	if n, at := remote("", f.now); n != 1 || !at.Equal(f.now) {
		t.Fatalf("first count: %d as of %v", n, at)
	}
	f.job(models.Job{Title: "Another remote coder", WorkMode: "remote"})
	if n, at := remote("", f.now.Add(19*time.Second)); n != 1 || !at.Equal(f.now) {
		t.Fatalf("within the lifetime: %d as of %v, want the cached 1 as of the first count", n, at)
	}
	if n, _ := remote("employment_type=full_time", f.now.Add(19*time.Second)); n != 2 {
		t.Fatalf("another search is counted on its own: %d, want 2", n)
	}
	later := f.now.Add(20 * time.Second)
	if n, at := remote("", later); n != 2 || !at.Equal(later) {
		t.Fatalf("after the lifetime: %d as of %v, want 2 as of now", n, at)
	}
}
