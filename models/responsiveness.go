package models

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Employer responsiveness: how a company answers the applications made on
// this board. The figure is built from applications.first_acted_at, which the
// pipeline sets as the company acts (see markActed), and refreshed by a
// periodic job into company_responsiveness, so pages only read one row.
const (
	// AnswerWindow is how far back applications count.
	AnswerWindow = 180 * 24 * time.Hour
	// AnswerDeadline is the time within which an answer counts as prompt;
	// applications younger than this are not counted yet (their outcome is
	// not known).
	AnswerDeadline = 14 * 24 * time.Hour
	// MinAnswerSample is the fewest applications a figure is shown for;
	// below it nothing is claimed.
	MinAnswerSample = 10
	// WaitingAfter is when an unanswered application counts against the
	// employer on their dashboard.
	WaitingAfter = 7 * 24 * time.Hour
	// NoAnswerAfter is when a candidate is told plainly that no answer came.
	NoAnswerAfter = 30 * 24 * time.Hour
	// ResponsiveRate is the share the "answers most applicants" filter asks for.
	ResponsiveRate = 0.7
)

// Responsiveness is a company's answer record over AnswerWindow.
type Responsiveness struct {
	bun.BaseModel `bun:"table:company_responsiveness"`

	CompanyID    int64     `bun:"company_id,pk"`
	Applications int       `bun:"applications"` // counted: made between 180 and 14 days ago
	Answered     int       `bun:"answered"`     // of those, answered within 14 days
	AnswerRate   float32   `bun:"answer_rate"`
	MedianDays   *float32  `bun:"median_days"` // nil when most were never answered
	RefreshedAt  time.Time `bun:"refreshed_at"`
}

// Shown reports a figure worth showing: enough applications to say anything.
func (r *Responsiveness) Shown() bool { return r != nil && r.Applications >= MinAnswerSample }

// SpeedText is "Usually answers within 3 days", or "" when there is nothing
// honest to say (too few applications, or most never answered).
func (r *Responsiveness) SpeedText() string {
	if !r.Shown() || r.MedianDays == nil {
		return ""
	}
	days := int(math.Ceil(float64(*r.MedianDays)))
	if days <= 1 {
		return "Usually answers within a day"
	}
	return "Usually answers within " + strconv.Itoa(days) + " days"
}

// ShareText is "Answers 9 in 10 applicants within 14 days" (rounded down, so
// the board never claims more than happened), or "" below the minimum sample.
func (r *Responsiveness) ShareText() string {
	if !r.Shown() {
		return ""
	}
	return r.share() + " within 14 days"
}

func (r *Responsiveness) share() string {
	switch tenths := r.Answered * 10 / r.Applications; {
	case r.Answered == r.Applications:
		return "Answers every applicant"
	case tenths == 0:
		return "Answers fewer than 1 in 10 applicants"
	default:
		return "Answers " + strconv.Itoa(tenths) + " in 10 applicants"
	}
}

// Text is the one line a search card shows: "Answers 9 in 10 applicants,
// usually within 3 days", or the share alone when most are never answered.
func (r *Responsiveness) Text() string {
	speed := r.SpeedText()
	if speed == "" {
		return r.ShareText()
	}
	return r.share() + ", usually" + strings.TrimPrefix(speed, "Usually answers")
}

// AnswerText is the responsiveness line of a job's card and page, "" when
// the job takes applications elsewhere (the board cannot see those answers)
// or its company has no figure. The company must carry its Answers.
func (j Job) AnswerText() string {
	if j.ApplyMethod != "onsite" || j.Company == nil {
		return ""
	}
	return j.Company.Answers.Text()
}

// markActed records the company's first act on an application (a status
// change, or anything else the candidate is shown); later acts keep the
// first time. Every pipeline change of the company calls it in its
// transaction.
func markActed(ctx context.Context, db bun.IDB, applicationID int64, now time.Time) error {
	_, err := db.NewRaw(`UPDATE applications SET first_acted_at = ? WHERE id = ? AND first_acted_at IS NULL`,
		now, applicationID).Exec(ctx)
	return err
}

// RefreshResponsiveness recomputes every company's figure as of now.
func RefreshResponsiveness(ctx context.Context, db bun.IDB, now time.Time) error {
	return refillTable(ctx, db, "company_responsiveness", responsivenessSQL,
		now, now.Add(-AnswerWindow), now.Add(-AnswerDeadline))
}

// responsivenessSQL writes every company's figure as of ?0 from the
// applications of (?1, ?2]. An act recorded after now (a test's clock) has
// not happened yet.
const responsivenessSQL = `
WITH a AS (
	SELECT j.company_id,
		CASE WHEN a.first_acted_at <= ?0 THEN extract(epoch FROM a.first_acted_at - a.created_at) / 86400
			ELSE 'Infinity'::float8 END AS days
	FROM applications a JOIN jobs j ON j.id = a.job_id
	WHERE j.apply_method = 'onsite' AND a.created_at > ?1 AND a.created_at <= ?2
		AND NOT (a.status = 'withdrawn' AND (a.first_acted_at IS NULL OR a.first_acted_at > ?0))
)
INSERT INTO company_responsiveness (company_id, applications, answered, answer_rate, median_days, refreshed_at)
SELECT company_id, count(*), count(*) FILTER (WHERE days <= 14),
	(count(*) FILTER (WHERE days <= 14))::real / count(*),
	nullif(percentile_disc(0.5) WITHIN GROUP (ORDER BY days), 'Infinity'::float8), ?0
FROM a GROUP BY company_id`

// ResponsivenessFor is a company's figure, nil when it has none.
func ResponsivenessFor(ctx context.Context, db bun.IDB, companyID int64) (*Responsiveness, error) {
	r := new(Responsiveness)
	err := db.NewSelect().Model(r).Where("company_id = ?", companyID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// AllResponsiveness is every company's figure, by company: few rows (one
// per company with applications), kept by a process for its job pages.
func AllResponsiveness(ctx context.Context, db bun.IDB) (map[int64]*Responsiveness, error) {
	var rs []*Responsiveness
	if err := db.NewSelect().Model(&rs).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]*Responsiveness, len(rs))
	for _, r := range rs {
		out[r.CompanyID] = r
	}
	return out, nil
}

// AttachAnswers loads the figures of the jobs' companies (already attached)
// in one query, for cards.
func AttachAnswers(ctx context.Context, db bun.IDB, jobs []Job) error {
	ids := make([]int64, 0, len(jobs))
	for _, j := range jobs {
		if j.Company != nil && j.ApplyMethod == "onsite" {
			ids = append(ids, j.CompanyID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var rs []Responsiveness
	if err := db.NewSelect().Model(&rs).Where("company_id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return err
	}
	for i := range rs {
		for _, j := range jobs {
			if j.Company != nil && j.CompanyID == rs[i].CompanyID {
				j.Company.Answers = &rs[i]
			}
		}
	}
	return nil
}

// EmployerAnswers is what a company's members see of their own figure: the
// public figure (possibly below the sample, shown to them as counts) and
// what drags it.
type EmployerAnswers struct {
	Figure  *Responsiveness
	Waiting int // open applications unanswered for more than WaitingAfter
}

// AnswersForCompanies reads the figures and waiting counts of companies.
func AnswersForCompanies(ctx context.Context, db bun.IDB, ids []int64, now time.Time) (map[int64]EmployerAnswers, error) {
	out := make(map[int64]EmployerAnswers, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rs []Responsiveness
	if err := db.NewSelect().Model(&rs).Where("company_id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	for i := range rs {
		out[rs[i].CompanyID] = EmployerAnswers{Figure: &rs[i]}
	}
	var waiting []struct {
		CompanyID int64 `bun:"company_id"`
		N         int   `bun:"n"`
	}
	err := db.NewRaw(`SELECT j.company_id, count(*) AS n FROM applications a JOIN jobs j ON j.id = a.job_id
		WHERE j.company_id IN (?) AND a.status = ? AND a.first_acted_at IS NULL AND a.created_at < ?
		GROUP BY j.company_id`, bun.In(ids), AppNew, now.Add(-WaitingAfter)).Scan(ctx, &waiting)
	for _, w := range waiting {
		e := out[w.CompanyID]
		e.Waiting = w.N
		out[w.CompanyID] = e
	}
	return out, err
}

// Unanswered reports an application the company has not acted on; DaysWaiting
// says for how long, as of now.
func (a *Application) Unanswered() bool {
	return a.Status == AppNew && a.FirstActedAt.IsZero()
}

// NoAnswerDays is how many days an unanswered application has waited once
// that is NoAnswerAfter or more; 0 otherwise.
func (a *Application) NoAnswerDays(now time.Time) int {
	if !a.Unanswered() || now.Sub(a.CreatedAt) < NoAnswerAfter {
		return 0
	}
	return int(now.Sub(a.CreatedAt) / (24 * time.Hour))
}
