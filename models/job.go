package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Job statuses. Transitions happen only through the lifecycle functions.
const (
	JobDraft          = "draft"
	JobPendingPayment = "pending_payment"
	JobPendingReview  = "pending_review"
	JobActive         = "active"
	JobExpired        = "expired"
	JobFilled         = "filled"
	JobRejected       = "rejected"
	JobWithdrawn      = "withdrawn"
	JobRemoved        = "removed"
)

// Posting plans and their length.
const (
	PlanStandard = "standard"
	PlanFeatured = "featured"

	JobLifetime = 30 * 24 * time.Hour
)

// Job is one posting. Array fields hold vocabulary values (see vocab.go).
type Job struct {
	bun.BaseModel `bun:"table:jobs"`

	ID                   int64      `bun:"id,pk,autoincrement"`
	CompanyID            int64      `bun:"company_id"`
	CreatedBy            int64      `bun:"created_by,nullzero"`
	Status               string     `bun:"status"`
	Plan                 string     `bun:"plan"`
	Title                string     `bun:"title"`
	Slug                 string     `bun:"slug"`
	CompanyName          string     `bun:"company_name"`
	City                 string     `bun:"city"`
	State                string     `bun:"state"`
	PostalCode           string     `bun:"postal_code"`
	WorkMode             string     `bun:"work_mode"`
	RemoteStates         []string   `bun:"remote_states,array"`
	EmploymentType       string     `bun:"employment_type"`
	Settings             []string   `bun:"settings,array"`
	Specialties          []string   `bun:"specialties,array"`
	CodeSets             []string   `bun:"code_sets,array"`
	CredentialsRequired  [][]string `bun:"credentials_required,type:jsonb"`
	CredentialsPreferred []string   `bun:"credentials_preferred,array"`
	Credentials          []string   `bun:"credentials,array"`
	ApprenticeOK         bool       `bun:"apprentice_ok"`
	ExperienceMinYears   int        `bun:"experience_min_years"`
	SalaryMin            *int       `bun:"salary_min"`
	SalaryMax            *int       `bun:"salary_max"`
	SalaryPeriod         *string    `bun:"salary_period"`
	Systems              []string   `bun:"systems,array"`
	ApplyMethod          string     `bun:"apply_method"`
	ApplyURL             string     `bun:"apply_url"`
	ApplyEmail           string     `bun:"apply_email"`
	Description          string     `bun:"description"`
	DescriptionHTML      string     `bun:"description_html,nullzero"` // Description rendered when saved; "" before
	RejectionReason      string     `bun:"rejection_reason"`
	FeaturedUntil        time.Time  `bun:"featured_until,nullzero"`
	SubmittedAt          time.Time  `bun:"submitted_at,nullzero"`
	PublishedAt          time.Time  `bun:"published_at,nullzero"`
	ExpiresAt            time.Time  `bun:"expires_at,nullzero"`
	RemindedAt           time.Time  `bun:"reminded_at,nullzero"`
	ClosedAt             time.Time  `bun:"closed_at,nullzero"`
	NotifyRejections     bool       `bun:"notify_rejections"` // email candidates who are turned down
	HiddenAt             time.Time  `bun:"hidden_at,nullzero"`
	HiddenReason         string     `bun:"hidden_reason"`
	Flags                []string   `bun:"flags,array,nullzero,default:'{}'"`
	ViewCount            int        `bun:"view_count,scanonly"` // job_view_counts and job_views (jobViewCount); read where shown (EmployerJobs)
	ApplyCount           int        `bun:"apply_count"`
	CreatedAt            time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt            time.Time  `bun:"updated_at,nullzero,default:now()"`

	Company *Company `bun:"rel:belongs-to,join:company_id=id"`

	// Loaded by JobForPage only: the stored list of similar jobs.
	RelatedIDs []int64   `bun:"related_ids,array,scanonly"`
	RelatedAt  time.Time `bun:"related_at,scanonly,nullzero"`
}

// jobColumns selects a job without the generated search vector, which Bun
// must never map.
const jobColumns = "?TableColumns"

// Path is the job's canonical page.
func (j *Job) Path() string { return "/jobs/" + itoa(j.ID) + "/" + j.Slug }

// Live reports a job shown in search: active and not past its expiry.
func (j *Job) Live(now time.Time) bool {
	return j.Status == JobActive && (j.ExpiresAt.IsZero() || j.ExpiresAt.After(now))
}

// Featured reports a job shown first and marked.
func (j *Job) Featured(now time.Time) bool { return j.FeaturedUntil.After(now) }

// JobByID returns a job with its company, whatever its status, or ErrNotFound.
// Callers decide who may see it.
func JobByID(ctx context.Context, db bun.IDB, id int64) (*Job, error) {
	j := new(Job)
	err := db.NewSelect().Model(j).ColumnExpr(jobColumns).Relation("Company").
		Where("job.id = ?", id).Scan(ctx)
	return j, notFound(err)
}

// JobForPage is JobByID for the public job page, without its company
// (CompanyForPage; pages keep companies briefly): the job and its stored
// list of similar jobs (see StoredRelatedJobs), in one statement prepared
// once per connection, so PostgreSQL plans it once rather than per id.
func JobForPage(ctx context.Context, db bun.IDB, id int64) (*Job, error) {
	j := new(Job)
	return j, scanPreparedRow(ctx, db, j, jobForPageText.get(func() string {
		return db.NewSelect().Model((*Job)(nil)).ColumnExpr(jobColumns).
			ColumnExpr(`r.related_ids, r.ranked_at AS related_at`).
			Join(`LEFT JOIN job_related r ON r.job_id = job.id`).
			Where("job.id = $1").String()
	}), id)
}

var jobForPageText onceText

// CompanyForPage is CompanyByID with whether the company has a logo, in
// one statement prepared once per connection.
func CompanyForPage(ctx context.Context, db bun.IDB, id int64) (*Company, error) {
	c := new(Company)
	return c, scanPreparedRow(ctx, db, c, companyForPageText.get(func() string {
		return db.NewSelect().Model((*Company)(nil)).ColumnExpr("?TableColumns").
			ColumnExpr(`EXISTS (SELECT 1 FROM company_logos l WHERE l.company_id = company.id) AS has_logo`).
			Where("company.id = $1").String()
	}), id)
}

var companyForPageText onceText

// JobsForCompany lists a company's jobs of any status, newest first.
func JobsForCompany(ctx context.Context, db bun.IDB, companyID int64) ([]Job, error) {
	var js []Job
	err := db.NewSelect().Model(&js).ColumnExpr(jobColumns).
		Where("company_id = ?", companyID).Order("created_at DESC", "id DESC").Scan(ctx)
	return js, err
}

// LiveJobsForCompany lists a company's jobs that search shows.
func LiveJobsForCompany(ctx context.Context, db bun.IDB, companyID int64, now time.Time) ([]Job, error) {
	var js []Job
	err := whereLive(db.NewSelect().Model(&js).ColumnExpr(jobColumns), now).
		Where("job.company_id = ?", companyID).
		Order("job.published_at DESC", "job.id DESC").Scan(ctx)
	return js, err
}
