package models_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

// Views wait in memory until a flush, and then count once per viewer and
// day, even when two processes (two buffers) see the same readers at the
// same time and flush concurrently.
func TestJobViewsBufferCountsOncePerViewerAndDayAcrossProcesses(t *testing.T) {
	d := apptest.DB(t)
	ctx := context.Background()
	a := insertViewJob(t, d.Bun, "acme", nil)
	b := insertViewJob(t, d.Bun, "acme", nil)
	day := time.Date(2026, 11, 15, 9, 0, 0, 0, time.UTC)

	one := models.NewJobViews(d.Bun)
	if err := one.Add(ctx, a.ID, []byte("reader"), day); err != nil {
		t.Fatal(err)
	}
	if n := viewCount(t, d.Bun, a.ID); n != 0 {
		t.Fatalf("a buffered view was written at once: %d", n)
	}
	if err := one.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := viewCount(t, d.Bun, a.ID); n != 1 {
		t.Fatalf("after the flush: %d views, want 1", n)
	}

	// Two processes, each with 4 request goroutines; every reader opens
	// both jobs twice, from both processes, on two days. Flushes run all
	// along.
	procs := []*models.JobViews{one, models.NewJobViews(d.Bun)}
	const readers = 150
	days := []time.Time{day, day.Add(24 * time.Hour)}
	var wg sync.WaitGroup
	for _, p := range procs {
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range readers {
					for _, dd := range days {
						for _, j := range []int64{a.ID, b.ID, a.ID, b.ID} {
							if err := p.Add(ctx, j, fmt.Appendf(nil, "reader-%d", r), dd); err != nil {
								t.Error(err)
								return
							}
						}
					}
					if r%40 == w {
						if err := p.Flush(ctx); err != nil {
							t.Error(err)
						}
					}
				}
			}()
		}
	}
	wg.Wait()
	for _, p := range procs {
		if err := p.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want := readers * len(days)
	if n := viewCount(t, d.Bun, a.ID); n != want+1 {
		t.Fatalf("job a: %d views, want %d", n, want+1)
	}
	if n := viewCount(t, d.Bun, b.ID); n != want {
		t.Fatalf("job b: %d views, want %d", n, want)
	}
	var rows int
	if err := d.Bun.NewRaw(`SELECT count(*) FROM job_views`).Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	if rows != 2*want+1 {
		t.Fatalf("%d view rows, want %d", rows, 2*want+1)
	}
}

// A job deleted while its views wait in the buffer drops them; the rest of
// the batch is written.
func TestJobViewsBufferSkipsDeletedJobs(t *testing.T) {
	d := apptest.DB(t)
	ctx := context.Background()
	kept := insertViewJob(t, d.Bun, "acme", nil)
	gone := insertViewJob(t, d.Bun, "acme", nil)
	views := models.NewJobViews(d.Bun)
	day := time.Now()
	for _, id := range []int64{kept.ID, gone.ID} {
		if err := views.Add(ctx, id, []byte("reader"), day); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Bun.NewRaw(`DELETE FROM jobs WHERE id = ?`, gone.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := views.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := viewCount(t, d.Bun, kept.ID); n != 1 {
		t.Fatalf("kept job: %d views", n)
	}
}
