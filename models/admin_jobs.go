package models

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// AdminJobFilter is the admin jobs search: words of the title or company name,
// and a status.
type AdminJobFilter struct {
	Query  string
	Status string
}

// AdminSearchJobs lists jobs of any status matching f, newest first.
func AdminSearchJobs(ctx context.Context, db bun.IDB, f AdminJobFilter) ([]Job, error) {
	var js []Job
	q := db.NewSelect().Model(&js).ColumnExpr(jobColumns).Relation("Company").
		Order("job.created_at DESC", "job.id DESC").Limit(AdminListSize)
	if f.Query != "" {
		like := "%" + likeEscape(strings.TrimSpace(f.Query)) + "%"
		q = q.Where("job.title ILIKE ? OR job.company_name ILIKE ?", like, like)
	}
	if slices.Contains(JobStatuses, f.Status) {
		q = q.Where("job.status = ?", f.Status)
	}
	return js, q.Scan(ctx)
}

// JobStatuses lists every status, in lifecycle order.
var JobStatuses = []string{JobDraft, JobPendingPayment, JobPendingReview, JobActive,
	JobExpired, JobFilled, JobRejected, JobWithdrawn, JobRemoved}

// AskForChanges sends a job in review back to its author as a draft, with
// the note of what to change (kept as its rejection reason until it is
// published).
func AskForChanges(ctx context.Context, db bun.IDB, id int64, note string, now time.Time) (*Job, error) {
	return sendBack(ctx, db, id, JobDraft, "note", note, "Say what to change.", now)
}

// FeatureJobUntil features a live job until a date (not past its expiry).
func FeatureJobUntil(ctx context.Context, db bun.IDB, id int64, until string, now time.Time) (*Job, error) {
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(until), time.UTC)
	if err != nil {
		return nil, ValidationErrors{"until": "Enter a date like 2030-12-31."}
	}
	end := day.Add(24*time.Hour - time.Second) // the whole of that day
	if !end.After(now) {
		return nil, ValidationErrors{"until": "Enter a date from today on."}
	}
	return changeJob(ctx, db, id, JobActive, []string{JobActive},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			j.FeaturedUntil = end
			if j.FeaturedUntil.After(j.ExpiresAt) {
				j.FeaturedUntil = j.ExpiresAt
			}
			return saveJobState(ctx, tx, j, now)
		})
}

// ExtendJob moves a live job's expiry days later (from now, if it has passed).
func ExtendJob(ctx context.Context, db bun.IDB, id int64, days string, now time.Time) (*Job, error) {
	n, err := strconv.Atoi(strings.TrimSpace(days))
	if err != nil || n < 1 || n > 365 {
		return nil, ValidationErrors{"days": "Enter a number of days from 1 to 365."}
	}
	return changeJob(ctx, db, id, JobActive, []string{JobActive},
		func(ctx context.Context, tx bun.Tx, j *Job) error {
			if j.ExpiresAt.Before(now) {
				j.ExpiresAt = now
			}
			j.ExpiresAt = j.ExpiresAt.Add(time.Duration(n) * 24 * time.Hour)
			j.RemindedAt = time.Time{} // remind again before the new date
			return saveJobState(ctx, tx, j, now)
		})
}

// UnhideJob puts a hidden job back on the board, whatever hid it.
func UnhideJob(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Job, error) {
	j := new(Job)
	err := db.NewUpdate().Model(j).Set("hidden_at = NULL, hidden_reason = ''").Set("updated_at = ?", now).
		Where("id = ?", id).Returning("id, title, slug, status").Scan(ctx)
	return j, notFound(err)
}
