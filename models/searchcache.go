package models

import (
	"sync"
	"time"
)

// SearchCacheTTL is how long a search's answer is reused by a process: a job
// published, closed or changed through another process shows (or leaves) a
// results page this late. Changes through the same process show at once
// (see BoardChanges).
const SearchCacheTTL = 10 * time.Second

// searchCacheSize bounds the answers kept; past it, stale ones go first,
// then all.
const searchCacheSize = 2000

// SearchCache keeps recent answers of the board's public lists (the first
// page of a search, the home page, the feed), so a popular list is queried
// once every SearchCacheTTL instead of on every request. Each process keeps
// its own; dropping it loses nothing. Answers are shared: callers must not
// change them.
type SearchCache[V any] struct {
	ttl     time.Duration
	changes *BoardChanges

	mu      sync.Mutex
	entries map[string]searchEntry[V]
}

type searchEntry[V any] struct {
	at      time.Time
	changes uint64
	v       V
}

// NewSearchCache returns an empty cache keeping answers for ttl, or until
// changes counts a write.
func NewSearchCache[V any](ttl time.Duration, changes *BoardChanges) *SearchCache[V] {
	return &SearchCache[V]{ttl: ttl, changes: changes, entries: map[string]searchEntry[V]{}}
}

// Get returns the answer kept under key while it is fresh, else fill's
// answer, kept for the next callers. A nil cache always fills.
func (c *SearchCache[V]) Get(key string, now time.Time, fill func() (V, error)) (V, error) {
	if c == nil {
		return fill()
	}
	changes := c.changes.Count()
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.changes == changes && !now.Before(e.at) && now.Sub(e.at) < c.ttl {
		return e.v, nil
	}
	v, err := fill()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.entries) >= searchCacheSize {
		for k, old := range c.entries {
			if old.changes != changes || now.Sub(old.at) >= c.ttl || now.Before(old.at) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= searchCacheSize {
			clear(c.entries)
		}
	}
	c.entries[key] = searchEntry[V]{at: now, changes: changes, v: v}
	c.mu.Unlock()
	return v, nil
}
