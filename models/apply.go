package models

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// MaxCoverNote is the longest cover note a candidate may send.
const MaxCoverNote = 5000

// AlreadyAppliedError refuses a second application of a candidate to a job
// (one per job, also when two submits race); At is when they applied.
type AlreadyAppliedError struct{ At time.Time }

func (e *AlreadyAppliedError) Error() string { return "already applied to this job" }

// ApplyInput is what the apply form sends once the resume is settled.
type ApplyInput struct {
	CoverNote string
	ResumeID  int64 // one of the candidate's resumes; 0 when none was chosen
}

// StatusLabel is the status as people read it.
func (a *Application) StatusLabel() string { return TermLabel(ApplicationStatuses, a.Status) }

// Open reports an application still in the employer's hands: the candidate
// may withdraw it and the employer may move it.
func (a *Application) Open() bool {
	return a.Status != AppHired && a.Status != AppRejected && a.Status != AppWithdrawn
}

// CoverLines splits the cover note for display, keeping its line breaks;
// none when there is no note.
func (a *Application) CoverLines() []string {
	if a.CoverNote == "" {
		return nil
	}
	return strings.Split(a.CoverNote, "\n")
}

// TakesApplications reports a job a candidate can apply to on this site:
// live, applied to here, and not quarantined.
func (j *Job) TakesApplications(now time.Time) bool {
	return j.Live(now) && j.ApplyMethod == "onsite" && !j.Quarantined()
}

// Apply sends a candidate's application to a live job that takes
// applications on this site, and counts it on the job. A second application
// to the same job is an *AlreadyAppliedError: the partial unique index
// decides, so concurrent submits make exactly one row. Run it in the
// transaction that also queues the emails about it.
func Apply(ctx context.Context, db bun.IDB, jobID, userID int64, in ApplyInput, now time.Time) (*Application, error) {
	in.CoverNote = strings.TrimSpace(in.CoverNote)
	errs := ValidationErrors{}
	if len([]rune(in.CoverNote)) > MaxCoverNote {
		errs.Add("cover_note", "Keep the cover note to 5,000 characters or fewer.")
	}
	if in.ResumeID == 0 {
		errs.Add("resume", "Choose a resume to send: a PDF or DOCX file.")
	} else if mine, err := db.NewSelect().Model((*Resume)(nil)).
		Where("id = ? AND user_id = ?", in.ResumeID, userID).Exists(ctx); err != nil {
		return nil, err
	} else if !mine {
		errs.Add("resume", "Choose one of your own resumes.")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	a := &Application{JobID: jobID, UserID: userID, Status: AppNew, CoverNote: in.CoverNote,
		ResumeID: in.ResumeID, StatusChangedAt: now, CreatedAt: now, UpdatedAt: now}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewRaw(`INSERT INTO applications (job_id, user_id, status, cover_note, resume_id,
				status_changed_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (job_id, user_id) WHERE user_id IS NOT NULL DO NOTHING
			RETURNING id, created_at`, a.JobID, a.UserID, a.Status, a.CoverNote, a.ResumeID, now, now, now).
			Scan(ctx, &a.ID, &a.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			at, err := AppliedOn(ctx, tx, jobID, userID)
			if err != nil {
				return err
			}
			return &AlreadyAppliedError{At: at}
		}
		if err != nil {
			return err
		}
		res, err := tx.NewRaw(`UPDATE jobs SET apply_count = apply_count + 1
			WHERE id = ? AND status = ? AND (expires_at IS NULL OR expires_at > ?) AND apply_method = 'onsite'
				AND hidden_at IS NULL`,
			jobID, JobActive, now).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNotFound // closed, expired or hidden meanwhile
		}
		a.StatusChangedAt, a.UpdatedAt = a.CreatedAt, a.CreatedAt
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// AppliedOn is when the candidate applied to the job, zero if they have not.
func AppliedOn(ctx context.Context, db bun.IDB, jobID, userID int64) (time.Time, error) {
	var at time.Time
	err := db.NewRaw(`SELECT created_at FROM applications WHERE job_id = ? AND user_id = ?`, jobID, userID).
		Scan(ctx, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at, err
}

// ApplicationsForUser lists a candidate's applications, newest first, each
// with its job and the job's company.
func ApplicationsForUser(ctx context.Context, db bun.IDB, userID int64) ([]Application, error) {
	var as []Application
	err := db.NewSelect().Model(&as).Relation("Job").Relation("Job.Company").
		Where("application.user_id = ?", userID).
		Order("application.created_at DESC", "application.id DESC").Scan(ctx)
	return as, err
}

// WithdrawApplication lets a candidate take back an open application of
// their own. Someone else's application is ErrNotFound; a closed one is an
// *ApplicationMoveError.
func WithdrawApplication(ctx context.Context, db bun.IDB, id, userID int64, now time.Time) (*Application, error) {
	var a *Application
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = lockApplication(ctx, tx, id); err != nil {
			return err
		}
		if a.UserID != userID {
			return ErrNotFound
		}
		if !a.Open() {
			return &ApplicationMoveError{From: a.Status, To: AppWithdrawn}
		}
		return saveApplicationStatus(ctx, tx, a, AppWithdrawn, now)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// lockApplication reads an application and holds its row until the
// transaction ends, so two status changes run one after the other.
func lockApplication(ctx context.Context, tx bun.IDB, id int64) (*Application, error) {
	return lockByID[Application](ctx, tx, id)
}

// lockByID reads the row of a T by its id and holds it until the transaction
// ends; a missing row is ErrNotFound.
func lockByID[T any](ctx context.Context, tx bun.IDB, id int64) (*T, error) {
	v := new(T)
	err := tx.NewSelect().Model(v).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return v, notFound(err)
}

func saveApplicationStatus(ctx context.Context, tx bun.IDB, a *Application, to string, now time.Time) error {
	a.Status, a.StatusChangedAt, a.UpdatedAt = to, now, now
	_, err := tx.NewUpdate().Model(a).Column("status", "status_changed_at", "updated_at").WherePK().Exec(ctx)
	return err
}
