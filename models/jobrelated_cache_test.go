package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

// A job's related jobs are reused for the cache's lifetime, then ranked
// again: a job published meanwhile joins the list only then.
func TestRelatedCacheReusesAListForItsLifetime(t *testing.T) {
	f := newSearchFixture(t)
	j := f.job(models.Job{Title: "Cardiology coder", Specialties: []string{"cardiology"}})
	f.job(models.Job{Title: "Another cardiology coder", Specialties: []string{"cardiology"}})
	cache := models.NewRelatedCache(time.Minute)
	ctx := context.Background()
	related := func(now time.Time) int {
		t.Helper()
		js, err := cache.Related(ctx, f.db, &j, now, 5)
		if err != nil {
			t.Fatal(err)
		}
		return len(js)
	}
	if n := related(f.now); n != 1 {
		t.Fatalf("first list: %d jobs", n)
	}
	f.job(models.Job{Title: "Third cardiology coder", Specialties: []string{"cardiology"}})
	if n := related(f.now.Add(59 * time.Second)); n != 1 {
		t.Fatalf("within the lifetime: %d jobs, want the cached 1", n)
	}
	if n := related(f.now.Add(time.Minute)); n != 2 {
		t.Fatalf("after the lifetime: %d jobs, want 2", n)
	}
}
