package models

import (
	"context"
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
// the view row and the job's counter change in one statement, so a repeat
// (or a concurrent duplicate) adds nothing. It reports whether the view was
// new. viewerHash identifies the viewer without naming them.
func RecordJobView(ctx context.Context, db bun.IDB, jobID int64, viewerHash []byte, day time.Time) (bool, error) {
	res, err := db.NewRaw(`WITH seen AS (
			INSERT INTO job_views (job_id, day, viewer_hash) SELECT id, ?::date, ? FROM jobs WHERE id = ?
			ON CONFLICT DO NOTHING
			RETURNING job_id)
		INSERT INTO job_view_counts AS c (job_id, n) SELECT job_id, 1 FROM seen
		ON CONFLICT (job_id) DO UPDATE SET n = c.n + 1`,
		day.UTC().Format(time.DateOnly), viewerHash, jobID).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// jobViewsDeleteBatch bounds the rows one DeleteOldJobViews deletes: the
// clean-up runs every five minutes, so a day of up to about four million
// views goes within the day after, in short statements.
const jobViewsDeleteBatch = 10_000

// DeleteOldJobViews deletes the job_views rows of days before yesterday
// (UTC) at now, up to jobViewsDeleteBatch×10 rows, and says how many went.
// A view is deduplicated within its own day only, so those rows are never
// read again; yesterday's stay for a process still writing its last
// batch of the day. The counters (job_view_counts) are not touched.
func DeleteOldJobViews(ctx context.Context, db bun.IDB, now time.Time) (int64, error) {
	before := now.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	var total int64
	for range 10 {
		res, err := db.NewRaw(`DELETE FROM job_views WHERE ctid = ANY (ARRAY(
			SELECT ctid FROM job_views WHERE day < ?::date LIMIT ?))`, before, jobViewsDeleteBatch).Exec(ctx)
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += n
		if n < jobViewsDeleteBatch {
			break
		}
	}
	return total, nil
}
