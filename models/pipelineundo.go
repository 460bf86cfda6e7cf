package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// StatusUndoWindow is how long an employer may take back a status change
// before the candidate is emailed about it.
const StatusUndoWindow = 60 * time.Second

// ErrUndoExpired refuses an undo after its window, or after a later change.
var ErrUndoExpired = errors.New("status change can no longer be undone")

// StatusUndo is the last status change of an application while it can be
// undone, with the scheduled email it would cancel.
type StatusUndo struct {
	bun.BaseModel `bun:"table:application_status_undos"`

	ApplicationID int64     `bun:"application_id,pk"`
	FromStatus    string    `bun:"from_status"`
	ToStatus      string    `bun:"to_status"`
	EmailJobID    int64     `bun:"email_job_id,nullzero"`
	UndoUntil     time.Time `bun:"undo_until"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`
}

// FromLabel is the status an undo returns to, as people read it.
func (u StatusUndo) FromLabel() string { return TermLabel(ApplicationStatuses, u.FromStatus) }

// StatusMove is one employer's status change: the application after it and
// the status it had.
type StatusMove struct {
	Application *Application
	From        string
}

// MoveApplication is SetApplicationStatus that also reports the status the
// application had, for the undo.
func MoveApplication(ctx context.Context, db bun.IDB, id int64, to string, now time.Time) (*StatusMove, bool, error) {
	var move *StatusMove
	changed := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := lockApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		a, ch, err := SetApplicationStatus(ctx, tx, id, to, now)
		move, changed = &StatusMove{Application: a, From: before.Status}, ch
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return move, changed, nil
}

// ApplicationStatusesOf reads the current status of the named applications
// of a job, locking them in id order (as MoveApplicants does).
func ApplicationStatusesOf(ctx context.Context, db bun.IDB, jobID int64, ids []int64) (map[int64]string, error) {
	var rows []struct {
		ID     int64  `bun:"id"`
		Status string `bun:"status"`
	}
	err := db.NewRaw(`SELECT id, status FROM applications WHERE job_id = ? AND id IN (?) ORDER BY id FOR UPDATE`,
		jobID, bun.In(ids)).Scan(ctx, &rows)
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Status
	}
	return out, err
}

// TakeStatusUndo removes and returns the undo of an application's previous
// change, if any (nil when none): a new change replaces it, and the email it
// scheduled is stale.
func TakeStatusUndo(ctx context.Context, db bun.IDB, applicationID int64) (*StatusUndo, error) {
	u := new(StatusUndo)
	err := db.NewDelete().Model(u).Where("application_id = ?", applicationID).Returning("*").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return u, err
}

// RecordStatusUndo keeps a change for its undo window; emailJobID is the
// scheduled email to cancel on undo (0: none).
func RecordStatusUndo(ctx context.Context, db bun.IDB, applicationID int64, from, to string, emailJobID int64, now time.Time) (*StatusUndo, error) {
	u := &StatusUndo{ApplicationID: applicationID, FromStatus: from, ToStatus: to, EmailJobID: emailJobID,
		UndoUntil: now.Add(StatusUndoWindow), CreatedAt: now}
	_, err := db.NewInsert().Model(u).On("CONFLICT (application_id) DO UPDATE").
		Set("from_status = EXCLUDED.from_status, to_status = EXCLUDED.to_status").
		Set("email_job_id = EXCLUDED.email_job_id, undo_until = EXCLUDED.undo_until, created_at = EXCLUDED.created_at").
		Exec(ctx)
	return u, err
}

// UndoApplicationStatus puts an application back to the status it had
// before its last change, within the window: it returns the undone change
// (whose email the caller cancels in the same transaction).
func UndoApplicationStatus(ctx context.Context, db bun.IDB, applicationID int64, now time.Time) (*StatusUndo, error) {
	var u *StatusUndo
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := lockApplication(ctx, tx, applicationID)
		if err != nil {
			return err
		}
		if u, err = TakeStatusUndo(ctx, tx, applicationID); err != nil {
			return err
		}
		if u == nil || !u.UndoUntil.After(now) || a.Status != u.ToStatus {
			return ErrUndoExpired
		}
		return saveApplicationStatus(ctx, tx, a, u.FromStatus, now)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// PendingUndos are the changes of a job's applications that can still be
// undone, by application.
func PendingUndos(ctx context.Context, db bun.IDB, jobID int64, now time.Time) (map[int64]StatusUndo, error) {
	var us []StatusUndo
	err := db.NewSelect().Model(&us).
		Where("undo_until > ?", now).
		Where("application_id IN (SELECT id FROM applications WHERE job_id = ?)", jobID).Scan(ctx)
	out := make(map[int64]StatusUndo, len(us))
	for _, u := range us {
		out[u.ApplicationID] = u
	}
	return out, err
}
