package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
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
	var page JobPage
	tsq, err := textQuery(ctx, db, f.Text)
	if err != nil {
		return page, err
	}
	ranked := tsq != "" && f.Order() == SortRelevance
	cur := decodeCursor(f.Cursor, now)
	start := mark{Sec: cur.Sec, Pos: cur.Pos}
	if cur.Pos == nil { // later pages repeat the first page's count
		if cur.Total, cur.Capped, err = countMatches(ctx, db, f, tsq, now); err != nil {
			return page, err
		}
	}
	var rows []searchRow
	for sec := cur.Sec; sec < len(sections) && len(rows) <= limit; sec++ {
		s := sections[sec]
		after := cur.Pos != nil && sec == cur.Sec
		var got []searchRow
		switch {
		case s.ranked && !ranked:
			continue
		case s.ranked:
			got, err = rankedSection(ctx, db, f, tsq, now, &cur, s, after, limit+1-len(rows))
		default:
			got, err = tailSection(ctx, db, f, tsq, now, &cur, s, ranked, after, limit+1-len(rows))
		}
		if err != nil {
			return page, err
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
	return page, attachCompanies(ctx, db, page.Jobs)
}

// groupOf keeps featured jobs (as of the first page, so a job whose feature
// ends between pages keeps its place) or the others.
func groupOf(q *bun.SelectQuery, featured bool, asOf time.Time) *bun.SelectQuery {
	if featured {
		return q.Where("job.featured_until > ?", asOf)
	}
	return q.Where("(job.featured_until IS NULL OR job.featured_until <= ?)", asOf)
}

// rankedSection ranks a group's newest matches. The first visit records the
// oldest candidate (the edge) in the cursor; later pages rank every match
// from the edge up, so the set stays the same when newer jobs arrive.
func rankedSection(ctx context.Context, db bun.IDB, f JobFilter, tsq string, now time.Time,
	cur *cursor, s section, after bool, n int) ([]searchRow, error) {
	g := s.group()
	cand := db.NewSelect().Model((*Job)(nil)).Column("job.id", "job.published_at").
		ColumnExpr("ts_rank_cd(job.search, ?::tsquery, 32) AS score", tsq)
	cand = groupOf(f.liveMatches(cand, tsq, now, ""), s.featured, cur.AsOf)
	if e := cur.Edges[g]; e != nil {
		cand = cand.Where("(job.published_at, job.id) >= (?, ?)", e.Pub, e.ID)
	} else {
		cand = cand.OrderExpr("job.published_at DESC, job.id DESC").Limit(rankedCandidates)
	}
	var rows []searchRow
	q := db.NewSelect().With("cand", cand).Model(&rows).ColumnExpr(jobColumns).
		ColumnExpr("cand.score").
		ColumnExpr("(SELECT count(*) FROM cand) AS cand_n").
		ColumnExpr("(SELECT c.published_at FROM cand c ORDER BY c.published_at, c.id LIMIT 1) AS edge_pub").
		ColumnExpr("(SELECT c.id FROM cand c ORDER BY c.published_at, c.id LIMIT 1) AS edge_id").
		Join("JOIN cand ON cand.id = job.id")
	if after {
		p := cur.Pos
		q = q.Where("(cand.score, job.published_at, job.id) < (?::real, ?, ?)", p.Score, p.Pub, p.ID)
	}
	err := q.OrderExpr("cand.score DESC, job.published_at DESC, job.id DESC").Limit(int64(n)).Scan(ctx)
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
func tailSection(ctx context.Context, db bun.IDB, f JobFilter, tsq string, now time.Time,
	cur *cursor, s section, ranked, after bool, n int) ([]searchRow, error) {
	var rows []searchRow
	q := db.NewSelect().Model(&rows).ColumnExpr(jobColumns)
	q = groupOf(f.liveMatches(q, tsq, now, ""), s.featured, cur.AsOf)
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

// countMatches counts live matches, stopping at SearchCountCap.
func countMatches(ctx context.Context, db bun.IDB, f JobFilter, tsq string, now time.Time) (int, bool, error) {
	sub := f.liveMatches(db.NewSelect().Model((*Job)(nil)).ColumnExpr("1"), tsq, now, "").
		Limit(SearchCountCap + 1)
	var n int
	err := db.NewSelect().TableExpr("(?) AS m", sub).ColumnExpr("count(*)").Scan(ctx, &n)
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
	q := f.liveMatches(db.NewSelect().Model(&jobs).ColumnExpr(jobColumns), tsq, now, "")
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
