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
// board). It finds them in one scan, then reads, renders and writes them a
// thousand at a time by id, so a board of a million such jobs takes
// minutes, not hours (matching each batch by its text scanned the whole
// table per batch). It reports the rows done.
func RenderStoredDescriptions(ctx context.Context, db bun.IDB) (int, error) {
	var ids []int64
	if err := db.NewRaw(`SELECT id FROM jobs WHERE description_html IS NULL ORDER BY id`).Scan(ctx, &ids); err != nil {
		return 0, err
	}
	done := 0
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 1000)]
		ids = ids[len(batch):]
		var rows []struct {
			ID          int64
			Description string
		}
		if err := db.NewRaw(`SELECT id, description FROM jobs WHERE id = ANY(?) AND description_html IS NULL`,
			pgdialect.Array(batch)).Scan(ctx, &rows); err != nil {
			return done, err
		}
		if len(rows) == 0 {
			continue
		}
		got := make([]int64, len(rows))
		sources := make([]string, len(rows))
		rendered := make([]string, len(rows))
		seen := make(map[string]string, len(rows))
		for i, r := range rows {
			html, ok := seen[r.Description]
			if !ok {
				html = RenderMarkdown(r.Description)
				seen[r.Description] = html
			}
			got[i], sources[i], rendered[i] = r.ID, r.Description, html
		}
		// A row whose text changed meanwhile keeps its own rendering.
		res, err := db.NewRaw(`UPDATE jobs j SET description_html = r.html
			FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r(id, src, html)
			WHERE j.id = r.id AND j.description = r.src AND j.description_html IS NULL`,
			pgdialect.Array(got), pgdialect.Array(sources), pgdialect.Array(rendered)).Exec(ctx)
		if err != nil {
			return done, err
		}
		n, _ := res.RowsAffected()
		done += int(n)
	}
	return done, nil
}
