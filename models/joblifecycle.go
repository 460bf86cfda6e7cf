package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// jobTransitions is the whole lifecycle of a posting (DESIGN.md §2): for each
// status, the statuses it may move to. Every change of status goes through a
// function below (or in orderjob.go, for what a payment changes), which locks
// the row and checks this table.
var jobTransitions = map[string][]string{
	// Submitted: to payment, or (no payments configured) to review, or live
	// for a trusted company.
	JobDraft: {JobPendingPayment, JobPendingReview, JobActive},
	// Paid (to review, or live when trusted), or its payment refunded.
	JobPendingPayment: {JobPendingReview, JobActive, JobWithdrawn},
	// Approved, rejected, withdrawn, or sent back to its author as a draft
	// by an admin asking for changes.
	JobPendingReview: {JobActive, JobRejected, JobWithdrawn, JobDraft},
	// Renewed (active again), sent back to review by a new title or company,
	// expired, filled, closed by the employer or by a refund, removed by an admin.
	JobActive: {JobActive, JobPendingReview, JobExpired, JobFilled, JobWithdrawn, JobRemoved},
	// Relisted as a draft, filled after all, or live again because a renewal
	// paid before it expired was recorded after (see RenewPaidJob).
	JobExpired: {JobDraft, JobFilled, JobActive},
	// Reopened by its company within a week of filling or closing it, while
	// its posting period lasts (see ReopenJob).
	JobFilled:    {JobActive},
	JobWithdrawn: {JobActive},
	JobRejected:  nil,
	JobRemoved:   nil,
}

// JobRenewWindow is how close to its expiry a live job may be renewed.
const JobRenewWindow = 7 * 24 * time.Hour

// CanChangeJobStatus reports whether the lifecycle allows from → to.
func CanChangeJobStatus(from, to string) bool { return slices.Contains(jobTransitions[from], to) }

// ErrInvalidTransition is what every refused status change Is.
var ErrInvalidTransition = errors.New("invalid job status change")

// ErrNotRenewable refuses a renewal outside the job's last days.
var ErrNotRenewable = errors.New("job is not in its renewal window")

// TransitionError names the refused change, so the web layer can explain it.
type TransitionError struct{ From, To string }

func (e *TransitionError) Error() string {
	return "job status cannot change from " + e.From + " to " + e.To
}

// Is makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// Renewable reports a live job in its last days, which its employer may
// extend without another review.
func (j *Job) Renewable(now time.Time) bool {
	return j.Status == JobActive && j.ExpiresAt.After(now) && j.ExpiresAt.Sub(now) <= JobRenewWindow
}

// changeJob locks the job, refuses the change unless its status is one of
// from and the table allows from → to, then lets change set the new state and
// saves it. It runs in a transaction (a savepoint inside the caller's).
func changeJob(ctx context.Context, db bun.IDB, id int64, to string, from []string,
	change func(ctx context.Context, tx bun.Tx, j *Job) error) (*Job, error) {
	var j *Job
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if j, err = lockJobForChange(ctx, tx, id); err != nil {
			return err
		}
		if err := allowJobChange(j, to, from...); err != nil {
			return err
		}
		return change(ctx, tx, j)
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

// lockJobForChange reads a job and holds its row until the transaction ends,
// so two changes of the same job run one after the other.
func lockJobForChange(ctx context.Context, tx bun.IDB, id int64) (*Job, error) {
	j := new(Job)
	err := tx.NewSelect().Model(j).ColumnExpr(jobColumns).Where("job.id = ?", id).
		For("UPDATE OF job").Scan(ctx)
	return j, notFound(err)
}

func allowJobChange(j *Job, to string, from ...string) error {
	if !slices.Contains(from, j.Status) || !CanChangeJobStatus(j.Status, to) {
		return &TransitionError{From: j.Status, To: to}
	}
	return nil
}

// saveJobState writes the lifecycle columns of j.
func saveJobState(ctx context.Context, tx bun.IDB, j *Job, now time.Time) error {
	j.UpdatedAt = now
	_, err := tx.NewUpdate().Model(j).
		Column("status", "rejection_reason", "featured_until", "submitted_at", "published_at",
			"expires_at", "reminded_at", "closed_at", "updated_at").
		WherePK().Exec(ctx)
	return err
}

// publish makes j live for one posting period. The first publication date
// stays (search orders by it); a featured plan is featured for the whole period.
func publish(j *Job, now time.Time) {
	j.Status = JobActive
	if j.PublishedAt.IsZero() {
		j.PublishedAt = now
	}
	// A job sent back to review by an edit keeps a later expiry it already
	// had (a renewal may have paid for it).
	if j.ExpiresAt.Before(now.Add(JobLifetime)) {
		j.ExpiresAt = now.Add(JobLifetime)
	}
	j.FeaturedUntil = time.Time{}
	if j.Plan == PlanFeatured {
		j.FeaturedUntil = j.ExpiresAt
	}
	j.RemindedAt = time.Time{}
	j.RejectionReason = ""
}

// SubmitJob sends a complete draft on: to payment when payments are enabled,
// otherwise to review, or straight live for a trusted company. An incomplete
// draft is refused with the fields to fix.
func SubmitJob(ctx context.Context, db bun.IDB, id int64, paymentsEnabled bool, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobPendingReview, []string{JobDraft},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			in := InputFromJob(j)
			if errs := in.Validate(); len(errs) > 0 {
				return errs
			}
			if err := CheckJobTrust(ctx, tx, j, now); err != nil {
				return err
			}
			j.SubmittedAt = now
			j.Status = JobPendingPayment
			if !paymentsEnabled {
				if err := reviewOrPublish(ctx, tx, j, now); err != nil {
					return err
				}
			}
			return saveJobState(ctx, tx, j, now)
		})
}

// PayJob moves a paid job on to review (live for a trusted company).
func PayJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobPendingReview, []string{JobPendingPayment},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			if err := reviewOrPublish(ctx, tx, j, now); err != nil {
				return err
			}
			return saveJobState(ctx, tx, j, now)
		})
}

// reviewOrPublish queues j for review, or publishes it when its company is
// trusted to skip review.
func reviewOrPublish(ctx context.Context, tx bun.IDB, j *Job, now time.Time) error {
	co, err := CompanyByID(ctx, tx, j.CompanyID)
	if err != nil {
		return err
	}
	if co.Trusted && len(j.Flags) == 0 { // flagged at submission: reviewed anyway
		publish(j, now)
		return nil
	}
	j.Status = JobPendingReview
	return nil
}

// ApproveJob publishes a reviewed job for 30 days.
func ApproveJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobActive, []string{JobPendingReview},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			publish(j, now)
			return saveJobState(ctx, tx, j, now)
		})
}

// RejectJob turns a job down with a reason its employer is told.
func RejectJob(ctx context.Context, db bun.IDB, id int64, reason string, now time.Time) (*Job, error) {
	return sendBack(ctx, db, id, JobRejected, "reason", reason, "Say why, so the employer can fix it.", now)
}

// sendBack moves a job in review to status to (rejected, or a draft to
// change) with the reviewer's note for its author, kept as its rejection
// reason. The note is required: missing is the message when it is empty.
func sendBack(ctx context.Context, db bun.IDB, id int64, to, field, note, missing string, now time.Time) (*Job, error) {
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return nil, ValidationErrors{field: missing}
	case len([]rune(note)) > 2000:
		return nil, ValidationErrors{field: "Use at most 2,000 characters."}
	}
	return changeJob(ctx, db, id, to, []string{JobPendingReview},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			j.Status = to
			j.RejectionReason = note
			if to == JobRejected {
				j.ClosedAt = now
			}
			return saveJobState(ctx, tx, j, now)
		})
}

// RenewJob extends a live job in its last days by another period, without a
// new review.
func RenewJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobActive, []string{JobActive},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			if !j.Renewable(now) {
				return ErrNotRenewable
			}
			j.ExpiresAt = j.ExpiresAt.Add(JobLifetime)
			if j.Plan == PlanFeatured {
				j.FeaturedUntil = j.ExpiresAt
			}
			j.RemindedAt = time.Time{} // remind again before the new date
			return saveJobState(ctx, tx, j, now)
		})
}

// RelistJob turns an expired job back into a draft, to be edited, paid for
// and reviewed again.
func RelistJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return changeJob(ctx, db, id, JobDraft, []string{JobExpired}, relist(now))
}

func relist(now time.Time) func(ctx context.Context, tx bun.Tx, j *Job) error {
	return func(ctx context.Context, tx bun.Tx, j *Job) error {
		j.Status = JobDraft
		j.SubmittedAt, j.ExpiresAt, j.FeaturedUntil = time.Time{}, time.Time{}, time.Time{}
		j.RemindedAt, j.ClosedAt = time.Time{}, time.Time{}
		return saveJobState(ctx, tx, j, now)
	}
}

// MarkJobFilled closes a live or expired job as filled; it stays readable.
func MarkJobFilled(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return closeJob(ctx, db, id, JobFilled, now, JobActive, JobExpired)
}

// WithdrawJob is the employer closing a live job early.
func WithdrawJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return closeJob(ctx, db, id, JobWithdrawn, now, JobActive)
}

// RemoveJob is an admin taking a live job down.
func RemoveJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	return closeJob(ctx, db, id, JobRemoved, now, JobActive)
}

func closeJob(ctx context.Context, db bun.IDB, id int64, to string, now time.Time, from ...string) (*Job, error) {
	return changeJob(ctx, db, id, to, from, func(ctx context.Context, tx bun.Tx, j *Job) error {
		j.Status = to
		j.ClosedAt = now
		j.FeaturedUntil = time.Time{}
		return saveJobState(ctx, tx, j, now)
	})
}

// PendingJobs is the review queue, oldest submission first.
func PendingJobs(ctx context.Context, db bun.IDB) ([]Job, error) {
	var js []Job
	err := db.NewSelect().Model(&js).ColumnExpr(jobColumns).Relation("Company").
		Where("job.status = ?", JobPendingReview).
		Order("job.submitted_at ASC", "job.id ASC").Scan(ctx)
	return js, err
}
