package models

import (
	"context"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// FacetCacheTTL is how long filter counts are reused: a search's sidebar may
// lag the board by this much, and the page says so.
const FacetCacheTTL = 20 * time.Second

// facetCacheSize bounds the searches kept; popular ones are asked often
// enough to come back after a reset.
const facetCacheSize = 2000

// FacetCache keeps recent JobFacets answers per search, so the sidebar of a
// popular search is counted once every FacetCacheTTL instead of on every
// request. Each process keeps its own; dropping it loses nothing.
type FacetCache struct {
	ttl time.Duration

	mu      sync.Mutex
	entries map[string]facetEntry
}

type facetEntry struct {
	at     time.Time
	facets map[string][]Facet
}

// NewFacetCache returns an empty cache keeping answers for ttl.
func NewFacetCache(ttl time.Duration) *FacetCache {
	return &FacetCache{ttl: ttl, entries: map[string]facetEntry{}}
}

// Facets is JobFacets, answered from the cache when a count of the same
// search is younger than the cache's ttl. It also returns when the counts
// were taken. The answer is shared: callers must not change it.
func (c *FacetCache) Facets(ctx context.Context, db bun.IDB, f JobFilter, now time.Time) (map[string][]Facet, time.Time, error) {
	key := f.Query().Encode()
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && !now.Before(e.at) && now.Sub(e.at) < c.ttl {
		return e.facets, e.at, nil
	}
	facets, err := JobFacets(ctx, db, f, now)
	if err != nil {
		return nil, now, err
	}
	c.mu.Lock()
	if len(c.entries) >= facetCacheSize {
		for k, old := range c.entries {
			if now.Sub(old.at) >= c.ttl || now.Before(old.at) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= facetCacheSize {
			clear(c.entries)
		}
	}
	c.entries[key] = facetEntry{at: now, facets: facets}
	c.mu.Unlock()
	return facets, now, nil
}
