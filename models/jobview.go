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
