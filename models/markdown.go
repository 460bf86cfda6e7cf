package models

import (
	"bytes"
	"context"
	"html"

	"github.com/microcosm-cc/bluemonday"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/yuin/goldmark"
)

// Markdown from employers is rendered with goldmark (raw HTML dropped) and
// then sanitized, so nothing a user typed can run in a reader's browser.
var (
	markdown  = goldmark.New()
	sanitizer = bluemonday.UGCPolicy().RequireNoFollowOnLinks(true).AddTargetBlankToFullyQualifiedLinks(true)
)

// RenderMarkdown turns an employer's Markdown into sanitized HTML.
func RenderMarkdown(src string) string {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		return html.EscapeString(src)
	}
	return string(sanitizer.SanitizeBytes(buf.Bytes()))
}

// RenderStoredDescriptions renders the descriptions of jobs saved without
// their HTML (before migration 0042, or written by SQL such as the synthetic
// board), a few hundred distinct texts at a time. It reports the rows done.
func RenderStoredDescriptions(ctx context.Context, db bun.IDB) (int, error) {
	done := 0
	for {
		var sources []string
		if err := db.NewRaw(`SELECT DISTINCT description FROM jobs WHERE description_html IS NULL LIMIT 500`).
			Scan(ctx, &sources); err != nil || len(sources) == 0 {
			return done, err
		}
		rendered := make([]string, len(sources))
		for i, src := range sources {
			rendered[i] = RenderMarkdown(src)
		}
		res, err := db.NewRaw(`UPDATE jobs j SET description_html = r.html
			FROM unnest(?::text[], ?::text[]) AS r(src, html)
			WHERE j.description_html IS NULL AND j.description = r.src`,
			pgdialect.Array(sources), pgdialect.Array(rendered)).Exec(ctx)
		if err != nil {
			return done, err
		}
		n, _ := res.RowsAffected()
		done += int(n)
	}
}
