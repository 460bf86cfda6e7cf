package models

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// JobViews buffers job page views in memory and writes them in batches, so a
// reader's page costs no write and no commit. Each view still counts once
// per viewer and day: the batch is deduplicated here, and job_views' primary
// key deduplicates across batches and across processes. A process that dies loses at most one
// interval of views; nothing else is kept in memory.
type JobViews struct {
	db  *bun.DB
	max int // a batch this large is written at once, by the request that fills it

	mu      sync.Mutex
	pending map[jobViewKey]struct{}
}

type jobViewKey struct {
	job    int64
	day    string // YYYY-MM-DD, UTC
	viewer string // the viewer hash's bytes
}

// jobViewBatch is how many views trigger a write before the interval ends.
const jobViewBatch = 5000

// NewJobViews returns an empty buffer writing to db.
func NewJobViews(db *bun.DB) *JobViews {
	return &JobViews{db: db, max: jobViewBatch, pending: map[jobViewKey]struct{}{}}
}

// Add buffers one view of a job on day by viewerHash (see RecordJobView).
// It writes only when the batch is full.
func (b *JobViews) Add(ctx context.Context, jobID int64, viewerHash []byte, day time.Time) error {
	k := jobViewKey{job: jobID, day: day.UTC().Format(time.DateOnly), viewer: string(viewerHash)}
	b.mu.Lock()
	b.pending[k] = struct{}{}
	full := len(b.pending) >= b.max
	b.mu.Unlock()
	if full {
		return b.Flush(ctx)
	}
	return nil
}

// Run writes the buffer every interval until ctx ends, then once more.
func (b *JobViews) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			_ = b.Flush(ctx) // a failed batch stays buffered for the next tick
		case <-ctx.Done():
			last, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			_ = b.Flush(last)
			cancel()
			return
		}
	}
}

// jobViewsFlush inserts the batch's new views: a view another process has
// written already adds nothing. The views are counted from their rows
// until FoldOldJobViews moves them into the counters (jobViewCount), so a
// batch writes nothing else: no counter row per job it saw, nor a look at
// each job's row (a view of a job deleted meanwhile is dropped when it is
// folded).
const jobViewsFlush = `INSERT INTO job_views (job_id, day, viewer_hash)
	SELECT job_id, day::date, viewer_hash FROM unnest($1::bigint[], $2::text[], $3::bytea[]) AS v(job_id, day, viewer_hash)
	ON CONFLICT DO NOTHING`

// Flush writes every buffered view now. On failure (a lost connection, a
// database away) the views go back into the buffer.
func (b *JobViews) Flush(ctx context.Context) error {
	b.mu.Lock()
	batch := b.pending
	if len(batch) == 0 {
		b.mu.Unlock()
		return nil
	}
	b.pending = make(map[jobViewKey]struct{}, len(batch))
	b.mu.Unlock()

	keys := make([]jobViewKey, 0, len(batch))
	for k := range batch {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y jobViewKey) int {
		return cmp.Or(cmp.Compare(x.job, y.job), strings.Compare(x.day, y.day), strings.Compare(x.viewer, y.viewer))
	})
	jobs, days, viewers := make([]int64, len(keys)), make([]string, len(keys)), make([][]byte, len(keys))
	for i, k := range keys {
		jobs[i], days[i], viewers[i] = k.job, k.day, []byte(k.viewer)
	}
	// Every batch inserts its keys in this order, so two processes'
	// batches that share views wait for each other's rows in one order and
	// never deadlock.
	_, err := b.db.DB.ExecContext(ctx, jobViewsFlush, jobs, days, viewers)
	if err != nil {
		b.mu.Lock()
		if len(b.pending) < 4*b.max { // a database that stays away must not fill the memory
			for k := range batch {
				b.pending[k] = struct{}{}
			}
		}
		b.mu.Unlock()
		return err
	}
	return nil
}
