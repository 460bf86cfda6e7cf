package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// QueueAt is Queue for an email that waits until at, so the event that
// caused it can still be taken back (Cancel). It returns the job's id.
func (m *Mailer) QueueAt(ctx context.Context, db bun.IDB, e Email, at time.Time) (int64, error) {
	args := argsOf(e)
	var err error
	opts := &river.InsertOpts{ScheduledAt: at}
	var res *rivertype.JobInsertResult
	if tx := models.SQLTx(db); tx != nil {
		res, err = m.jobs.InsertTx(ctx, tx, args, opts)
	} else {
		res, err = m.jobs.Insert(ctx, args, opts)
	}
	if err != nil {
		return 0, fmt.Errorf("schedule email %q: %w", e.Subject, err)
	}
	return res.Job.ID, nil
}

// Cancel stops an email queued by QueueAt that has not gone yet. It reports
// whether the email was stopped; an email already sent, or gone from the
// queue, was not.
func (m *Mailer) Cancel(ctx context.Context, db bun.IDB, jobID int64) (bool, error) {
	var job *rivertype.JobRow
	var err error
	if tx := models.SQLTx(db); tx != nil {
		job, err = m.jobs.JobCancelTx(ctx, tx, jobID)
	} else {
		job, err = m.jobs.JobCancel(ctx, jobID)
	}
	if errors.Is(err, rivertype.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cancel email job %d: %w", jobID, err)
	}
	return job.State == rivertype.JobStateCancelled, nil
}
