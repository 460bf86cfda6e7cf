package models

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// KeptJobPage is a job page as every guest sees it, drawn once and kept in
// job_pages for every process (migration 0047), so that a guest's read of a
// job page is one statement (GuestJobPage) rather than three statements
// and a 30 KB render.
type KeptJobPage struct {
	JobID      int64
	CompanyID  int64     // the job's company, whose changes drop the page
	DrawnFor   string    // the build and address it was drawn by; another never uses it
	DrawnAt    time.Time // the database's time before anything shown was read (KeptPageDrawnAt)
	ValidUntil time.Time // when it changes by the clock alone (KeptPageValidUntil)
	RelatedAt  time.Time // the ranking of similar jobs shown; zero for none
	RelatedIDs []int64   // every job of that ranking, shown or not
	// Head and Body are the page's head and body as the web process
	// compressed them (handlers' keptCodec); stored and read as they are.
	Head, Body []byte
}

// KeptPageMaxAge bounds how long a kept page is used at all (its similar
// jobs are ranked again daily anyway, which also redraws it).
const KeptPageMaxAge = RelatedMaxAge

// KeptPageDrawnAt is the drawn_at of a page drawn after a read at the
// database's time at: earlier by keptPageMargin, so that a change whose
// transaction began before the read but committed after it (and so was not
// seen) still counts as newer than the page.
func KeptPageDrawnAt(at time.Time) time.Time { return at.Add(-keptPageMargin) }

// keptPageMargin is longer than any transaction that writes a job or a
// company, and than a process keeps what a page shows (SearchCacheTTL: a
// page may be drawn from a job or company another process changed since);
// a page drawn this soon after such a change is not stored (KeepJobPages)
// and is drawn again at its next read.
const keptPageMargin = 30 * time.Second

// KeptPageValidUntil is when a page drawn at drawnAt stops fitting by the
// clock alone: when its job or a similar job it shows expires or stops
// being featured, or at KeptPageMaxAge. (Its figures are not kept: they
// are put in at each read.)
func KeptPageValidUntil(drawnAt time.Time, j *Job, shown []Job) time.Time {
	until := drawnAt.Add(KeptPageMaxAge)
	earlier := func(t time.Time) {
		if !t.IsZero() && t.After(drawnAt) && t.Before(until) {
			until = t
		}
	}
	earlier(j.ExpiresAt)
	earlier(j.FeaturedUntil)
	for i := range shown {
		earlier(shown[i].ExpiresAt)
		earlier(shown[i].FeaturedUntil)
	}
	return until
}

// GuestJobRead is a guest's read of a job page: the job's few columns that
// decide what the page is, its kept page when one still fits, and the code
// page views the guest has left (what the header shows).
type GuestJobRead struct {
	Job       *Job
	Page      *KeptJobPage // nil: none kept, or what it shows has changed since
	At        time.Time    // the database's time of the read
	ViewsLeft int
}

// guestJobColumns are what decides a job page without drawing it: its
// state, address and owner (handlers' showJob), and what its figures
// compare (JobPayGroups.StandingFor) and whether it shows answer figures.
// GuestJobPage scans them in this order.
var guestJobColumns = []string{"id", "company_id", "status", "title", "slug", "expires_at", "hidden_at",
	"apply_method", "work_mode", "settings", "credentials_required", "salary_min", "salary_max", "salary_period"}

// GuestJobPage reads job id with its kept page, when one drawn for drawnFor
// is still valid at now and nothing it shows has changed since it was
// drawn: the job, its company or logo, the ranking of its similar jobs or
// any job of that ranking; and guest v's views left (RemainingViews). A
// kept page carries the job's columns (migration 0053), so when one fits
// the read is one statement on its row alone, prepared once per
// connection: one round trip for the page. When none fits, a second
// statement reads the job's row.
func GuestJobPage(ctx context.Context, db bun.IDB, id int64, drawnFor string, now time.Time, v Viewer) (GuestJobRead, error) {
	if v.User != nil {
		return GuestJobRead{}, errors.New("GuestJobPage: the viewer is signed in")
	}
	// A guest without a key (no cookie) is counted by address alone: its
	// statements leave the key's count out (a constant the planner drops),
	// as every node of a plan is set up at each run, used or not.
	k, meter := viewsUsedArgs(v)
	args := append([]any{id, drawnFor, now, Period(now)}, meter...)
	read, used, err := scanGuestJob(ctx, db, guestPageTexts[k].get(func() string {
		return `SELECT p.job_id, ` + columnList("p.", guestJobColumns[1:]) + `, p.head, p.body, p.valid_until, statement_timestamp(), ` +
			viewsUsedColumns("$4", viewsUsedKey(k, 6), "$5") + `
			FROM job_pages p WHERE p.job_id = $1 AND ` + keptPageFitsRead
	}), args...)
	if errors.Is(err, ErrNotFound) {
		read, used, err = scanGuestJob(ctx, db, guestJobTexts[k].get(func() string {
			return `SELECT ` + columnList("job.", guestJobColumns) + `, NULL::bytea, NULL::bytea, NULL::timestamptz, statement_timestamp(), ` +
				viewsUsedColumns("$2", viewsUsedKey(k, 4), "$3") + `
				FROM jobs job WHERE job.id = $1`
		}), append([]any{id}, args[3:]...)...)
	}
	if err != nil {
		return GuestJobRead{}, err
	}
	read.ViewsLeft = max(v.limit()-used, 0)
	if read.Page != nil {
		read.Page.DrawnFor = drawnFor
	}
	return read, nil
}

// guestPageTexts and guestJobTexts are GuestJobPage's statements, for a
// guest without a key and with one.
var guestPageTexts, guestJobTexts [2]onceText

// scanGuestJob runs one of GuestJobPage's statements: the job's columns
// (guestJobColumns), the kept page's head, body and time (NULL for none),
// the database's time, and the meter's counts (the views used, returned
// apart). ErrNotFound when there is no row. Every guest's job page reads
// this way, so the row is scanned field by field (Bun's reflective scan
// was a twentieth of its Go time) and, over pgx, by pgx itself
// (queryNative): database/sql's conversions of twenty values were a
// tenth of its allocations.
func scanGuestJob(ctx context.Context, db bun.IDB, query string, args ...any) (read GuestJobRead, used int, err error) {
	var g guestJobRow
	found := false
	ok, err := queryNative(ctx, db, query, args, func(rows pgx.Rows) error {
		if found = rows.Next(); !found {
			return nil
		}
		return rows.Scan(g.dest(&g.job.Settings)...)
	})
	if !ok {
		found, err = g.scanSQL(ctx, db, query, args...)
	}
	if err != nil {
		return read, 0, err
	}
	if !found {
		return read, 0, ErrNotFound
	}
	return g.read()
}

// guestJobRow is a row of GuestJobPage's statements as scanned.
type guestJobRow struct {
	job                    Job
	expires, hidden, until pgtype.Timestamptz
	credentials            []byte
	head, body             []byte // nil: no kept page
	at                     time.Time
	counts                 meterState
}

// dest are the row's scan targets in the statements' column order,
// settings the target of the job's settings (pgx scans an array itself,
// database/sql through pgdialect.Array).
func (g *guestJobRow) dest(settings any) []any {
	j := &g.job
	return []any{&j.ID, &j.CompanyID, &j.Status, &j.Title, &j.Slug, &g.expires, &g.hidden,
		&j.ApplyMethod, &j.WorkMode, settings, &g.credentials, &j.SalaryMin, &j.SalaryMax, &j.SalaryPeriod,
		&g.head, &g.body, &g.until, &g.at, &g.counts.byKey, &g.counts.byIP}
}

// scanSQL scans the row through database/sql, for a handle queryNative
// does not take (a transaction).
func (g *guestJobRow) scanSQL(ctx context.Context, db bun.IDB, query string, args ...any) (bool, error) {
	rows, err := queryPrepared(ctx, db, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return false, rows.Err()
	}
	if err := rows.Scan(g.dest(pgdialect.Array(&g.job.Settings))...); err != nil {
		return false, err
	}
	return true, rows.Close()
}

// read is the row as a guest's read of the page.
func (g *guestJobRow) read() (GuestJobRead, int, error) {
	j := &g.job
	j.ExpiresAt, j.HiddenAt = g.expires.Time, g.hidden.Time // nullzero, as Bun scans them
	if len(g.credentials) > 0 {
		if err := json.Unmarshal(g.credentials, &j.CredentialsRequired); err != nil {
			return GuestJobRead{}, 0, err
		}
	}
	read := GuestJobRead{Job: j, At: g.at}
	if g.head != nil && g.body != nil {
		read.Page = &KeptJobPage{JobID: j.ID, ValidUntil: g.until.Time, Head: g.head, Body: g.body}
	}
	return read, g.counts.used(), nil
}

// keptPageFits is when the kept page p of the job aliased job still fits
// at a read: drawn for this build ($2), not past its time at $3, drawn
// after the job's last change, and showing its current ranking of similar
// jobs. The company and the similar jobs are checked when the page is
// stored (KeepJobPages), and a change to them drops the page (migration
// 0050), so a read need not look at them.
const keptPageFits = `p.drawn_for = $2 AND p.valid_until > $3
	AND job.page_changed_at < p.drawn_at
	AND p.related_at IS NOT DISTINCT FROM (SELECT r.ranked_at FROM job_related r WHERE r.job_id = job.id)`

// keptPageFitsRead is keptPageFits for a guest's read of the page of job
// $1: a change to the job drops its page (migration 0053), so only its
// ranking of similar jobs is compared.
const keptPageFitsRead = `p.drawn_for = $2 AND p.valid_until > $3
	AND p.related_at IS NOT DISTINCT FROM (SELECT r.ranked_at FROM job_related r WHERE r.job_id = $1)`

// columnList is columns, each with prefix, joined by commas.
func columnList(prefix string, columns []string) string {
	return prefix + strings.Join(columns, ", "+prefix)
}

// JobsToKeep lists up to n live jobs with ids below before, highest first,
// whose guest page drawn for drawnFor is missing or no longer fits at now,
// with the database's time of the read (the pages drawn for them are as of
// then). A walk through the board passes the last id as the next before.
func JobsToKeep(ctx context.Context, db bun.IDB, drawnFor string, now time.Time, before int64, n int) ([]int64, time.Time, error) {
	var ids []int64
	var at time.Time
	rows, err := queryPrepared(ctx, db, jobsToKeepText.get(func() string {
		return whereLiveAt(db.NewSelect().Model((*Job)(nil)).Column("id").ColumnExpr("statement_timestamp()"), bun.Safe("$3")).
			Where("job.id < $4").
			// A scalar subquery by the page's key: as NOT EXISTS the
			// planner scanned every kept page for each job.
			Where(`NOT coalesce((SELECT `+keptPageFits+` FROM job_pages p WHERE p.job_id = job.id), false)`).
			OrderExpr("job.id DESC").String() + ` LIMIT $1`
	}), n, drawnFor, now, before)
	if err != nil {
		return nil, at, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, at, err
		}
		ids = append(ids, id)
	}
	return ids, at, rows.Err()
}

var jobsToKeepText onceText

// keptPagesLock locks, for the rest of the storing transaction, the jobs
// ($1) and companies ($2) the pages show, skipping rows a change holds
// now, and lists the rows it locked. A change that comes after waits for
// the stored pages and then drops them (migration 0050); one that came
// before is seen by keptPagesWrite, which runs after the lock.
const keptPagesLock = `SELECT 'job', id FROM (SELECT id FROM jobs WHERE id = ANY ($1::bigint[]) FOR SHARE SKIP LOCKED) j
	UNION ALL SELECT 'company', id FROM (SELECT id FROM companies WHERE id = ANY ($2::bigint[]) FOR SHARE SKIP LOCKED) c`

// keptPagesWrite stores a batch of pages whose job, company and similar
// jobs have not changed since they were drawn and whose ranking of similar
// jobs is still current; a page drawn earlier than the one kept already
// (another process's) does not replace it, and pages of jobs deleted
// meanwhile are dropped.
var keptPagesWrite = `INSERT INTO job_pages (job_id, drawn_for, drawn_at, valid_until, related_at, related_ids, head, body, ` +
	strings.Join(guestJobColumns[1:], ", ") + `)
	SELECT p.job_id, p.drawn_for, p.drawn_at, p.valid_until, p.related_at, p.related_ids, p.head, p.body, ` +
	columnList("jobs.", guestJobColumns[1:]) + `
	FROM (SELECT job_id, drawn_for, drawn_at, valid_until, related_at, coalesce(related_ids::bigint[], '{}') AS related_ids, head, body
		FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::bytea[], $8::bytea[])
		AS u(job_id, drawn_for, drawn_at, valid_until, related_at, related_ids, head, body)) p
	JOIN jobs ON jobs.id = p.job_id
	WHERE jobs.page_changed_at < p.drawn_at
		AND (SELECT c.page_changed_at FROM companies c WHERE c.id = jobs.company_id) < p.drawn_at
		AND p.related_at IS NOT DISTINCT FROM (SELECT r.ranked_at FROM job_related r WHERE r.job_id = p.job_id)
		AND NOT EXISTS (SELECT 1 FROM jobs s WHERE s.id = ANY (p.related_ids) AND s.page_changed_at >= p.drawn_at)
	ORDER BY p.job_id
	ON CONFLICT (job_id) DO UPDATE SET drawn_for = EXCLUDED.drawn_for, drawn_at = EXCLUDED.drawn_at,
		valid_until = EXCLUDED.valid_until, related_at = EXCLUDED.related_at, related_ids = EXCLUDED.related_ids,
		head = EXCLUDED.head, body = EXCLUDED.body, ` + excludedList(guestJobColumns[1:]) + `
	WHERE job_pages.drawn_at < EXCLUDED.drawn_at OR job_pages.drawn_for <> EXCLUDED.drawn_for`

// excludedList sets each of columns to its EXCLUDED value.
func excludedList(columns []string) string {
	set := make([]string, len(columns))
	for i, c := range columns {
		set[i] = c + " = EXCLUDED." + c
	}
	return strings.Join(set, ", ")
}

// keptPagesLockWait bounds how long storing pages waits for a kept page
// row a change holds: such a page is left to be drawn again, and a change
// never waits long for a store (nor deadlocks with one).
const keptPagesLockWait = "SET LOCAL lock_timeout = '200ms'"

// KeepJobPages stores pages (see KeptJobPagesBuffer for the usual way),
// leaving out those whose rows are being changed right now.
func KeepJobPages(ctx context.Context, db bun.IDB, pages []KeptJobPage) error {
	if len(pages) == 0 {
		return nil
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, keptPagesLockWait); err != nil {
			return err
		}
		pages, err := lockKeptPageRows(ctx, tx, pages)
		if err != nil || len(pages) == 0 {
			return err
		}
		n := len(pages)
		ids, fors, drawn, until := make([]int64, n), make([]string, n), make([]time.Time, n), make([]time.Time, n)
		relAt, relIDs, heads, bodies := make([]*time.Time, n), make([]string, n), make([][]byte, n), make([][]byte, n)
		for i, p := range pages {
			ids[i], fors[i], drawn[i], until[i], heads[i], bodies[i] = p.JobID, p.DrawnFor, p.DrawnAt, p.ValidUntil, p.Head, p.Body
			if !p.RelatedAt.IsZero() {
				at := p.RelatedAt
				relAt[i] = &at
			}
			// An array of arrays of different lengths cannot be one parameter:
			// each list travels as its text form.
			relIDs[i] = intArrayText(p.RelatedIDs)
		}
		return execPrepared(ctx, tx, keptPagesWrite, ids, fors, drawn, until, relAt, relIDs, heads, bodies)
	})
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "55P03" { // lock_not_available: a change holds a page's row
		return nil
	}
	return err
}

// lockKeptPageRows locks the rows pages show (keptPagesLock) and returns
// the pages whose rows it could all lock.
func lockKeptPageRows(ctx context.Context, tx bun.Tx, pages []KeptJobPage) ([]KeptJobPage, error) {
	var jobs, companies []int64
	for _, p := range pages {
		jobs = append(jobs, p.JobID)
		jobs = append(jobs, p.RelatedIDs...)
		companies = append(companies, p.CompanyID)
	}
	slices.Sort(jobs)
	slices.Sort(companies)
	rows, err := queryPrepared(ctx, tx, keptPagesLock, slices.Compact(jobs), slices.Compact(companies))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	locked := map[string]map[int64]bool{"job": {}, "company": {}}
	for rows.Next() {
		var kind string
		var id int64
		if err := rows.Scan(&kind, &id); err != nil {
			return nil, err
		}
		locked[kind][id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var free []KeptJobPage
	for _, p := range pages {
		if locked["job"][p.JobID] && locked["company"][p.CompanyID] &&
			!slices.ContainsFunc(p.RelatedIDs, func(id int64) bool { return !locked["job"][id] }) {
			free = append(free, p)
		}
	}
	return free, nil
}

// DeleteLapsedJobPages forgets kept pages a day past their time: pages of
// jobs no longer read (gone, long expired) and of earlier builds. A page
// still read is drawn again long before.
func DeleteLapsedJobPages(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewRaw(`DELETE FROM job_pages WHERE valid_until < now() - interval '1 day'`).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// intArrayText is ids as a PostgreSQL array literal.
func intArrayText(ids []int64) string {
	b := []byte{'{'}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, '}'))
}
