package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// JobPage is one page of search results.
type JobPage struct {
	Jobs []Job
	Next string // cursor of the next page; "" on the last page
	// Prev is the cursor of the page before; HasPrev with an empty Prev
	// means the first page (no cursor), no HasPrev means no Previous link.
	Prev    string
	HasPrev bool
	Start   int // how many jobs come before this page
	// Total counts the matching live jobs up to SearchCountCap; Capped says
	// there are more (counting every match of a broad search is slow).
	Total  int
	Capped bool
}

const (
	// JobsPerPage is the search page size.
	JobsPerPage = 20
	// SearchCountCap bounds the result count and the sample facets count
	// (see JobFacets): counting every match of a broad search costs tens of
	// milliseconds at 100,000 jobs.
	SearchCountCap = 500
	// rankedCandidates: ranking every match of a common word is slow, so
	// relevance ranks the newest this many matches; older ones follow,
	// newest first.
	rankedCandidates = 500
)

// The result order is a list of sections: featured jobs, then the rest.
// With words and relevance order each group has a ranked part (its newest
// rankedCandidates matches, by rank) and a tail (older matches, newest
// first); otherwise only tails, which then hold the whole group.
type section struct{ featured, ranked bool }

var sections = []section{{true, true}, {true, false}, {false, true}, {false, false}}

func (s section) group() int {
	if s.featured {
		return 0
	}
	return 1
}

// searchRow is a job with its place in the order.
type searchRow struct {
	Job     `bun:",extend"`
	Score   float32   `bun:"score,scanonly"`
	CandN   int       `bun:"cand_n,scanonly"`
	EdgePub time.Time `bun:"edge_pub,scanonly"`
	EdgeID  int64     `bun:"edge_id,scanonly"`
	Total   int       `bun:"total,scanonly"`
	sec     int
}

// pageSize is limit when it is a sensible page (1 to 100), else def.
func pageSize(limit, def int) int {
	if limit <= 0 || limit > 100 {
		return def
	}
	return limit
}

// SearchJobs returns a page of live jobs matching f: featured jobs first,
// then by relevance or newest. f.Cursor (from JobPage.Next) continues a
// search; pages never repeat or skip a job, even when jobs are published
// between pages. limit is JobsPerPage when zero.
func SearchJobs(ctx context.Context, db bun.IDB, f JobFilter, now time.Time, limit int) (JobPage, error) {
	limit = pageSize(limit, JobsPerPage)
	w := typedWords(f.Text)
	page, err := searchPage(ctx, db, f, w, now, limit)
	if err != nil || w.none() || len(page.Jobs) > 0 || page.Total > 0 {
		return page, err
	}
	// Nothing found: when the words are stop words only ("the"), the
	// search has no words and lists every job.
	tsq, err := textQuery(ctx, db, f.Text)
	if err != nil || tsq != "" {
		return page, err
	}
	return searchPage(ctx, db, f, words{}, now, limit)
}

// searchPage is SearchJobs with the words made. Each section is one
// statement, its companies joined in; the first page's capped count rides
// along with the first statement that returns rows (PostgreSQL runs it only
// then), so a first page of featured jobs is one statement in all.
func searchPage(ctx context.Context, db bun.IDB, f JobFilter, w words, now time.Time, limit int) (JobPage, error) {
	var page JobPage
	ranked := !w.none() && f.Order() == SortRelevance
	cur := decodeCursor(f.Cursor, now)
	start := mark{Sec: cur.Sec, Pos: cur.Pos}
	var count schema.QueryAppender
	if cur.Pos == nil { // later pages repeat the first page's count
		count = cappedCount(db, f, w, now)
	}
	var rows []searchRow
	for sec := cur.Sec; sec < len(sections) && len(rows) <= limit; sec++ {
		s := sections[sec]
		after := cur.Pos != nil && sec == cur.Sec
		var got []searchRow
		var err error
		switch {
		case s.ranked && !ranked:
			continue
		case s.ranked:
			got, err = rankedSection(ctx, db, f, w, now, &cur, s, after, limit+1-len(rows), count)
		default:
			got, err = tailSection(ctx, db, f, w, now, &cur, s, ranked, after, limit+1-len(rows), count)
		}
		if err != nil {
			return page, err
		}
		if count != nil && len(got) > 0 {
			cur.Total, cur.Capped = min(got[0].Total, SearchCountCap), got[0].Total > SearchCountCap
			count = nil
		}
		for i := range got {
			got[i].sec = sec
		}
		rows = append(rows, got...)
	}
	if prev, first, ok := cur.prev(limit); ok {
		page.HasPrev = true
		if !first {
			page.Prev = prev.encode()
		}
	}
	page.Start = cur.Start
	if len(rows) > limit {
		page.Next = cur.next(start, limit, rows[limit-1]).encode()
		rows = rows[:limit]
	}
	for _, r := range rows {
		page.Jobs = append(page.Jobs, r.Job)
	}
	page.Total, page.Capped = cur.Total, cur.Capped
	return page, nil
}

// groupOf keeps featured jobs (as of the first page, so a job whose feature
// ends between pages keeps its place) or the others.
func groupOf(q *bun.SelectQuery, featured bool, asOf time.Time) *bun.SelectQuery {
	if featured {
		return q.Where("job.featured_until > ?", asOf)
	}
	return q.Where("(job.featured_until IS NULL OR job.featured_until <= ?)", asOf)
}

// sectionRows selects a section's jobs with their companies, and the
// capped count of all matches as "total" when count is not nil.
func sectionRows(db bun.IDB, rows *[]searchRow, count schema.QueryAppender) *bun.SelectQuery {
	q := db.NewSelect().Model(rows).ColumnExpr(jobColumns).Relation("Company")
	if count != nil {
		q = q.ColumnExpr("? AS total", count)
	}
	return q
}

// rankedSection ranks a group's newest matches. The first visit records the
// oldest candidate (the edge) in the cursor; later pages rank every match
// from the edge up, so the set stays the same when newer jobs arrive. Only
// the page's jobs are read whole: the candidates are ranked on their ids.
func rankedSection(ctx context.Context, db bun.IDB, f JobFilter, w words, now time.Time,
	cur *cursor, s section, after bool, n int, count schema.QueryAppender) ([]searchRow, error) {
	g := s.group()
	cand := db.NewSelect().Model((*Job)(nil)).Column("job.id", "job.published_at").
		ColumnExpr("ts_rank_cd(job.search, ?, 32) AS score", w.expr)
	cand = groupOf(f.liveMatches(cand, w, now, ""), s.featured, cur.AsOf)
	if e := cur.Edges[g]; e != nil {
		cand = cand.Where("(job.published_at, job.id) >= (?, ?)", e.Pub, e.ID)
	} else {
		cand = cand.OrderExpr("job.published_at DESC, job.id DESC").Limit(rankedCandidates)
	}
	top := db.NewSelect().TableExpr("cand").ColumnExpr("cand.*")
	if after {
		p := cur.Pos
		top = top.Where("(cand.score, cand.published_at, cand.id) < (?::real, ?, ?)", p.Score, p.Pub, p.ID)
	}
	top = top.OrderExpr("cand.score DESC, cand.published_at DESC, cand.id DESC").Limit(int64(n))
	if count != nil && s.featured && cur.Edges[g] == nil {
		// Featured jobs alone pass the cap only when the candidates are
		// full: with fewer, cappedCount's look at them would read the
		// candidates again (2 of 11 ms for q=coder&work_mode=remote&credential=CPC
		// at 100,000 jobs) to learn nothing.
		count = bun.SafeQuery("CASE WHEN (SELECT count(*) FROM cand) < ? THEN ? ELSE ? END",
			rankedCandidates, allMatches(db, f, w, now), count)
	}
	var rows []searchRow
	q := sectionRows(db, &rows, count).With("cand", cand).With("top", top).
		ColumnExpr("top.score").Join("JOIN top ON top.id = job.id")
	if cur.Edges[g] == nil {
		q = q.ColumnExpr("(SELECT count(*) FROM cand) AS cand_n").
			ColumnExpr("(SELECT c.published_at FROM cand c ORDER BY c.published_at, c.id LIMIT 1) AS edge_pub").
			ColumnExpr("(SELECT c.id FROM cand c ORDER BY c.published_at, c.id LIMIT 1) AS edge_id")
	}
	err := q.OrderExpr("top.score DESC, job.published_at DESC, job.id DESC").Scan(ctx)
	if err != nil {
		return nil, err
	}
	if cur.Edges[g] == nil {
		// No rows on a first visit means no matches at all: the tail is empty.
		e := &edge{}
		if len(rows) > 0 && rows[0].CandN >= rankedCandidates {
			e = &edge{Pub: rows[0].EdgePub, ID: rows[0].EdgeID}
		}
		cur.Edges[g] = e
	}
	return rows, nil
}

// tailSection lists a group's matches newest first: below the edge of the
// ranked part when there is one, else all of them.
func tailSection(ctx context.Context, db bun.IDB, f JobFilter, w words, now time.Time,
	cur *cursor, s section, ranked, after bool, n int, count schema.QueryAppender) ([]searchRow, error) {
	var rows []searchRow
	q := groupOf(f.liveMatches(sectionRows(db, &rows, count), w, now, ""), s.featured, cur.AsOf)
	if f.Order() == SortResponsive {
		err := byAnswers(q, cur, after).Limit(int64(n)).Scan(ctx)
		return rows, err
	}
	if ranked {
		e := cur.Edges[s.group()]
		if e == nil || e.ID == 0 { // every match was ranked
			return nil, nil
		}
		q = q.Where("(job.published_at, job.id) < (?, ?)", e.Pub, e.ID)
	}
	if after {
		q = q.Where("(job.published_at, job.id) < (?, ?)", cur.Pos.Pub, cur.Pos.ID)
	}
	err := q.OrderExpr("job.published_at DESC, job.id DESC").Limit(int64(n)).Scan(ctx)
	return rows, err
}

// cappedCount is the number of live matches up to SearchCountCap+1. With
// words, the featured jobs' small text index is asked first: when they
// alone reach the cap the count is known without listing every match of
// the words (building that list was 20 of 30 ms for q=auditor at 1,000,000
// jobs, 37,000 matches); PostgreSQL runs the full count only when needed.
func cappedCount(db bun.IDB, f JobFilter, w words, now time.Time) schema.QueryAppender {
	all := allMatches(db, f, w, now)
	if w.none() {
		return all
	}
	// In date order, as the ranked candidates are read just before: the
	// planner then walks jobs_featured_idx for a common word (already read)
	// where it would otherwise list the word's 9,000 featured matches.
	featured := groupOf(f.liveMatches(db.NewSelect().Model((*Job)(nil)).ColumnExpr("1"), w, now, ""), true, now).
		OrderExpr("job.published_at DESC, job.id DESC").Limit(SearchCountCap + 1)
	return bun.SafeQuery("CASE WHEN (SELECT count(*) FROM (?) AS m) > ? THEN ? ELSE ? END",
		featured, SearchCountCap, SearchCountCap+1, all)
}

// allMatches counts live matches up to SearchCountCap+1.
func allMatches(db bun.IDB, f JobFilter, w words, now time.Time) schema.QueryAppender {
	return bun.SafeQuery("(SELECT count(*) FROM (?) AS m)", countQuery(db, f, w, now))
}

// countQuery selects up to SearchCountCap+1 live matches.
func countQuery(db bun.IDB, f JobFilter, w words, now time.Time) *bun.SelectQuery {
	return f.liveMatches(db.NewSelect().Model((*Job)(nil)).ColumnExpr("1"), w, now, "").
		Limit(SearchCountCap + 1)
}

// countMatches counts live matches, stopping at SearchCountCap.
func countMatches(ctx context.Context, db bun.IDB, f JobFilter, w words, now time.Time) (int, bool, error) {
	var n int
	err := db.NewSelect().TableExpr("(?) AS m", countQuery(db, f, w, now)).ColumnExpr("count(*)").Scan(ctx, &n)
	return min(n, SearchCountCap), n > SearchCountCap, err
}

// LatestJobs lists live jobs matching f newest first, ignoring featuring and
// the cursor: for feeds, and for alerts with since (zero for no bound).
func LatestJobs(ctx context.Context, db bun.IDB, f JobFilter, since, now time.Time, limit int) ([]Job, error) {
	tsq, err := textQuery(ctx, db, f.Text)
	if err != nil {
		return nil, err
	}
	var jobs []Job
	q := f.liveMatches(db.NewSelect().Model(&jobs).ColumnExpr(jobColumns), madeWords(tsq), now, "")
	if !since.IsZero() {
		q = q.Where("job.published_at > ?", since)
	}
	if err := q.OrderExpr("job.published_at DESC, job.id DESC").Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, err
	}
	return jobs, attachCompanies(ctx, db, jobs)
}

// attachCompanies loads the companies of jobs in one query (cards show an
// agency label).
func attachCompanies(ctx context.Context, db bun.IDB, jobs []Job) error {
	if len(jobs) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(jobs))
	for _, j := range jobs {
		ids = append(ids, j.CompanyID)
	}
	var cs []Company
	if err := db.NewSelect().Model(&cs).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return err
	}
	byID := make(map[int64]*Company, len(cs))
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	for i := range jobs {
		jobs[i].Company = byID[jobs[i].CompanyID]
	}
	return nil
}
