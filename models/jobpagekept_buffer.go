package models

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// KeptJobPages collects the job pages drawn for guests and stores them in
// batches from its own goroutine (Run), so the reader whose page was drawn
// waits for no write. Losing a batch (a failed write, a process that stops)
// costs only drawing those pages again.
type KeptJobPages struct {
	db *bun.DB

	mu      sync.Mutex
	pending map[int64]KeptJobPage
	full    chan struct{} // signalled when a batch is worth writing before the tick
}

// keptPagesBatch is how many pages (about 35 KB each) wait before a write.
const keptPagesBatch = 100

// NewKeptJobPages returns an empty buffer writing to db.
func NewKeptJobPages(db *bun.DB) *KeptJobPages {
	return &KeptJobPages{db: db, pending: map[int64]KeptJobPage{}, full: make(chan struct{}, 1)}
}

// Add queues p; a later page of the same job replaces it. Pages wait at
// most keptPagesBatch long: beyond twice that many, new ones are dropped
// (they are drawn again at their next read).
func (b *KeptJobPages) Add(p KeptJobPage) {
	b.mu.Lock()
	if _, ok := b.pending[p.JobID]; ok || len(b.pending) < 2*keptPagesBatch {
		b.pending[p.JobID] = p
	}
	n := len(b.pending)
	b.mu.Unlock()
	if n >= keptPagesBatch {
		select {
		case b.full <- struct{}{}:
		default:
		}
	}
}

// Run writes the buffer every interval, or sooner when a batch is full,
// until ctx ends.
func (b *KeptJobPages) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-b.full:
		case <-ctx.Done():
			return
		}
		_ = b.Flush(ctx) // a failed batch is dropped: its pages are drawn again
	}
}

// Flush writes every queued page now, in job order (so two processes'
// batches lock the same rows in the same order).
func (b *KeptJobPages) Flush(ctx context.Context) error {
	b.mu.Lock()
	batch := b.pending
	b.pending = make(map[int64]KeptJobPage, len(batch))
	b.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	pages := make([]KeptJobPage, 0, len(batch))
	for _, p := range batch {
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(x, y KeptJobPage) int { return cmp.Compare(x.JobID, y.JobID) })
	return KeepJobPages(ctx, b.db, pages)
}
