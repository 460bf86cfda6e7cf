package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Application statuses: the employer's pipeline, plus withdrawn by the
// candidate (or by deleting their account).
const (
	AppNew          = "new"
	AppReviewed     = "reviewed"
	AppInterviewing = "interviewing"
	AppOffered      = "offered"
	AppHired        = "hired"
	AppRejected     = "rejected"
	AppWithdrawn    = "withdrawn"
)

// ApplicationStatuses in pipeline order, with the labels people read.
var ApplicationStatuses = []Term{
	{AppNew, "New"}, {AppReviewed, "Reviewed"}, {AppInterviewing, "Interviewing"},
	{AppOffered, "Offered"}, {AppHired, "Hired"}, {AppRejected, "Not selected"}, {AppWithdrawn, "Withdrawn"},
}

// Application is one candidate's application to one job. UserID is zero once
// the candidate deleted their account ("withdrawn candidate").
type Application struct {
	bun.BaseModel `bun:"table:applications"`

	ID              int64     `bun:"id,pk,autoincrement"`
	JobID           int64     `bun:"job_id"`
	UserID          int64     `bun:"user_id,nullzero"`
	Status          string    `bun:"status"`
	CoverNote       string    `bun:"cover_note"`
	ResumeID        int64     `bun:"resume_id,nullzero"`
	StatusChangedAt time.Time `bun:"status_changed_at,nullzero,default:now()"`
	FirstActedAt    time.Time `bun:"first_acted_at,nullzero"` // the company's first act on it; zero until then
	CreatedAt       time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt       time.Time `bun:"updated_at,nullzero,default:now()"`

	Job  *Job  `bun:"rel:belongs-to,join:job_id=id"`
	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// ApplicationNote is a company's private note on an application.
type ApplicationNote struct {
	bun.BaseModel `bun:"table:application_notes"`

	ID            int64     `bun:"id,pk,autoincrement"`
	ApplicationID int64     `bun:"application_id"`
	AuthorID      int64     `bun:"author_id,nullzero"`
	Body          string    `bun:"body"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`

	Author *User `bun:"rel:belongs-to,join:author_id=id"`
}

// Resume is an uploaded PDF or DOCX; its bytes live in a FileStore.
type Resume struct {
	bun.BaseModel `bun:"table:resumes"`

	ID          int64     `bun:"id,pk,autoincrement"`
	UserID      int64     `bun:"user_id"`
	Filename    string    `bun:"filename"`
	ContentType string    `bun:"content_type"`
	SizeBytes   int       `bun:"size_bytes"`
	StorageKey  string    `bun:"storage_key"`
	IsCurrent   bool      `bun:"is_current"`
	CreatedAt   time.Time `bun:"created_at,nullzero,default:now()"`
}

// ApplicationByID returns an application with its job (and the job's
// company) and candidate, or ErrNotFound. Callers check who may see it.
func ApplicationByID(ctx context.Context, db bun.IDB, id int64) (*Application, error) {
	a := new(Application)
	err := db.NewSelect().Model(a).Relation("Job").Relation("Job.Company").Relation("User").
		Where("application.id = ?", id).Scan(ctx)
	return a, notFound(err)
}
