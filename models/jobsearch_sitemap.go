package models

import (
	"context"
	"net/url"
	"time"

	"github.com/uptrace/bun"
)

// SitemapURL is one page for search engines; LastMod may be zero.
type SitemapURL struct {
	Path    string
	LastMod time.Time
}

// SitemapPageSize is the most URLs one sitemap file may list.
const SitemapPageSize = 50000

// sitemapEntries lists, in a fixed order, the site's fixed pages, live jobs,
// companies with live jobs and code pages. Expired, filled and closed jobs
// are not live and stay out.
const sitemapEntries = `
	SELECT 0 AS part, '1' AS k, '/' AS a, '' AS b, NULL::timestamptz AS last_mod
	UNION ALL SELECT 0, '2', '/jobs', '', (SELECT max(published_at) FROM jobs WHERE status = 'active' AND expires_at > ?0 AND hidden_at IS NULL)
	UNION ALL SELECT 0, '3', '/codes', '', (SELECT max(updated_at) FROM codes)
	UNION ALL SELECT 1, lpad(j.id::text, 20, '0'), j.id::text, j.slug, j.updated_at
		FROM jobs j WHERE j.status = 'active' AND j.expires_at > ?0 AND j.hidden_at IS NULL
	UNION ALL SELECT 2, c.slug, c.slug, '', greatest(c.updated_at, max(j.updated_at))
		FROM companies c JOIN jobs j ON j.company_id = c.id AND j.status = 'active' AND j.expires_at > ?0 AND j.hidden_at IS NULL
		GROUP BY c.id
	UNION ALL SELECT 3, system || ' ' || code, system, code, updated_at FROM codes`

// SitemapCount is the number of URLs the sitemap lists.
func SitemapCount(ctx context.Context, db bun.IDB, now time.Time) (int, error) {
	var n int
	err := db.NewRaw(`SELECT count(*) FROM (`+sitemapEntries+`) e`, now).Scan(ctx, &n)
	return n, err
}

// SitemapURLs returns the URLs of one sitemap file (page counts from 1).
func SitemapURLs(ctx context.Context, db bun.IDB, now time.Time, page int) ([]SitemapURL, error) {
	var rows []struct {
		Part    int
		A, B    string
		LastMod time.Time `bun:",nullzero"`
	}
	err := db.NewRaw(`SELECT part, a, b, last_mod FROM (`+sitemapEntries+`) e ORDER BY part, k LIMIT ?1 OFFSET ?2`,
		now, SitemapPageSize, (max(page, 1)-1)*SitemapPageSize).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make([]SitemapURL, len(rows))
	for i, r := range rows {
		out[i].LastMod = r.LastMod
		switch r.Part {
		case 0:
			out[i].Path = r.A
		case 1:
			out[i].Path = "/jobs/" + r.A + "/" + url.PathEscape(r.B)
		case 2:
			out[i].Path = (&Company{Slug: url.PathEscape(r.A)}).Path()
		case 3:
			out[i].Path = (&Code{System: r.A, Code: r.B}).Path()
		}
	}
	return out, nil
}
