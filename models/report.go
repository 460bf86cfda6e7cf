package models

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Report reasons, in the order the form lists them.
const (
	ReportScam          = "scam"
	ReportWrongInfo     = "wrong_info"
	ReportFilled        = "filled"
	ReportDiscriminator = "discriminatory"
	ReportOther         = "other"
)

// ReportReasons are the codes a reader may choose, with their labels.
var ReportReasons = []Term{
	{ReportScam, "Scam, or asks candidates for money"},
	{ReportWrongInfo, "Wrong information"},
	{ReportFilled, "Already filled"},
	{ReportDiscriminator, "Discriminatory"},
	{ReportOther, "Something else"},
}

// ReportsToHide is how many distinct readers' open reports hide a job from
// the board until an admin looks at it.
const ReportsToHide = 3

// reportsPerHour limits one reader (or one guest address) across all jobs,
// so reporting stays cheap without a rate-limit route.
const reportsPerHour = 10

// HiddenByReports is jobs.hidden_reason for a job hidden by reports.
const HiddenByReports = "reports"

// ErrAlreadyReported refuses a second report of a job by the same reader.
var ErrAlreadyReported = errors.New("job already reported by this reader")

// ErrTooManyReports refuses a reader who reports too much in an hour.
var ErrTooManyReports = errors.New("too many reports from this reader")

// JobReport is one reader's report of a job.
type JobReport struct {
	bun.BaseModel `bun:"table:job_reports,alias:r"`

	ID          int64     `bun:"id,pk,autoincrement"`
	JobID       int64     `bun:"job_id"`
	ReporterID  int64     `bun:"reporter_id,nullzero"`
	ReporterKey []byte    `bun:"reporter_key"`
	IPKey       []byte    `bun:"ip_key"`
	Reason      string    `bun:"reason"`
	Details     string    `bun:"details"`
	ResolvedAt  time.Time `bun:"resolved_at,nullzero"`
	CreatedAt   time.Time `bun:"created_at,nullzero,default:now()"`
}

// ReasonLabel is the reason as the admin reads it.
func (r *JobReport) ReasonLabel() string { return TermLabel(ReportReasons, r.Reason) }

// Reporter is who reports: an account, or a guest known by keyed hashes of
// its cookie and address (IPKey is nil for accounts).
type Reporter struct {
	UserID int64
	Key    []byte
	IPKey  []byte
}

// ReportInput is the report form.
type ReportInput struct{ Reason, Details string }

// Validate checks the reason code, and that "other" says what is wrong.
func (in *ReportInput) Validate() ValidationErrors {
	in.Details = strings.TrimSpace(in.Details)
	errs := ValidationErrors{}
	if !IsTerm(ReportReasons, in.Reason) {
		errs.Add("reason", "Choose what is wrong with this job.")
	}
	if in.Reason == ReportOther && in.Details == "" {
		errs.Add("details", "Tell us what is wrong with this job.")
	}
	if len([]rune(in.Details)) > 2000 {
		errs.Add("details", "Keep it under 2,000 characters.")
	}
	return errs
}

// ReportJob records a reader's report of a public job. Past ReportsToHide
// distinct reporters (guests from one address count once) the job is hidden
// pending review, which takes it out of search at once; it returns whether
// the job is now hidden.
func ReportJob(ctx context.Context, db bun.IDB, jobID int64, who Reporter, in ReportInput, now time.Time) (bool, error) {
	if errs := in.Validate(); len(errs) > 0 {
		return false, errs
	}
	hidden := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Lock the job so concurrent reports count one after the other.
		var j struct {
			Status   string    `bun:"status"`
			HiddenAt time.Time `bun:"hidden_at,nullzero"`
		}
		err := tx.NewRaw(`SELECT status, hidden_at FROM jobs WHERE id = ? FOR UPDATE`, jobID).Scan(ctx, &j)
		if err = notFound(err); err != nil {
			return err
		}
		if j.Status != JobActive {
			return ErrNotFound
		}
		if err := checkReporter(ctx, tx, jobID, who, now); err != nil {
			return err
		}
		r := &JobReport{JobID: jobID, ReporterID: who.UserID, ReporterKey: who.Key, IPKey: who.IPKey,
			Reason: in.Reason, Details: in.Details, CreatedAt: now}
		res, err := tx.NewInsert().Model(r).ExcludeColumn("id", "resolved_at").On("CONFLICT (job_id, reporter_key) DO NOTHING").Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrAlreadyReported
		}
		if !j.HiddenAt.IsZero() {
			hidden = true
			return nil
		}
		var reporters int
		if err := tx.NewRaw(`SELECT count(DISTINCT coalesce(reporter_id::text, encode(ip_key, 'hex'), encode(reporter_key, 'hex')))
			FROM job_reports WHERE job_id = ? AND resolved_at IS NULL`, jobID).Scan(ctx, &reporters); err != nil {
			return err
		}
		if reporters < ReportsToHide {
			return nil
		}
		hidden = true
		_, err = tx.NewRaw(`UPDATE jobs SET hidden_at = ?, hidden_reason = ? WHERE id = ?`, now, HiddenByReports, jobID).Exec(ctx)
		return err
	})
	return hidden, err
}

// checkReporter refuses a guest whose address already reported the job (a
// new cookie is not a new reader), and anyone over the hourly limit.
func checkReporter(ctx context.Context, tx bun.IDB, jobID int64, who Reporter, now time.Time) error {
	if who.IPKey != nil {
		dup, err := tx.NewSelect().Model((*JobReport)(nil)).
			Where("job_id = ? AND ip_key = ? AND reporter_id IS NULL", jobID, who.IPKey).Exists(ctx)
		if err != nil {
			return err
		}
		if dup {
			return ErrAlreadyReported
		}
	}
	q := tx.NewSelect().Model((*JobReport)(nil)).Where("created_at > ?", now.Add(-time.Hour))
	if who.IPKey != nil {
		q = q.Where("(reporter_key = ? OR ip_key = ?)", who.Key, who.IPKey)
	} else {
		q = q.Where("reporter_key = ?", who.Key)
	}
	n, err := q.Count(ctx)
	if err != nil {
		return err
	}
	if n >= reportsPerHour {
		return ErrTooManyReports
	}
	return nil
}

// ReportedJob is one line of the admin reports queue: a job and its open
// reports.
type ReportedJob struct {
	Job     *Job
	Reports []JobReport
	Scams   int // how many of them say scam
}

// ReportQueue lists the jobs with open reports: most reporters first, scams
// before other reasons at the same count, then the oldest report first.
func ReportQueue(ctx context.Context, db bun.IDB) ([]ReportedJob, error) {
	var reports []JobReport
	// A removed job's reports need nothing more.
	if err := db.NewSelect().Model(&reports).Where("resolved_at IS NULL").
		Where("job_id IN (SELECT id FROM jobs WHERE status <> ?)", JobRemoved).
		OrderExpr("created_at, id").Limit(2000).Scan(ctx); err != nil {
		return nil, err
	}
	if len(reports) == 0 {
		return nil, nil
	}
	byJob := map[int64]*ReportedJob{}
	var ids []int64
	for _, r := range reports {
		rj := byJob[r.JobID]
		if rj == nil {
			rj = &ReportedJob{}
			byJob[r.JobID] = rj
			ids = append(ids, r.JobID)
		}
		rj.Reports = append(rj.Reports, r)
		if r.Reason == ReportScam {
			rj.Scams++
		}
	}
	var jobs []Job
	if err := db.NewSelect().Model(&jobs).ColumnExpr(jobColumns).Relation("Company").
		Where("job.id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]ReportedJob, 0, len(jobs))
	for i := range jobs {
		rj := byJob[jobs[i].ID]
		rj.Job = &jobs[i]
		out = append(out, *rj)
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if len(x.Reports) != len(y.Reports) {
			return len(x.Reports) > len(y.Reports)
		}
		if (x.Scams > 0) != (y.Scams > 0) {
			return x.Scams > 0
		}
		return x.Reports[0].ID < y.Reports[0].ID
	})
	return out, nil
}

// ResolveReports closes every open report of the job that report id is
// about, and returns that job's id. Whether the job stays hidden is the
// admin's separate choice (unhide or remove).
func ResolveReports(ctx context.Context, db bun.IDB, id int64, now time.Time) (int64, error) {
	var jobID int64
	if err := db.NewRaw(`SELECT job_id FROM job_reports WHERE id = ?`, id).Scan(ctx, &jobID); err != nil {
		return 0, notFound(err)
	}
	_, err := db.NewUpdate().Model((*JobReport)(nil)).Set("resolved_at = ?", now).
		Where("job_id = ? AND resolved_at IS NULL", jobID).Exec(ctx)
	return jobID, err
}
