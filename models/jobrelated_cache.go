package models

import (
	"context"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// RelatedCacheTTL is how long a job page's related jobs are reused: a job
// published or closed meanwhile shows in (or leaves) the list this late.
const RelatedCacheTTL = time.Minute

// relatedCacheSize bounds the jobs kept; past it the cache starts over.
const relatedCacheSize = 20000

// RelatedCache keeps each job's related jobs for a while, so a job page
// ranks its neighbours once a minute per process rather than on every view.
// Dropping it loses nothing.
type RelatedCache struct {
	ttl time.Duration

	mu      sync.Mutex
	entries map[int64]relatedEntry
}

type relatedEntry struct {
	at    time.Time
	limit int
	jobs  []Job
}

// NewRelatedCache returns an empty cache keeping lists for ttl.
func NewRelatedCache(ttl time.Duration) *RelatedCache {
	return &RelatedCache{ttl: ttl, entries: map[int64]relatedEntry{}}
}

// Related is RelatedJobs, from the cache when j's list is younger than the
// ttl. The list is shared: callers must not change it.
func (c *RelatedCache) Related(ctx context.Context, db bun.IDB, j *Job, now time.Time, limit int) ([]Job, error) {
	c.mu.Lock()
	e, ok := c.entries[j.ID]
	c.mu.Unlock()
	if ok && e.limit == limit && !now.Before(e.at) && now.Sub(e.at) < c.ttl {
		return e.jobs, nil
	}
	jobs, err := RelatedJobs(ctx, db, j, now, limit)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) >= relatedCacheSize {
		clear(c.entries)
	}
	c.entries[j.ID] = relatedEntry{at: now, limit: limit, jobs: jobs}
	c.mu.Unlock()
	return jobs, nil
}
