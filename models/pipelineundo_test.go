package models_test

import (
	"errors"
	"testing"
	"time"

	"careercenter/models"
)

// A status change can be undone within its window, once, and only while it
// is still the application's status; a later change replaces the undo.
func TestUndoApplicationStatus(t *testing.T) {
	k := newApplyKit(t)
	u, resume := k.candidate("ada@example.com")
	a := k.apply(u.ID, resume)
	now := k.now

	move := func(to string, at time.Time, job int64) {
		t.Helper()
		m, changed, err := models.MoveApplication(k.ctx, k.db, a.ID, to, at)
		if err != nil || !changed || m.Application.Status != to {
			t.Fatalf("move to %s: %v %v", to, changed, err)
		}
		if _, err := models.TakeStatusUndo(k.ctx, k.db, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := models.RecordStatusUndo(k.ctx, k.db, a.ID, m.From, to, job, at); err != nil {
			t.Fatal(err)
		}
	}
	status := func() string {
		t.Helper()
		got, err := models.ApplicationByID(k.ctx, k.db, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	move(models.AppRejected, now, 77)
	pending, err := models.PendingUndos(k.ctx, k.db, k.job.ID, now.Add(59*time.Second))
	if err != nil || pending[a.ID].FromStatus != models.AppNew || pending[a.ID].EmailJobID != 77 {
		t.Fatalf("pending: %+v %v", pending, err)
	}
	undone, err := models.UndoApplicationStatus(k.ctx, k.db, a.ID, now.Add(59*time.Second))
	if err != nil || undone.EmailJobID != 77 || undone.ToStatus != models.AppRejected || status() != models.AppNew {
		t.Fatalf("undo: %+v %v, status %s", undone, err, status())
	}
	if _, err := models.UndoApplicationStatus(k.ctx, k.db, a.ID, now.Add(time.Second)); !errors.Is(err, models.ErrUndoExpired) {
		t.Fatalf("undone twice: %v", err)
	}

	move(models.AppInterviewing, now, 0)
	if pending, _ := models.PendingUndos(k.ctx, k.db, k.job.ID, now.Add(61*time.Second)); len(pending) != 0 {
		t.Fatalf("pending after the window: %+v", pending)
	}
	if _, err := models.UndoApplicationStatus(k.ctx, k.db, a.ID, now.Add(61*time.Second)); !errors.Is(err, models.ErrUndoExpired) ||
		status() != models.AppInterviewing {
		t.Fatalf("undone after the window: %v %s", err, status())
	}

	// Changed behind the undo's back (say, withdrawn by the candidate): the
	// undo no longer applies.
	move(models.AppOffered, now, 0)
	if _, err := models.WithdrawApplication(k.ctx, k.db, a.ID, u.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.UndoApplicationStatus(k.ctx, k.db, a.ID, now.Add(time.Second)); !errors.Is(err, models.ErrUndoExpired) ||
		status() != models.AppWithdrawn {
		t.Fatalf("undid over a withdrawal: %v %s", err, status())
	}
}
