package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// SuggestJobSearch returns the words of f with each word that no job has
// replaced by the most similar word that one has (trigram similarity,
// pg_trgm's default 0.3 at least; the more common word on a tie), when that
// search finds live jobs: "radiolgy coder" → "radiology coder". It returns
// "" when there is nothing better to offer.
func SuggestJobSearch(ctx context.Context, db bun.IDB, f JobFilter, now time.Time) (string, error) {
	typed := typoWords(f.Text)
	if len(typed) == 0 {
		return "", nil
	}
	var fixed []string
	err := db.NewRaw(`SELECT coalesce(
			(SELECT v.word FROM job_words v WHERE v.word = t.w),
			(SELECT v.word FROM job_words v WHERE v.word % t.w
				ORDER BY similarity(v.word, t.w) DESC, v.jobs DESC, v.word LIMIT 1),
			t.w)
		FROM unnest(?::text[]) WITH ORDINALITY AS t(w, i) ORDER BY t.i`,
		pgdialect.Array(typed)).Scan(ctx, &fixed)
	if err != nil || slices.Equal(fixed, typed) {
		return "", err
	}
	words := wordChars.FindAllString(strings.ToLower(f.Text), -1)
	for i, w := range words {
		if j := slices.Index(typed, w); j >= 0 {
			words[i] = fixed[j]
		}
	}
	f.Text, f.Cursor = strings.Join(words, " "), ""
	tsq, err := textQuery(ctx, db, f.Text)
	if err != nil {
		return "", err
	}
	n, _, err := countMatches(ctx, db, f, madeWords(tsq), now)
	if err != nil || n == 0 {
		return "", err
	}
	return f.Text, nil
}
