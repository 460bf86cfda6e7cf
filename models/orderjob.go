package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// What a payment, or its refund, does to a job. Like the rest of the
// lifecycle these lock the job and check the transition table; a refusal is
// a *TransitionError, which fulfilment treats as "this job no longer needs
// what was bought" (the order is still recorded as paid, for an admin to
// refund).

// RenewPaidJob gives a job the 30 days a renewal paid for. A payment is never
// lost to timing: a live job runs 30 days past its current expiry (the
// renewal window was checked when the employer went to pay); a job that
// expired while the payment was on its way is live again for 30 days from
// now; a live job sent back to review by an edit keeps the extended expiry
// for when it is approved.
func RenewPaidJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobActive, []string{JobActive, JobExpired, JobPendingReview},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			switch {
			case j.Status == JobPendingReview:
				if j.ExpiresAt.IsZero() { // never published: review gives it its period
					return &TransitionError{From: j.Status, To: JobActive}
				}
				j.ExpiresAt = later(j.ExpiresAt, now).Add(JobLifetime)
			case j.Live(now) && !j.ExpiresAt.IsZero():
				j.ExpiresAt = j.ExpiresAt.Add(JobLifetime)
			default: // expired, by status or by date
				j.Status = JobActive
				j.ExpiresAt = now.Add(JobLifetime)
				j.ClosedAt = time.Time{}
			}
			if j.Plan == PlanFeatured && j.Status == JobActive {
				j.FeaturedUntil = j.ExpiresAt
			}
			j.RemindedAt = time.Time{} // remind again before the new date
			return saveJobState(ctx, tx, j, now)
		})
}

// FeatureJob makes a job featured for the rest of its posting: at once when
// it is live, from publication when it is still waiting for payment or
// review. A job that is no longer live or on its way there is refused.
func FeatureJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	var j *Job
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if j, err = lockJobForChange(ctx, tx, id); err != nil {
			return err
		}
		switch {
		case j.Status == JobPendingPayment || j.Status == JobPendingReview:
		case j.Live(now):
			j.FeaturedUntil = j.ExpiresAt
		default:
			return &TransitionError{From: j.Status, To: j.Status}
		}
		j.Plan, j.UpdatedAt = PlanFeatured, now
		_, err = tx.NewUpdate().Model(j).Column("plan", "featured_until", "updated_at").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

// WithdrawRefundedJob takes down a job whose payment was refunded: live, in
// review or still waiting for payment. Jobs already closed stay as they are.
func WithdrawRefundedJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return closeJob(ctx, db, id, JobWithdrawn, now, JobPendingPayment, JobPendingReview, JobActive)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// PrepaidJob reports a job whose posting was paid but never published (sent
// back for changes during review): submitting it again must not ask for a
// second payment. A relisted job was published before, so it pays again.
func PrepaidJob(ctx context.Context, db bun.IDB, jobID int64) (bool, error) {
	return db.NewSelect().Model((*Order)(nil)).
		Where("job_id = ? AND kind = ? AND status = ?", jobID, OrderPosting, OrderPaid).
		Where("EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ? AND jobs.published_at IS NULL)", jobID).
		Exists(ctx)
}
