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
}

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
	if json.Unmarshal(b, &c) != nil || c.Sec < 0 || c.Sec >= len(sections) || c.AsOf.IsZero() {
		return fresh
	}
	return c
}
