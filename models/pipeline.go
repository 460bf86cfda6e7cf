package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// PipelineStatuses are the statuses an employer may give an application
// (withdrawn is the candidate's alone).
var PipelineStatuses = slices.DeleteFunc(slices.Clone(ApplicationStatuses),
	func(t Term) bool { return t.Value == AppWithdrawn })

// applicationMoves is the employer's pipeline: an application may be moved
// to any step, forward (a small office may hire right after an interview)
// or back (a mistake, a reconsidered rejection, an offer turned down).
// Only withdrawn, the candidate's own choice, is final.
var applicationMoves = map[string][]string{
	AppNew:          {AppReviewed, AppInterviewing, AppOffered, AppHired, AppRejected},
	AppReviewed:     {AppNew, AppInterviewing, AppOffered, AppHired, AppRejected},
	AppInterviewing: {AppNew, AppReviewed, AppOffered, AppHired, AppRejected},
	AppOffered:      {AppNew, AppReviewed, AppInterviewing, AppHired, AppRejected},
	AppHired:        {AppNew, AppReviewed, AppInterviewing, AppOffered, AppRejected},
	AppRejected:     {AppNew, AppReviewed, AppInterviewing, AppOffered, AppHired},
	AppWithdrawn:    nil,
}

// CanMoveApplication reports whether the pipeline allows from → to.
func CanMoveApplication(from, to string) bool { return slices.Contains(applicationMoves[from], to) }

// ApplicationMoveError names a refused status change of an application.
type ApplicationMoveError struct{ From, To string }

func (e *ApplicationMoveError) Error() string {
	return "application status cannot change from " + e.From + " to " + e.To
}

// Explain says in words why the change was refused.
func (e *ApplicationMoveError) Explain() string {
	from, to := TermLabel(ApplicationStatuses, e.From), TermLabel(ApplicationStatuses, e.To)
	switch e.From {
	case AppWithdrawn:
		return "The candidate withdrew this application, so it cannot be moved."
	case AppHired:
		return "This candidate was hired; the application is closed."
	}
	return "An application that is " + strings.ToLower(from) + " cannot be moved to " + strings.ToLower(to) + "."
}

// SetApplicationStatus moves an application in the employer's pipeline. It
// reports whether the status changed (the same status again is no change);
// a refused move is an *ApplicationMoveError, an unknown status a
// ValidationErrors.
func SetApplicationStatus(ctx context.Context, db bun.IDB, id int64, to string, now time.Time) (*Application, bool, error) {
	if !IsTerm(PipelineStatuses, to) {
		return nil, false, ValidationErrors{"status": "Choose a status from the list."}
	}
	var a *Application
	changed := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = lockApplication(ctx, tx, id); err != nil || a.Status == to {
			return err
		}
		if !CanMoveApplication(a.Status, to) {
			return &ApplicationMoveError{From: a.Status, To: to}
		}
		changed = true
		if err := markActed(ctx, tx, a.ID, now); err != nil {
			return err
		}
		if a.FirstActedAt.IsZero() {
			a.FirstActedAt = now
		}
		return saveApplicationStatus(ctx, tx, a, to, now)
	})
	if err != nil {
		return nil, false, err
	}
	return a, changed, nil
}

// MoveApplicants moves the named applications of a job to status, each as
// SetApplicationStatus would; ids of other jobs are ignored. It returns the
// applications that changed and how many moves were refused.
func MoveApplicants(ctx context.Context, db bun.IDB, jobID int64, ids []int64, to string, now time.Time) ([]*Application, int, error) {
	if !IsTerm(PipelineStatuses, to) {
		return nil, 0, ValidationErrors{"status": "Choose a status from the list."}
	}
	var moved []*Application
	refused := 0
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var own []int64
		// In id order, so two bulk changes lock rows in the same order.
		err := tx.NewRaw(`SELECT id FROM applications WHERE job_id = ? AND id IN (?) ORDER BY id`,
			jobID, bun.In(ids)).Scan(ctx, &own)
		if err != nil {
			return err
		}
		for _, id := range own {
			a, changed, err := SetApplicationStatus(ctx, tx, id, to, now)
			var me *ApplicationMoveError
			switch {
			case errors.As(err, &me):
				refused++
			case err != nil:
				return err
			case changed:
				moved = append(moved, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return moved, refused, nil
}

// TellsCandidate reports whether moving an application of job j to status
// is emailed to the candidate: the steps that concern them, and a
// rejection unless the job's employer turned those emails off.
func TellsCandidate(j *Job, status string) bool {
	switch status {
	case AppInterviewing, AppOffered, AppHired:
		return true
	case AppRejected:
		return j.NotifyRejections
	}
	return false
}

// CanMarkFilled reports a job its employer may mark filled (after a hire).
func (j *Job) CanMarkFilled() bool { return CanChangeJobStatus(j.Status, JobFilled) }

// SetRejectionEmails turns the emails to turned-down candidates of a job on
// or off.
func SetRejectionEmails(ctx context.Context, db bun.IDB, jobID int64, on bool) error {
	_, err := db.NewRaw(`UPDATE jobs SET notify_rejections = ?, updated_at = now() WHERE id = ?`, on, jobID).Exec(ctx)
	return err
}

// Applicant is one row of a job's pipeline: the application with what the
// employer sees of the candidate. A candidate who deleted their account has
// UserID 0 and no personal data.
type Applicant struct {
	ID              int64     `bun:"id"`
	JobID           int64     `bun:"job_id"`
	UserID          int64     `bun:"user_id"`
	Status          string    `bun:"status"`
	ResumeID        int64     `bun:"resume_id"`
	CreatedAt       time.Time `bun:"created_at"`
	StatusChangedAt time.Time `bun:"status_changed_at"`
	Name            string    `bun:"name"`
	Email           string    `bun:"email"`
	Headline        string    `bun:"headline"`
	Credentials     string    `bun:"credentials"` // "CPC (verified), CRC"
}

// StatusLabel is the status as people read it.
func (a Applicant) StatusLabel() string { return TermLabel(ApplicationStatuses, a.Status) }

// Gone reports a candidate who deleted their account.
func (a Applicant) Gone() bool { return a.UserID == 0 }

// DisplayName is the candidate's name, or "Withdrawn candidate" once their
// account is gone.
func (a Applicant) DisplayName() string {
	if a.Gone() {
		return "Withdrawn candidate"
	}
	return a.Name
}

// Moves are the statuses the employer may choose for the application now,
// with its current one, in pipeline order; only the current one when it
// cannot move.
func (a Applicant) Moves() []Term {
	var out []Term
	for _, t := range ApplicationStatuses {
		if t.Value == a.Status || CanMoveApplication(a.Status, t.Value) {
			out = append(out, t)
		}
	}
	return out
}

const applicantSelect = `SELECT a.id, a.job_id, coalesce(a.user_id, 0) AS user_id, a.status,
	coalesce(a.resume_id, 0) AS resume_id, a.created_at, a.status_changed_at,
	coalesce(u.name, '') AS name, coalesce(u.email, '') AS email, coalesce(p.headline, '') AS headline,
	coalesce((SELECT string_agg(pc.credential || CASE WHEN pc.verified_at IS NOT NULL THEN ' (verified)' ELSE '' END,
		', ' ORDER BY pc.credential) FROM profile_credentials pc WHERE pc.user_id = a.user_id), '') AS credentials
	FROM applications a
	LEFT JOIN users u ON u.id = a.user_id
	LEFT JOIN profiles p ON p.user_id = a.user_id`

// ApplicantsForJob lists a job's applicants, oldest first, only those with
// status when it is not "".
func ApplicantsForJob(ctx context.Context, db bun.IDB, jobID int64, status string) ([]Applicant, error) {
	var as []Applicant
	err := db.NewRaw(applicantSelect+` WHERE a.job_id = ? AND (? = '' OR a.status = ?) ORDER BY a.created_at, a.id`,
		jobID, status, status).Scan(ctx, &as)
	return as, err
}

// ApplicantByID returns one pipeline row, or ErrNotFound.
func ApplicantByID(ctx context.Context, db bun.IDB, id int64) (*Applicant, error) {
	a := new(Applicant)
	err := db.NewRaw(applicantSelect+` WHERE a.id = ?`, id).Scan(ctx, a)
	return a, notFound(err)
}

// ApplicantCounts counts a job's applications by status.
func ApplicantCounts(ctx context.Context, db bun.IDB, jobID int64) (map[string]int, error) {
	var rows []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	err := db.NewRaw(`SELECT status, count(*) AS n FROM applications WHERE job_id = ? GROUP BY status`, jobID).
		Scan(ctx, &rows)
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return counts, err
}

// MaxApplicationNote is the longest private note on an application.
const MaxApplicationNote = 5000

// AddApplicationNote keeps a company's private note on an application.
func AddApplicationNote(ctx context.Context, db bun.IDB, applicationID, authorID int64, body string, now time.Time) (*ApplicationNote, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return nil, ValidationErrors{"body": "Write the note first."}
	case len([]rune(body)) > MaxApplicationNote:
		return nil, ValidationErrors{"body": "Keep a note to 5,000 characters or fewer."}
	}
	n := &ApplicationNote{ApplicationID: applicationID, AuthorID: authorID, Body: body, CreatedAt: now}
	_, err := db.NewInsert().Model(n).Exec(ctx)
	return n, err
}

// Lines splits the note for display, keeping its line breaks.
func (n ApplicationNote) Lines() []string { return strings.Split(n.Body, "\n") }

// NotesForApplication lists the notes on an application, oldest first, with
// their authors (nil once an author's account is gone).
func NotesForApplication(ctx context.Context, db bun.IDB, applicationID int64) ([]ApplicationNote, error) {
	var ns []ApplicationNote
	err := db.NewSelect().Model(&ns).Relation("Author").
		Where("application_note.application_id = ?", applicationID).
		Order("application_note.created_at", "application_note.id").Scan(ctx)
	return ns, err
}
