package models

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Alert frequencies of a saved search.
const (
	AlertInstant = "instant"
	AlertDaily   = "daily"
	AlertWeekly  = "weekly"
)

const (
	// AlertMaxJobs is the most jobs one alert email lists; it links to the rest.
	AlertMaxJobs = 20
	// instantLookback: an instant alert considers jobs published this recently
	// (and after the search was saved). The window overlaps between runs on
	// purpose: a job whose approval commits late is still found, and
	// alert_sends keeps it from being sent twice.
	instantLookback = 24 * time.Hour
	// digestSettle: a digest takes jobs published up to this long before the
	// run, so a job approved in a transaction still open at the run is never
	// skipped by last_digest_at moving past it.
	digestSettle = 5 * time.Minute
	// digestSlack lets an hourly schedule send a daily digest every 24 hours
	// without drifting.
	digestSlack = 10 * time.Minute
	// matchBatch is how many distinct searches one matching statement runs.
	matchBatch = 100
)

var digestPeriods = map[string]time.Duration{AlertDaily: 24 * time.Hour, AlertWeekly: 7 * 24 * time.Hour}

// AlertSearch is a confirmed, unpaused saved search due for an alert.
type AlertSearch struct {
	ID           int64     `bun:"id"`
	Email        string    `bun:"email"`
	Name         string    `bun:"name"`
	Query        string    `bun:"query"`
	Frequency    string    `bun:"frequency"`
	LastDigestAt time.Time `bun:"last_digest_at"`
}

// Filter is the search as the jobs page reads it.
func (s AlertSearch) Filter() JobFilter {
	v, _ := url.ParseQuery(s.Query)
	return ParseJobFilter(v)
}

// window is the publication span (since, until] whose jobs are new to s.
func (s AlertSearch) window(now time.Time) (since, until time.Time) {
	if s.Frequency == AlertInstant {
		return latest(s.LastDigestAt, now.Add(-instantLookback)), now
	}
	return s.LastDigestAt, DigestUntil(now)
}

// DigestUntil is where a digest run at now stops, and what it sets
// last_digest_at to.
func DigestUntil(now time.Time) time.Time { return now.Add(-digestSettle) }

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// DueAlertSearches lists the searches of a frequency whose alert is due at
// now: every instant one, and digests whose period has passed.
func DueAlertSearches(ctx context.Context, db bun.IDB, frequency string, now time.Time) ([]AlertSearch, error) {
	var ss []AlertSearch
	q := db.NewSelect().Table("saved_searches").
		Column("id", "email", "name", "query", "frequency", "last_digest_at").
		Where("frequency = ? AND NOT paused AND confirmed_at IS NOT NULL", frequency).Order("id")
	if p, ok := digestPeriods[frequency]; ok {
		q = q.Where("last_digest_at <= ?", now.Add(-p+digestSlack))
	}
	return ss, q.Scan(ctx, &ss)
}

type alertMatch struct {
	SearchID    int64     `bun:"search_id"`
	JobID       int64     `bun:"job_id"`
	PublishedAt time.Time `bun:"published_at"`
}

// MatchAlerts finds, for each search, the live jobs new to it and not yet
// sent to it, newest first. Searches with the same query share one filter;
// up to matchBatch filters run as one UNION ALL statement, each joined to the
// ids and windows of its searches, so the statement count grows with the
// number of distinct queries divided by matchBatch, never with jobs.
func MatchAlerts(ctx context.Context, db bun.IDB, searches []AlertSearch, now time.Time) (map[int64][]int64, error) {
	groups := map[string][]AlertSearch{}
	var queries []string
	for _, s := range searches {
		if _, ok := groups[s.Query]; !ok {
			queries = append(queries, s.Query)
		}
		groups[s.Query] = append(groups[s.Query], s)
	}
	filters := make(map[string]JobFilter, len(queries))
	var texts []string
	for _, q := range queries {
		f := groups[q][0].Filter()
		filters[q] = f
		if hasWord(f.Text) && !slices.Contains(texts, f.Text) {
			texts = append(texts, f.Text)
		}
	}
	tsqs, err := textQueries(ctx, db, texts)
	if err != nil {
		return nil, err
	}
	var rows []alertMatch
	for start := 0; start < len(queries); start += matchBatch {
		var union *bun.SelectQuery
		for _, q := range queries[start:min(start+matchBatch, len(queries))] {
			f := filters[q]
			sq := matchQuery(db, f, tsqs[f.Text], groups[q], now)
			if union == nil {
				union = sq
			} else {
				union = union.UnionAll(sq)
			}
		}
		var got []alertMatch
		if err := union.Scan(ctx, &got); err != nil {
			return nil, err
		}
		rows = append(rows, got...)
	}
	slices.SortFunc(rows, func(a, b alertMatch) int {
		if c := b.PublishedAt.Compare(a.PublishedAt); c != 0 {
			return c
		}
		return int(b.JobID - a.JobID)
	})
	out := make(map[int64][]int64)
	for _, r := range rows {
		out[r.SearchID] = append(out[r.SearchID], r.JobID)
	}
	return out, nil
}

// matchQuery selects (search, job) pairs for the searches ss sharing filter f.
func matchQuery(db bun.IDB, f JobFilter, tsq string, ss []AlertSearch, now time.Time) *bun.SelectQuery {
	ids := make([]int64, len(ss))
	sinces := make([]time.Time, len(ss))
	untils := make([]time.Time, len(ss))
	oldest := now
	for i, s := range ss {
		ids[i] = s.ID
		sinces[i], untils[i] = s.window(now)
		if sinces[i].Before(oldest) {
			oldest = sinces[i]
		}
	}
	q := db.NewSelect().TableExpr("jobs AS job").
		ColumnExpr("s.id AS search_id, job.id AS job_id, job.published_at").
		Join(`JOIN unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[]) AS s(id, since, until)
			ON job.published_at > s.since AND job.published_at <= s.until`,
			pgdialect.Array(ids), pgdialect.Array(sinces), pgdialect.Array(untils)).
		// A constant bound lets the planner walk jobs_live_idx over new jobs only.
		Where("job.published_at > ?", oldest).
		Where("NOT EXISTS (SELECT 1 FROM alert_sends a WHERE a.saved_search_id = s.id AND a.job_id = job.id)")
	return f.liveMatches(q, madeWords(tsq), now, "")
}

// textQueries turns every distinct search text into a tsquery in one
// statement (see textQuery).
func textQueries(ctx context.Context, db bun.IDB, texts []string) (map[string]string, error) {
	out := map[string]string{}
	if len(texts) == 0 {
		return out, nil
	}
	var rows []struct {
		T   string `bun:"t"`
		TSQ string `bun:"tsq"`
	}
	err := db.NewRaw(`SELECT t, websearch_to_tsquery('english', t)::text AS tsq FROM unnest(?::text[]) AS t`,
		pgdialect.Array(texts)).Scan(ctx, &rows)
	for _, r := range rows {
		out[r.T] = r.TSQ
	}
	return out, err
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Alert is one email's worth of new jobs for a saved search.
type Alert struct {
	Search AlertSearch
	Jobs   []Job // newest first, live when claimed, at most AlertMaxJobs
	More   int   // further matching jobs the email only links to
}

// ClaimAlerts, inside the transaction that queues the emails, turns matches
// (from MatchAlerts) into alerts for searches: it locks each search (and
// skips one paused or deleted meanwhile), re-checks that every job is still
// live and keeps it so until commit, and logs each job in alert_sends. A job
// already logged for a search is dropped, so a job reaches a search at most
// once however runs overlap; a crash before commit logs nothing.
func ClaimAlerts(ctx context.Context, tx bun.IDB, searches []AlertSearch, matches map[int64][]int64, now time.Time) ([]Alert, error) {
	var ids, jobIDs []int64
	for _, s := range searches {
		if len(matches[s.ID]) > 0 {
			ids = append(ids, s.ID)
			jobIDs = append(jobIDs, matches[s.ID]...)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var open []int64
	err := tx.NewSelect().Table("saved_searches").Column("id").
		Where("id IN (?) AND NOT paused AND confirmed_at IS NOT NULL", bun.In(ids)).
		Order("id").For("UPDATE").Scan(ctx, &open)
	if err != nil {
		return nil, err
	}
	// Searches share most of their jobs: read each job once.
	slices.Sort(jobIDs)
	jobIDs = slices.Compact(jobIDs)
	var jobs []Job
	q := tx.NewSelect().Model(&jobs).ColumnExpr(jobColumns).Where("job.id = ANY(?::bigint[])", pgdialect.Array(jobIDs))
	err = JobFilter{}.liveMatches(q, words{}, now, "").Order("job.id").For("SHARE OF job").Scan(ctx)
	if err != nil {
		return nil, err
	}
	live := make(map[int64]Job, len(jobs))
	for _, j := range jobs {
		live[j.ID] = j
	}
	var alerts []Alert
	var pairS, pairJ []int64
	for _, s := range searches {
		if !slices.Contains(open, s.ID) {
			continue
		}
		a := Alert{Search: s}
		for _, id := range matches[s.ID] {
			if j, ok := live[id]; !ok {
				continue
			} else if len(a.Jobs) < AlertMaxJobs {
				a.Jobs = append(a.Jobs, j)
				pairS, pairJ = append(pairS, s.ID), append(pairJ, id)
			} else {
				a.More++
			}
		}
		if len(a.Jobs) > 0 {
			alerts = append(alerts, a)
		}
	}
	if len(pairS) == 0 {
		return nil, nil
	}
	var logged []struct {
		SearchID int64 `bun:"saved_search_id"`
		JobID    int64 `bun:"job_id"`
	}
	err = tx.NewRaw(`INSERT INTO alert_sends (saved_search_id, job_id, sent_at)
		SELECT s, j, ? FROM unnest(?::bigint[], ?::bigint[]) AS p(s, j)
		ON CONFLICT DO NOTHING RETURNING saved_search_id, job_id`,
		now, pgdialect.Array(pairS), pgdialect.Array(pairJ)).Scan(ctx, &logged)
	if err != nil {
		return nil, err
	}
	sent := make(map[[2]int64]bool, len(logged))
	for _, l := range logged {
		sent[[2]int64{l.SearchID, l.JobID}] = true
	}
	out := alerts[:0]
	for _, a := range alerts {
		a.Jobs = slices.DeleteFunc(a.Jobs, func(j Job) bool { return !sent[[2]int64{a.Search.ID, j.ID}] })
		if len(a.Jobs) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// AdvanceDigests records that the searches' digests ran up to until: the
// next digest holds only jobs published after it.
func AdvanceDigests(ctx context.Context, db bun.IDB, ids []int64, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.NewUpdate().Table("saved_searches").Set("last_digest_at = ?", until).
		Where("id IN (?) AND frequency <> ? AND last_digest_at < ?", bun.In(ids), AlertInstant, until).Exec(ctx)
	return err
}
