package models

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// JobReopenWindow is how long after filling or closing a job its company may
// put it back up, a second chance for a click made by mistake.
const JobReopenWindow = 7 * 24 * time.Hour

// ErrNotReopenable refuses to reopen a job closed too long ago, past its
// expiry, or taken down because its payment was refunded.
var ErrNotReopenable = errors.New("job cannot be reopened")

// Reopenable reports a job its company filled or closed within the last 7
// days whose paid period has not run out. (A job withdrawn by a refund
// looks the same here; ReopenJob refuses it.)
func (j *Job) Reopenable(now time.Time) bool {
	return (j.Status == JobFilled || j.Status == JobWithdrawn) && !j.ClosedAt.IsZero() &&
		now.Sub(j.ClosedAt) <= JobReopenWindow && j.ExpiresAt.After(now)
}

// ReopenJob puts a filled or closed job back up until its original expiry,
// without a new review: it was live a few days ago and has not changed.
func ReopenJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobActive, []string{JobFilled, JobWithdrawn},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			if !j.Reopenable(now) {
				return ErrNotReopenable
			}
			refunded, err := tx.NewSelect().Model((*Order)(nil)).
				Where("job_id = ? AND status = ?", j.ID, OrderRefunded).Exists(ctx)
			if err != nil {
				return err
			}
			if refunded {
				return ErrNotReopenable
			}
			j.Status, j.ClosedAt = JobActive, time.Time{}
			if j.Plan == PlanFeatured {
				j.FeaturedUntil = j.ExpiresAt
			}
			return saveJobState(ctx, tx, j, now)
		})
}

// ReopenUntil is the last moment a filled or closed job may be reopened.
func (j *Job) ReopenUntil() time.Time {
	if until := j.ClosedAt.Add(JobReopenWindow); until.Before(j.ExpiresAt) {
		return until
	}
	return j.ExpiresAt
}
