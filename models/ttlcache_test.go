package models_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

// A kept answer is reused until its time is up, or until this process
// writes a job or a company (through the hooked database); counting views
// and reading change nothing.
func TestTTLCacheKeepsAnswersUntilTimeOrAWrite(t *testing.T) {
	d, cache := hookedCache(t)
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
	exec(`INSERT INTO job_views (job_id, day, viewer_hash) SELECT id, current_date, '\x01' FROM jobs WHERE false ON CONFLICT DO NOTHING`)
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

// Callers that miss one key at once share one fill; a caller that comes
// after a write through the process does not share a fill that began
// before it, and an error reaches every caller of that fill without being
// kept.
func TestTTLCacheSharesAFillBetweenCallers(t *testing.T) {
	d, cache := hookedCache(t)
	now := time.Now()
	var fills atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	slow := func() (int, error) {
		n := fills.Add(1)
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		return int(n), nil
	}
	var wg sync.WaitGroup
	got := make([]int, 20)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := cache.Get("k", now, slow)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	<-started
	time.Sleep(50 * time.Millisecond) // the others join the fill in flight
	// A write now: the next caller must not get the fill begun before it.
	if _, err := d.Bun.NewRaw(`UPDATE jobs SET title = title WHERE false`).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := make(chan int)
	go func() {
		v, _ := cache.Get("k", now, slow)
		after <- v
	}()
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	for i, v := range got {
		if v != 1 {
			t.Fatalf("caller %d got the answer of fill %d, want the one shared fill", i, v)
		}
	}
	if v := <-after; v != 2 {
		t.Fatalf("the caller after a write got fill %d, want its own (2)", v)
	}
	if n := fills.Load(); n != 2 {
		t.Fatalf("%d fills for 21 callers around one write, want 2", n)
	}

	failed := errors.New("database away")
	if _, err := cache.Get("e", now, func() (int, error) { return 0, failed }); !errors.Is(err, failed) {
		t.Fatalf("error %v, want %v", err, failed)
	}
	if v, err := cache.Get("e", now, func() (int, error) { return 5, nil }); err != nil || v != 5 {
		t.Fatalf("after an error: %d, %v; want a new fill", v, err)
	}

	// A shared fill that fails (its caller's request ended, say): the
	// callers that joined it fill again with their own.
	var calls atomic.Int32
	gate := make(chan struct{})
	first := make(chan struct{})
	flaky := func() (int, error) {
		if calls.Add(1) == 1 {
			close(first)
			<-gate
			return 0, context.Canceled
		}
		return 9, nil
	}
	results := make(chan int, 3)
	for range 3 {
		go func() {
			v, _ := cache.Get("f", now, flaky)
			results <- v
		}()
	}
	<-first
	time.Sleep(50 * time.Millisecond)
	close(gate)
	for range 3 {
		if v := <-results; v != 9 {
			t.Fatalf("a caller of a failed shared fill got %d, want its own fill's 9", v)
		}
	}
}

// hookedCache is a fresh database whose writes through its Bun handle
// drop the answers of a cache kept 10 s.
func hookedCache(t *testing.T) (*app.DB, *models.TTLCache[int]) {
	t.Helper()
	d := apptest.DB(t)
	changes := &models.BoardChanges{}
	d.Bun.AddQueryHook(changes)
	return d, models.NewTTLCache[int](10*time.Second, 10, changes)
}
