package models

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"
)

// JobText is what the near-duplicate check compares of a job.
type JobText struct{ Title, Company, Description string }

// shingleSize is how many consecutive words make one shingle. Two words
// survive light edits (a changed word breaks only two shingles) while still
// telling apart two jobs that merely share vocabulary.
const shingleSize = 2

// DuplicateThreshold is the shingle similarity (Jaccard) from which a job
// counts as a near-duplicate. It sits between the reposts and the distinct
// jobs of one company in the labelled corpus of duplicate_test.go: reposts
// with light edits score 0.55 and up there, distinct jobs of the same
// company (sharing its name and boilerplate) at most 0.35.
const DuplicateThreshold = 0.45

// duplicatePrefilter is the trigram similarity of title and description
// that picks the candidates to compare: far below any repost's, so the
// index narrows the search without deciding it.
const duplicatePrefilter = 0.3

// duplicateCandidates caps how many of the most similar jobs are compared.
const duplicateCandidates = 50

// duplicateWindow is how far back live and past jobs are compared.
const duplicateWindow = 90 * 24 * time.Hour

// TextSimilarity is the Jaccard similarity of the two jobs' word shingles
// over their normalized title, company name and description: 1 for the same
// text, 0 for nothing in common.
func TextSimilarity(a, b JobText) float64 {
	return jaccard(shingles(a), shingles(b))
}

// normalizedWords lowercases the text and keeps its words: punctuation,
// Markdown and numbers (pay, phone numbers, dates are the first things a
// reposter changes) are dropped.
func normalizedWords(t JobText) []string {
	text := strings.ToLower(t.Title + " " + t.Company + " " + t.Description)
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
}

func shingles(t JobText) map[string]bool {
	words := normalizedWords(t)
	set := make(map[string]bool, len(words))
	if len(words) < shingleSize {
		if len(words) > 0 {
			set[strings.Join(words, " ")] = true
		}
		return set
	}
	for i := 0; i+shingleSize <= len(words); i++ {
		set[strings.Join(words[i:i+shingleSize], " ")] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	common := 0
	for s := range a {
		if b[s] {
			common++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// nearDuplicateExists reports another company's recent job, or any
// rejected job, whose text is a near-duplicate of j's (a scam posted again
// under a new name or after its rejection); the company's own live jobs may
// be duplicated. The trigram index finds the candidates, the shingles decide.
func nearDuplicateExists(ctx context.Context, tx bun.IDB, j *Job, companyName string, now time.Time) (bool, error) {
	if _, err := tx.NewRaw(`SELECT set_config('pg_trgm.similarity_threshold', ?, true)`,
		strconv.FormatFloat(duplicatePrefilter, 'f', 2, 64)).Exec(ctx); err != nil {
		return false, err
	}
	var candidates []JobText
	text := j.Title + " " + j.Description
	err := tx.NewSelect().Model((*Job)(nil)).
		ColumnExpr("title, company_name AS company, description").
		Where("id <> ?", j.ID).
		Where("(status = ? OR (company_id <> ? AND status NOT IN (?, ?) AND coalesce(submitted_at, created_at) > ?))",
			JobRejected, j.CompanyID, JobDraft, JobPendingPayment, now.Add(-duplicateWindow)).
		Where("(title || ' ' || description) % ?", text).
		OrderExpr("similarity(title || ' ' || description, ?) DESC", text).
		Limit(duplicateCandidates).Scan(ctx, &candidates)
	if err != nil {
		return false, err
	}
	mine := shingles(JobText{Title: j.Title, Company: companyName, Description: j.Description})
	for _, c := range candidates {
		if jaccard(mine, shingles(c)) >= DuplicateThreshold {
			return true, nil
		}
	}
	return false, nil
}
