package models

import (
	"context"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// CodePageTTL is how long a code page's content is reused: codes and their
// sections change only by import (another process), and an import shows on
// every code page within this long.
const CodePageTTL = 10 * time.Second

// codePageCacheSize bounds the codes kept; past it expired pages are
// dropped, and if none are, the cache starts over.
const codePageCacheSize = 500

// CodePage is what a code page shows of its code to every reader allowed to
// read it: the code, its related codes and its member sections. Whether a
// reader sees the sections is the meter's and the handler's decision, never
// the cache's.
type CodePage struct {
	Code     *Code
	Related  []Code
	Sections *CodeSections

	mu       sync.Mutex
	rendered map[string]string // by RenderedAs's key
}

// RenderedAs returns render's result for one of the page's drawn forms,
// named by key (the member sections; the page as a kind of reader sees it),
// calling it only the first time for this page (a failed render is tried
// again on the next call), so it is drawn once per cached page rather than
// once per request.
func (p *CodePage) RenderedAs(key string, render func() (string, error)) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.rendered[key]; ok {
		return s, nil
	}
	s, err := render()
	if err == nil {
		if p.rendered == nil {
			p.rendered = map[string]string{}
		}
		p.rendered[key] = s
	}
	return s, err
}

// CodePageCache keeps recently read code pages per process, so a popular
// code is read from the database once every ttl rather than on every view.
// Dropping it loses nothing; a nil cache reads every time.
type CodePageCache struct{ pages *TTLCache[*CodePage] }

// NewCodePageCache returns an empty cache keeping pages for ttl.
func NewCodePageCache(ttl time.Duration) *CodePageCache {
	return &CodePageCache{pages: NewTTLCache[*CodePage](ttl, codePageCacheSize, nil)}
}

// Page is CodePageByKey, from the cache when the code was read less than
// the ttl ago. The page is shared: callers must not change it.
func (c *CodePageCache) Page(ctx context.Context, db bun.IDB, system, code string, now time.Time) (*CodePage, error) {
	if c == nil {
		return CodePageByKey(ctx, db, system, code)
	}
	return c.pages.Get(system+"/"+codeKey(code), now, func() (*CodePage, error) {
		return CodePageByKey(ctx, db, system, code)
	})
}
