package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// How a job's public page treats it, from its status and expiry.
const (
	JobPageLive        = "live"        // shown in full, indexed, open to applications
	JobPageExpired     = "expired"     // readable with a banner, not indexed, no apply
	JobPageFilled      = "filled"      // readable with a banner, not indexed, no apply
	JobPageGone        = "gone"        // 410 Gone for everyone
	JobPageUnpublished = "unpublished" // 404 except for the company's members and admins
)

// PageState says how the public job page shows j at now. An active job past
// its expiry reads as expired before the periodic job has moved its status.
func (j *Job) PageState(now time.Time) string {
	switch j.Status {
	case JobActive:
		if j.Live(now) {
			return JobPageLive
		}
		return JobPageExpired
	case JobExpired:
		return JobPageExpired
	case JobFilled:
		return JobPageFilled
	case JobRejected, JobWithdrawn, JobRemoved:
		return JobPageGone
	default:
		return JobPageUnpublished
	}
}

// RecordJobView counts one viewer's view of a job at most once per UTC day:
// a repeat (or a concurrent duplicate) adds nothing, nor does a view of a
// job that is not there. It reports whether the view was new. viewerHash
// identifies the viewer without naming them. The view is counted by its
// row in job_views until FoldOldJobViews moves it into the job's counter.
func RecordJobView(ctx context.Context, db bun.IDB, jobID int64, viewerHash []byte, day time.Time) (bool, error) {
	res, err := db.NewRaw(`INSERT INTO job_views (job_id, day, viewer_hash) SELECT id, ?::date, ? FROM jobs WHERE id = ?
		ON CONFLICT DO NOTHING`,
		day.UTC().Format(time.DateOnly), viewerHash, jobID).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// jobViewCount is the views of the job aliased job: those its counter
// holds (job_view_counts, folded from days gone by) and its rows in
// job_views, which hold today's and yesterday's views and are not in the
// counter yet.
const jobViewCount = `coalesce((SELECT c.n FROM job_view_counts c WHERE c.job_id = job.id), 0) +
	(SELECT count(*) FROM job_views v WHERE v.job_id = job.id)`

// JobViewCount is job id's views, each viewer counted once a day.
func JobViewCount(ctx context.Context, db bun.IDB, id int64) (int, error) {
	var n int
	err := db.NewRaw(`SELECT `+jobViewCount+` FROM jobs job WHERE job.id = ?`, id).Scan(ctx, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return n, err
}

// jobViewsFoldBatch bounds the rows one statement of FoldOldJobViews
// moves: the clean-up runs every five minutes, so a day of up to about
// four million views goes within the day after, in short statements.
const jobViewsFoldBatch = 10_000

// FoldOldJobViews moves the job_views rows of days before yesterday (UTC)
// at now into their jobs' counters, up to jobViewsFoldBatch×10 rows, and
// says how many went. A view is deduplicated within its own day only, so
// those rows are never needed again; yesterday's stay for a process still
// writing its last batch of the day. Each statement deletes rows and adds
// them to the counters at once, so a view is always counted exactly once
// (jobViewCount); views of jobs deleted meanwhile are dropped.
func FoldOldJobViews(ctx context.Context, db bun.IDB, now time.Time) (int64, error) {
	before := now.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	var total int64
	for range 10 {
		var n int64
		err := db.NewRaw(`WITH gone AS (
				DELETE FROM job_views WHERE ctid = ANY (ARRAY(SELECT ctid FROM job_views WHERE day < ?::date LIMIT ?))
				RETURNING job_id),
			counted AS (
				INSERT INTO job_view_counts AS c (job_id, n)
				SELECT job_id, count(*) FROM gone WHERE EXISTS (SELECT 1 FROM jobs WHERE jobs.id = gone.job_id)
				GROUP BY job_id ORDER BY job_id
				ON CONFLICT (job_id) DO UPDATE SET n = c.n + EXCLUDED.n)
			SELECT count(*) FROM gone`, before, jobViewsFoldBatch).Scan(ctx, &n)
		if err != nil {
			return total, err
		}
		total += n
		if n < jobViewsFoldBatch {
			break
		}
	}
	return total, nil
}
