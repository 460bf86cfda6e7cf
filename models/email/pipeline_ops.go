package email

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// undoGrace separates the end of the undo window from the email's sending,
// so an undo at the last second still finds the email waiting.
const undoGrace = 5 * time.Second

// MoveApplication moves one application to status for its company, and
// schedules the candidate's email after the undo window, in one
// transaction. changed is false when it already had that status.
func (m *Mail) MoveApplication(ctx context.Context, db bun.IDB, applicationID int64, status string, j *models.Job, now time.Time) (changed bool, err error) {
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		move, moved, err := models.MoveApplication(ctx, tx, applicationID, status, now)
		if err != nil || !moved {
			return err
		}
		changed = true
		return m.statusChanged(ctx, tx, move.Application, move.From, j, now)
	})
	return changed, err
}

// MoveApplicants moves the listed applicants of job j at once, each with
// its scheduled email, in one transaction; refused counts those that could
// not move.
func (m *Mail) MoveApplicants(ctx context.Context, db bun.IDB, j *models.Job, ids []int64, status string, now time.Time) (refused int, err error) {
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		from, err := models.ApplicationStatusesOf(ctx, tx, j.ID, ids)
		if err != nil {
			return err
		}
		var moved []*models.Application
		if moved, refused, err = models.MoveApplicants(ctx, tx, j.ID, ids, status, now); err != nil {
			return err
		}
		for _, a := range moved {
			if err := m.statusChanged(ctx, tx, a, from[a.ID], j, now); err != nil {
				return err
			}
		}
		return nil
	})
	return refused, err
}

// statusChanged follows an employer's change of an application's status,
// in its transaction: the candidate's email waits until the undo window has
// passed. Changes in quick succession count as one: the email of the
// earlier one is cancelled, and undo goes back to where they started.
func (m *Mail) statusChanged(ctx context.Context, tx bun.IDB, a *models.Application, from string, j *models.Job, now time.Time) error {
	prev, err := models.TakeStatusUndo(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if prev != nil && prev.EmailJobID != 0 {
		if _, err := m.Cancel(ctx, tx, prev.EmailJobID); err != nil {
			return err
		}
	}
	if prev != nil && prev.UndoUntil.After(now) && prev.ToStatus == from {
		from = prev.FromStatus
	}
	if from == a.Status { // back where it started: nothing to tell, nothing to undo
		return nil
	}
	jobID, err := m.ScheduleStatusNews(ctx, tx, a, j, now.Add(models.StatusUndoWindow+undoGrace))
	if err != nil {
		return err
	}
	_, err = models.RecordStatusUndo(ctx, tx, a.ID, from, a.Status, jobID, now)
	return err
}
