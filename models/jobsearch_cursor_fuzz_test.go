package models

import (
	"testing"
	"time"
)

// Any string in the cursor parameter decodes to a usable cursor (or the
// first page), never a panic, and a decoded cursor survives a round trip.
func FuzzDecodeCursor(f *testing.F) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	f.Add("")
	f.Add(cursor{Sec: 1, AsOf: now, Pos: &position{Score: 0.5, Pub: now, ID: 7}, Total: 40}.encode())
	f.Add(cursor{Sec: 0, AsOf: now, Edges: [2]*edge{{Pub: now, ID: 3}, nil}}.encode())
	f.Add("eyJzIjotMX0")          // {"s":-1}
	f.Add("eyJzIjo5OTk5OTk5OTl9") // a section far out of range
	f.Add("%00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		c := decodeCursor(s, now)
		if c.Sec < 0 || c.Sec >= len(sections) || c.AsOf.IsZero() {
			t.Fatalf("unusable cursor from %q: %+v", s, c)
		}
		again := decodeCursor(c.encode(), now)
		if again.encode() != c.encode() {
			t.Fatalf("round trip of %q changed the cursor: %s vs %s", s, c.encode(), again.encode())
		}
	})
}
