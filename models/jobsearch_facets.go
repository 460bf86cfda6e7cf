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
	if !w.none() && len(order) > 1 {
		n, whole, err := countSamples(ctx, db, f, now, order, samples, wordScan{f: f, w: w})
		if err != nil || whole {
			return n, err
		}
	}
	n, _, err := countSamples(ctx, db, f, now, order, samples, eachScan{f: f, w: w})
	return n, err
}

// countSamples counts each sample's dimensions; whole is false when a
// sample may have been cut short (see wordScan).
func countSamples(ctx context.Context, db bun.IDB, f JobFilter, now time.Time, order []string,
	samples map[string][]string, scan sampleScan) (map[[2]string]int, bool, error) {
	ctes, args := scan.with(db, now)
	var selects, names []string
	for i, except := range order {
		name := "s" + strconv.Itoa(i)
		ctes = append(ctes, name+" AS MATERIALIZED (?)")
		args = append(args, scan.sample(db, now, except))
		names = append(names, name)
		for _, d := range samples[except] {
			selects = append(selects, fmt.Sprintf(facetCounts[d], name))
		}
	}
	selects = append(selects, scan.tail(names)...)
	var counts []struct {
		Dim, Value string
		N          int
	}
	err := db.NewRaw("WITH "+strings.Join(ctes, ", ")+" "+strings.Join(selects, " UNION ALL "), args...).
		Scan(ctx, &counts)
	n := map[[2]string]int{}
	whole := true
	for _, c := range counts {
		switch {
		case c.Dim == "m":
			whole = c.N < wordScanRows
		case c.N > 0:
			n[[2]string{c.Dim, c.Value}] = c.N
		}
	}
	return n, whole, err
}

// sampleScan is how the samples find their jobs.
type sampleScan interface {
	with(db bun.IDB, now time.Time) ([]string, []any) // statements the samples read
	sample(db bun.IDB, now time.Time, except string) *bun.SelectQuery
	tail(samples []string) []string // rows to add to the counts
}

// sampleColumns are what the counts read of a job.
func sampleColumns(q *bun.SelectQuery, now time.Time) *bun.SelectQuery {
	return q.Column("job.work_mode", "job.employment_type", "job.settings", "job.specialties",
		"job.code_sets", "job.credentials", "job.apprentice_ok").
		ColumnExpr("extract(epoch FROM ?::timestamptz - job.published_at) / 86400 AS age", now)
}

// eachScan: every sample reads the table on its own. Without words they
// are the newest jobs, read from the covering index alone. With words any
// matches do: the text index (or a scan of the table, for a common word)
// finds them faster than a walk in date order.
type eachScan struct {
	f JobFilter
	w words
}

func (eachScan) with(bun.IDB, time.Time) ([]string, []any) { return nil, nil }
func (eachScan) tail([]string) []string                    { return nil }

func (s eachScan) sample(db bun.IDB, now time.Time, except string) *bun.SelectQuery {
	q := s.f.liveMatches(sampleColumns(db.NewSelect().Model((*Job)(nil)), now), s.w, now, except).
		Limit(SearchCountCap)
	if s.w.none() {
		q = q.OrderExpr("job.published_at DESC, job.id DESC")
	}
	return q
}

// wordScanRows bounds the one pass of wordScan.
const wordScanRows = 10 * SearchCountCap

// wordScan: the samples of a search with words and filters read one pass
// m over the matches of the words that pass every filter but one at most,
// each flagged per dimension filter (k0, k1, …). Each sample takes the
// rows it wants in the order m finds them and stops when it has its fill,
// so the table is read once, as far as the sample that needs the most rows
// (measured: 1,800 rows of m instead of 10,500 jobs read by three samples of
// q=coder&work_mode=remote&credential=CPC). m stops at wordScanRows, which
// tells PostgreSQL to read the table from the start for a common word
// rather than list all its matches first; when a sample came out short and
// m had that many rows, tail's row says so and eachScan counts again.
type wordScan struct {
	f JobFilter
	w words
}

func (s wordScan) with(db bun.IDB, now time.Time) ([]string, []any) {
	q := sampleColumns(db.NewSelect().Model((*Job)(nil)), now)
	dims := s.f.dimConditions(now)
	for i, c := range dims {
		q = q.ColumnExpr("(?) IS TRUE AS k"+strconv.Itoa(i), c.cond)
	}
	q = s.f.otherConditions(whereLive(q, now).Where("job.search @@ ?", s.w.expr))
	if len(dims) > 1 { // all but one: some i with every condition except i's
		var alts []string
		var args []any
		for i := range dims {
			var all []string
			for j, c := range dims {
				if j != i {
					all, args = append(all, "?"), append(args, c.cond)
				}
			}
			alts = append(alts, "("+strings.Join(all, " AND ")+")")
		}
		q = q.Where("("+strings.Join(alts, " OR ")+")", args...)
	}
	return []string{"m AS MATERIALIZED (?)"}, []any{q.Limit(wordScanRows)}
}

func (s wordScan) sample(db bun.IDB, now time.Time, except string) *bun.SelectQuery {
	q := db.NewSelect().TableExpr("m").ColumnExpr("m.*")
	for i, c := range s.f.dimConditions(now) {
		if c.dim != except {
			q = q.Where("m.k" + strconv.Itoa(i))
		}
	}
	return q.Limit(SearchCountCap)
}

// tail counts m only when a sample is short, when m has been read to its
// end already (the condition is checked once, before m is read further).
func (wordScan) tail(samples []string) []string {
	var short []string
	for _, s := range samples {
		short = append(short, "(SELECT count(*) FROM "+s+") < "+strconv.Itoa(SearchCountCap))
	}
	return []string{"SELECT 'm', 'rows', count(*) FROM m WHERE " + strings.Join(short, " OR ")}
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
