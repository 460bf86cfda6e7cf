package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// FacetCacheTTL is how long filter counts are reused: a search's sidebar may
// lag the board by this much, and the page says so.
const FacetCacheTTL = 20 * time.Second

// FacetCache keeps recent JobFacets answers per search, so the sidebar of a
// popular search is counted once every FacetCacheTTL instead of on every
// request. Each process keeps its own; dropping it loses nothing.
type FacetCache struct{ answers *TTLCache[facetAnswer] }

type facetAnswer struct {
	at     time.Time
	facets map[string][]Facet
}

// NewFacetCache returns an empty cache keeping answers for ttl, or until
// changes (nil: none) counts a write.
func NewFacetCache(ttl time.Duration, changes *BoardChanges) *FacetCache {
	return &FacetCache{answers: NewTTLCache[facetAnswer](ttl, SearchCacheSize, changes)}
}

// Facets is JobFacets, answered from the cache when a count of the same
// search is younger than the cache's ttl. It also returns when the counts
// were taken. The answer is shared: callers must not change it.
func (c *FacetCache) Facets(ctx context.Context, db bun.IDB, f JobFilter, now time.Time) (map[string][]Facet, time.Time, error) {
	a, err := c.answers.Get(f.Query().Encode(), now, func() (facetAnswer, error) {
		facets, err := JobFacets(ctx, db, f, now)
		return facetAnswer{at: now, facets: facets}, err
	})
	if err != nil {
		return nil, now, err
	}
	return a.facets, a.at, nil
}
