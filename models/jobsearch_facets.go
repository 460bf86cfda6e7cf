package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Facet is one value of a filter in the sidebar, with the number of live
// jobs it would find under the other filters.
type Facet struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// FacetDims are the counted filters, in sidebar order.
var FacetDims = []string{DimWorkMode, DimSetting, DimCredential, DimEmploymentType, DimSpecialty,
	DimCodeSet, DimCPCA, DimPosted}

// facetCounts is, per dimension, the statement that lists one value per
// sample row (arrays unnest to several).
var facetCounts = map[string]string{
	DimWorkMode:       "SELECT 'work_mode' AS dim, work_mode AS value, count(*) AS n FROM %s GROUP BY 2",
	DimEmploymentType: "SELECT 'employment_type', employment_type, count(*) FROM %s GROUP BY 2",
	DimSetting:        "SELECT 'setting', v, count(*) FROM %s, unnest(settings) v GROUP BY 2",
	DimSpecialty:      "SELECT 'specialty', v, count(*) FROM %s, unnest(specialties) v GROUP BY 2",
	DimCodeSet:        "SELECT 'code_set', v, count(*) FROM %s, unnest(code_sets) v GROUP BY 2",
	DimCredential:     "SELECT 'credential', v, count(*) FROM %s, unnest(credentials) v GROUP BY 2",
	DimCPCA:           "SELECT 'cpca', '1', count(*) FROM %s WHERE apprentice_ok",
	DimPosted:         "SELECT 'posted', d::text, count(*) FROM %s, unnest('{1,7,30}'::int[]) d WHERE age < d GROUP BY 2",
}

// JobFacets counts, for each dimension of FacetDims, the live jobs per value
// that match every OTHER filter of f (standard faceting: ticking a value
// shows what its neighbours would add).
//
// Counting every match of a broad search is slow at scale (about 50 ms per
// dimension at 100,000 jobs), so counts are taken over a sample of
// SearchCountCap matches (the newest, for searches without words): exact
// below that, a sample above it (the page says so whenever JobPage.Capped).
// With the covering index of shown jobs (migration 0051) a sample costs a
// few milliseconds.
func JobFacets(ctx context.Context, db bun.IDB, f JobFilter, now time.Time) (map[string][]Facet, error) {
	w := typedWords(f.Text)
	n, err := sampleCounts(ctx, db, f, w, now)
	if err == nil && !w.none() && len(n) == 0 {
		// Nothing found: when the words are stop words only ("the"), the
		// search has no words and counts every job.
		var tsq string
		if tsq, err = textQuery(ctx, db, f.Text); err == nil && tsq == "" {
			n, err = sampleCounts(ctx, db, f, words{}, now)
		}
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]Facet{}
	for _, d := range FacetDims {
		chosen := f.values(d)
		for _, t := range facetTerms(d) {
			out[d] = append(out[d], Facet{Value: t.Value, Label: t.Label, Count: n[[2]string{d, t.Value}],
				Selected: slices.Contains(chosen, t.Value)})
		}
	}
	return out, nil
}

// sampleCounts counts the samples' values in one statement: the counts by
// dimension and value, without the zeros.
func sampleCounts(ctx context.Context, db bun.IDB, f JobFilter, w words, now time.Time) (map[[2]string]int, error) {
	// One sample under all filters counts the dimensions without a choice;
	// each dimension with a choice gets a sample without its own filter.
	samples := map[string][]string{}
	var order []string // the samples in a fixed order, for readable logs
	for _, d := range FacetDims {
		except := ""
		if f.has(d) {
			except = d
		}
		if samples[except] == nil {
			order = append(order, except)
		}
		samples[except] = append(samples[except], d)
	}
	var ctes, selects []string
	var args []any
	for i, except := range order {
		name, dims := "s"+strconv.Itoa(i), samples[except]
		q := db.NewSelect().Model((*Job)(nil)).
			Column("job.work_mode", "job.employment_type", "job.settings", "job.specialties",
				"job.code_sets", "job.credentials", "job.apprentice_ok").
			ColumnExpr("extract(epoch FROM ?::timestamptz - job.published_at) / 86400 AS age", now)
		q = f.liveMatches(q, w, now, except).Limit(SearchCountCap)
		if w.none() {
			// The newest jobs, read from the covering index alone. With
			// words, any matches do: the text index finds them faster
			// than a walk in date order.
			q = q.OrderExpr("job.published_at DESC, job.id DESC")
		}
		ctes = append(ctes, name+" AS MATERIALIZED (?)")
		args = append(args, q)
		for _, d := range dims {
			selects = append(selects, fmt.Sprintf(facetCounts[d], name))
		}
	}
	var counts []struct {
		Dim, Value string
		N          int
	}
	err := db.NewRaw("WITH "+strings.Join(ctes, ", ")+" "+strings.Join(selects, " UNION ALL "), args...).
		Scan(ctx, &counts)
	n := map[[2]string]int{}
	for _, c := range counts {
		if c.N > 0 {
			n[[2]string{c.Dim, c.Value}] = c.N
		}
	}
	return n, err
}

// facetTerms are the values a dimension offers.
func facetTerms(dim string) []Term {
	switch dim {
	case DimWorkMode:
		return WorkModes
	case DimEmploymentType:
		return EmploymentTypes
	case DimSetting:
		return Settings
	case DimSpecialty:
		return Specialties
	case DimCodeSet:
		return CodeSystems
	case DimCredential:
		return Credentials
	case DimCPCA:
		return []Term{{"1", "CPC-A considered"}}
	case DimPosted:
		return []Term{{"1", "Last day"}, {"7", "Last 7 days"}, {"30", "Last 30 days"}}
	}
	return nil
}

// values are the chosen values of a dimension, as URL values.
func (f JobFilter) values(dim string) []string {
	return f.Query()[dim]
}

// has reports a dimension with a choice.
func (f JobFilter) has(dim string) bool { return len(f.values(dim)) > 0 }
