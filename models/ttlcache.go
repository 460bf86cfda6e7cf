package models

import (
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// SearchCacheTTL is how long a search's answer is reused by a process: a job
// published, closed or changed through another process shows (or leaves) a
// results page this late. Changes through the same process show at once
// (see BoardChanges).
const SearchCacheTTL = 10 * time.Second

// SearchCacheSize bounds the answers of lists kept per process (and the
// drawn parts of guests' search pages): a first page with its jobs is up to
// 100 KB, and what is kept must stay well under the web's soft memory limit
// (app/memlimit.go) even when crawlers open many lists.
const SearchCacheSize = 500

// TTLCache keeps answers per key for a while, so a popular page's queries
// (or drawing) run once every ttl instead of on every request: the board's
// public lists and their filter counts, code pages. Each process keeps its
// own; dropping it loses nothing. Answers are shared: callers must not
// change them.
type TTLCache[V any] struct {
	ttl     time.Duration
	size    int
	changes *BoardChanges

	mu      sync.Mutex
	entries map[string]ttlEntry[V]
	filling singleflight.Group // one fill per key at a time (see Get)
}

type ttlEntry[V any] struct {
	at      time.Time
	changes uint64
	v       V
}

// NewTTLCache returns an empty cache keeping at most size answers for ttl,
// or until changes (nil: none) counts a write.
func NewTTLCache[V any](ttl time.Duration, size int, changes *BoardChanges) *TTLCache[V] {
	return &TTLCache[V]{ttl: ttl, size: size, changes: changes, entries: map[string]ttlEntry[V]{}}
}

// Get returns the answer kept under key while it is fresh, else fill's
// answer, kept for the next callers. A nil cache always fills. Past its
// size, stale answers are dropped, and if none are, all of them.
//
// Callers that miss the same key at once share one fill: when a popular
// answer went stale under load, every request in flight ran its own (32
// searches, or 32 loads of the pay groups, where one does), and the
// process's memory jumped by tens of megabytes for a second. A caller
// shares only a fill that started after the last write it can see, so a
// write through the process still shows in its next read.
func (c *TTLCache[V]) Get(key string, now time.Time, fill func() (V, error)) (V, error) {
	if c == nil {
		return fill()
	}
	if v, ok := c.Peek(key, now); ok {
		return v, nil
	}
	changes := c.changes.Count()
	fillAndKeep := func() (V, error) {
		v, err := fill()
		if err == nil {
			c.put(key, now, changes, v)
		}
		return v, err
	}
	got, err, shared := c.filling.Do(strconv.FormatUint(changes, 10)+" "+key, func() (any, error) { return fillAndKeep() })
	if err != nil && shared {
		// A fill shared with others failed: it ran with one caller's
		// context, which may be the one that ended. Each tries once more
		// with its own.
		return fillAndKeep()
	}
	v, _ := got.(V)
	return v, err
}

// Peek returns the answer kept under key while it is fresh; a nil cache
// keeps nothing.
func (c *TTLCache[V]) Peek(key string, now time.Time) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	changes := c.changes.Count()
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.changes == changes && !now.Before(e.at) && now.Sub(e.at) < c.ttl {
		return e.v, true
	}
	return zero, false
}

// Put keeps v under key as of now, when the caller found it while changes
// counted writes (read the count before the answer, as Get does, so that a
// write during the read drops it).
func (c *TTLCache[V]) Put(key string, now time.Time, changes uint64, v V) {
	if c != nil {
		c.put(key, now, changes, v)
	}
}

// Changes is the count of writes answers are kept against (see Put).
func (c *TTLCache[V]) Changes() uint64 {
	if c == nil {
		return 0
	}
	return c.changes.Count()
}

func (c *TTLCache[V]) put(key string, now time.Time, changes uint64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.size {
		for k, old := range c.entries {
			if old.changes != changes || now.Sub(old.at) >= c.ttl || now.Before(old.at) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.size {
			clear(c.entries)
		}
	}
	c.entries[key] = ttlEntry[V]{at: now, changes: changes, v: v}
}
