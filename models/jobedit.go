package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Editable reports a job its employer may still change; a live job stays
// live for wording changes.
func (j *Job) Editable() bool {
	return slices.Contains([]string{JobDraft, JobPendingPayment, JobPendingReview, JobActive, JobExpired}, j.Status)
}

// postingCompany returns the company when the user is one of its members;
// anyone else is told to choose one of their own.
func postingCompany(ctx context.Context, db bun.IDB, companyID, userID int64) (*Company, error) {
	role, err := MemberRole(ctx, db, companyID, userID)
	if err != nil {
		return nil, err
	}
	if role == "" {
		return nil, ValidationErrors{"company_id": "Choose one of your companies."}
	}
	return CompanyByID(ctx, db, companyID)
}

// jobContent is every column the form writes.
var jobContent = []string{"company_id", "company_name", "title", "slug", "city", "state", "postal_code",
	"work_mode", "remote_states", "employment_type", "settings", "specialties", "code_sets",
	"credentials_required", "credentials_preferred", "credentials", "apprentice_ok",
	"experience_min_years", "salary_min", "salary_max", "salary_period", "systems", "apply_method",
	"apply_url", "apply_email", "description", "description_html", "plan", "updated_at"}

// CreateJob saves a new draft written by userID for one of their companies.
func CreateJob(ctx context.Context, db bun.IDB, userID int64, in JobInput, now time.Time) (*Job, error) {
	if errs := in.ValidateDraft(); len(errs) > 0 {
		return nil, errs
	}
	co, err := postingCompany(ctx, db, in.CompanyID, userID)
	if err != nil {
		return nil, err
	}
	j := &Job{Status: JobDraft, CreatedBy: userID, CreatedAt: now, UpdatedAt: now}
	in.apply(j, co)
	_, err = db.NewInsert().Model(j).ExcludeColumn("id").Returning("id").Exec(ctx)
	return j, err
}

// UpdateJob saves the form over a job. A draft may stay incomplete; a job
// further on must stay complete. A live job stays live for wording changes,
// but a new title or company sends it back to review. Editing an expired job
// relists it as a draft. The plan of a submitted job is paid for and stays.
func UpdateJob(ctx context.Context, db bun.IDB, id, userID int64, in JobInput, now time.Time) (*Job, error) {
	var j *Job
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if j, err = lockJobForChange(ctx, tx, id); err != nil {
			return err
		}
		if !j.Editable() {
			return ErrNotEditable
		}
		if j.Status == JobExpired {
			if err := relist(now)(ctx, tx, j); err != nil {
				return err
			}
		}
		if j.Status != JobDraft {
			in.Plan = j.Plan
		}
		errs := in.Validate()
		if j.Status == JobDraft {
			errs = in.ValidateDraft()
		}
		if len(errs) > 0 {
			return errs
		}
		co, err := postingCompany(ctx, tx, in.CompanyID, userID)
		if err != nil {
			return err
		}
		if j.Status == JobActive && (in.Title != j.Title || co.ID != j.CompanyID) {
			if err := allowJobChange(j, JobPendingReview, JobActive); err != nil {
				return err
			}
			j.Status, j.SubmittedAt = JobPendingReview, now
			if err := saveJobState(ctx, tx, j, now); err != nil {
				return err
			}
		}
		in.apply(j, co)
		j.UpdatedAt = now
		_, err = tx.NewUpdate().Model(j).Column(jobContent...).WherePK().Exec(ctx)
		return err
	})
	return j, err
}

// DuplicateJob copies a job of any status into a new draft of userID's,
// titled "… (copy)", to post again.
func DuplicateJob(ctx context.Context, db bun.IDB, id, userID int64, now time.Time) (*Job, error) {
	src, err := JobByID(ctx, db, id)
	if err != nil {
		return nil, err
	}
	in := InputFromJob(src)
	in.normalize()
	const suffix = " (copy)"
	if runes := []rune(in.Title); len(runes)+len(suffix) > MaxJobTitle {
		in.Title = strings.TrimSpace(string(runes[:MaxJobTitle-len(suffix)]))
	}
	in.Title += suffix
	j := &Job{Status: JobDraft, CreatedBy: userID, CreatedAt: now, UpdatedAt: now}
	in.apply(j, src.Company)
	_, err = db.NewInsert().Model(j).ExcludeColumn("id").Returning("id").Exec(ctx)
	return j, err
}

// CompanyJobs is one company of an employer with all its jobs.
type CompanyJobs struct {
	Company Company
	Jobs    []Job
}

// JobsForMember lists the companies a user belongs to, each with its jobs of
// any status, newest first: the employer dashboard.
func JobsForMember(ctx context.Context, db bun.IDB, userID int64) ([]CompanyJobs, error) {
	cos, err := CompaniesForUser(ctx, db, userID)
	if err != nil || len(cos) == 0 {
		return nil, err
	}
	ids := make([]int64, len(cos))
	out := make([]CompanyJobs, len(cos))
	for i, co := range cos {
		ids[i], out[i].Company = co.ID, co
	}
	var js []Job
	err = db.NewSelect().Model(&js).ColumnExpr(jobColumns).Where("company_id IN (?)", bun.In(ids)).
		Order("created_at DESC", "id DESC").Scan(ctx)
	for _, j := range js {
		i := slices.Index(ids, j.CompanyID)
		out[i].Jobs = append(out[i].Jobs, j)
	}
	return out, err
}
