package models

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// cursor is where the next page of a search starts: the sort key of the
// last job shown (its section, rank, publication time and id), plus what the
// first page fixed so later pages order the same jobs the same way.
type cursor struct {
	Sec   int       `json:"s"`
	Pos   *position `json:"p,omitempty"` // nil: the start of section Sec
	AsOf  time.Time `json:"t"`           // featured as of this time
	Edges [2]*edge  `json:"e"`           // per group (featured, others); nil until found
	// The count of matches on the first page, shown on the later ones.
	Total  int  `json:"n"`
	Capped bool `json:"c,omitempty"`
	// Start is how many jobs the earlier pages showed ("21–40 of 312");
	// Back holds where each earlier page began, oldest first, for the
	// Previous link (keyset paging cannot run backwards on its own). The
	// first page has no mark: going back to it starts the search afresh.
	Start int    `json:"o,omitempty"`
	Back  []mark `json:"b,omitempty"`
}

// mark is where a page begins.
type mark struct {
	Sec int       `json:"s"`
	Pos *position `json:"p"`
}

// maxBack bounds the cursor's length: deeper pages than this many keep a
// link to the first page instead of Previous at the end of the trail.
const maxBack = 30

type position struct {
	Score float32   `json:"r"`
	Pub   time.Time `json:"p"`
	ID    int64     `json:"i"`
}

// edge is the oldest ranked candidate of a group; a zero edge means every
// match of the group was ranked.
type edge struct {
	Pub time.Time `json:"p"`
	ID  int64     `json:"i"`
}

// encode makes the cursor opaque and URL-safe.
func (c cursor) encode() string {
	b, _ := json.Marshal(c) // a struct of plain fields always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor from a URL; anything unreadable starts at the
// first page, as of now.
func decodeCursor(s string, now time.Time) cursor {
	fresh := cursor{AsOf: now}
	if s == "" {
		return fresh
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return fresh
	}
	var c cursor
	if json.Unmarshal(b, &c) != nil || c.Sec < 0 || c.Sec >= len(sections) || c.AsOf.IsZero() || c.Start < 0 {
		return fresh
	}
	for _, m := range c.Back {
		if m.Sec < 0 || m.Sec >= len(sections) || m.Pos == nil {
			return fresh
		}
	}
	return c
}

// next is the cursor of the page after the one that began at start and
// showed shown jobs, the last of them last.
func (c cursor) next(start mark, shown int, last searchRow) cursor {
	n := c
	if start.Pos != nil {
		n.Back = append(append([]mark(nil), c.Back...), start)
		if len(n.Back) > maxBack {
			n.Back = n.Back[len(n.Back)-maxBack:]
		}
	}
	n.Start = c.Start + shown
	n.Sec, n.Pos = last.sec, &position{Score: last.Score, Pub: last.PublishedAt, ID: last.ID}
	return n
}

// prev is the cursor of the page before: ok is false on the first page and
// at the end of a trimmed trail; first is true when the page before is the
// first one (whose address has no cursor).
func (c cursor) prev(limit int) (p cursor, first, ok bool) {
	if c.Pos == nil || c.Start == 0 {
		return c, false, false
	}
	if len(c.Back) == 0 {
		return c, true, c.Start <= limit
	}
	p = c
	last := c.Back[len(c.Back)-1]
	p.Back = c.Back[:len(c.Back)-1]
	p.Sec, p.Pos = last.Sec, last.Pos
	p.Start = max(c.Start-limit, 0)
	return p, false, true
}
