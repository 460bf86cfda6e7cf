package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

// A kept answer is reused until its time is up, or until this process
// writes a job or a company (through the hooked database); counting views
// and reading change nothing.
func TestTTLCacheKeepsAnswersUntilTimeOrAWrite(t *testing.T) {
	d := apptest.DB(t)
	changes := &models.BoardChanges{}
	d.Bun.AddQueryHook(changes)
	cache := models.NewTTLCache[int](10*time.Second, 10, changes)
	ctx := context.Background()
	fills := 0
	get := func(now time.Time) int {
		t.Helper()
		v, err := cache.Get("k", now, func() (int, error) { fills++; return fills, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	now := time.Now()
	exec := func(q string) {
		t.Helper()
		if _, err := d.Bun.NewRaw(q).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if get(now) != 1 || get(now.Add(9*time.Second)) != 1 {
		t.Fatal("not reused within its time")
	}
	if get(now.Add(10*time.Second)) != 2 {
		t.Fatal("reused after its time")
	}
	exec(`SELECT count(*) FROM jobs`)
	exec(`WITH seen AS (SELECT id AS job_id FROM jobs WHERE false)
		INSERT INTO job_view_counts AS c (job_id, n) SELECT job_id, 1 FROM seen ON CONFLICT (job_id) DO UPDATE SET n = c.n + 1`)
	if get(now.Add(11*time.Second)) != 2 {
		t.Fatal("a read or a view count dropped the answer")
	}
	exec(`UPDATE jobs SET title = title WHERE false`)
	if get(now.Add(11*time.Second)) != 3 {
		t.Fatal("a job write kept the answer")
	}
	exec(`UPDATE companies SET name = name WHERE false`)
	if get(now.Add(11*time.Second)) != 4 {
		t.Fatal("a company write kept the answer")
	}
	var nilCache *models.TTLCache[int]
	if v, _ := nilCache.Get("k", now, func() (int, error) { return 7, nil }); v != 7 {
		t.Fatal("a nil cache does not fill")
	}
}
