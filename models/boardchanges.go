package models

import (
	"context"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/uptrace/bun"
)

// BoardChanges counts this process's writes to jobs and companies. It is a
// Bun query hook: caches of what the board shows (TTLCache) compare the
// count with the one they were filled at, so a change made through this
// process shows at once, and a change made by another process when the
// cached entry's time is up. Counting job views does not count as a change:
// no cached answer shows them.
type BoardChanges struct{ n atomic.Uint64 }

// Count is the number of board writes seen so far (0 for nil).
func (b *BoardChanges) Count() uint64 {
	if b == nil {
		return 0
	}
	return b.n.Load()
}

// BeforeQuery is part of bun.QueryHook.
func (b *BoardChanges) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

// AfterQuery is part of bun.QueryHook. A failed statement counts too: it may
// have run inside a transaction that still commits something. It runs after
// every statement, so the common case (a model's SELECT) returns first.
func (b *BoardChanges) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if _, raw := e.IQuery.(*bun.RawQuery); e.IQuery != nil && !raw && e.IQuery.Operation() == "SELECT" {
		return
	}
	if writesBoard(e.Query) {
		b.n.Add(1)
	}
}

// writesBoard reports a statement that may change a job or a company (its
// logo too: job pages show it). Raw
// statements all say "SELECT" as their operation, so the text decides.
func writesBoard(query string) bool {
	if !containsWord(query, "jobs") && !containsWord(query, "companies") && !containsWord(query, "company_logos") {
		return false
	}
	return writeVerbs.MatchString(query) && !strings.Contains(query, "INSERT INTO job_view") // views and their counters
}

// writeVerbs are the statements that change rows.
var writeVerbs = regexp.MustCompile(`(?i)\b(insert\s+into|update|delete\s+from|truncate)\b`)

// containsWord reports w in s as a whole word (table names are lower case).
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !wordByte(s[j-1])) && (end == len(s) || !wordByte(s[end])) {
			return true
		}
		i = end
	}
}

func wordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
