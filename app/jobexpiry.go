package app

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/email"
)

// ExpiryArgs is the periodic job that expires jobs and reminds employers.
type ExpiryArgs struct{}

// Kind names the job in River's table.
func (ExpiryArgs) Kind() string { return "job_expiry" }

// InsertOpts keeps at most one expiry pass waiting at a time.
func (ExpiryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 10 * time.Minute}}
}

// expiryInterval: a job may stay "active" up to this long past its expiry,
// but search already hides it by expires_at.
const expiryInterval = 15 * time.Minute

// reminderBatch is how many reminders one transaction claims.
const reminderBatch = 100

// ExpiryWorker moves live jobs past their expiry to expired and emails each
// job's author once when it has three days left.
type ExpiryWorker struct {
	river.WorkerDefaults[ExpiryArgs]
	DB    *bun.DB
	Mail  *email.Mail
	Clock func() time.Time // nil: the real time; tests move it
}

// Work runs one pass.
func (w *ExpiryWorker) Work(ctx context.Context, _ *river.Job[ExpiryArgs]) error {
	now := clockNow(w.Clock)
	if _, err := models.ExpireJobs(ctx, w.DB, now); err != nil {
		return err
	}
	for {
		claimed := 0
		err := w.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			rs, err := models.ClaimExpiryReminders(ctx, tx, now, reminderBatch)
			claimed = len(rs)
			for _, r := range rs {
				if err != nil || r.Email == "" {
					continue
				}
				var e email.Email
				if e, err = w.Mail.JobExpiringNotice(r); err == nil {
					err = w.Mail.Queue(ctx, tx, e)
				}
			}
			return err
		})
		if err != nil || claimed < reminderBatch {
			return err
		}
	}
}
