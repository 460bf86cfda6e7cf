package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// SetJobSaved saves or unsaves a job for a user; both are idempotent, so a
// double click or a stale button never flips the state the wrong way. Only
// jobs whose page the public may read (live, expired or filled) can be
// saved; anything else is ErrNotFound.
func SetJobSaved(ctx context.Context, db bun.IDB, userID, jobID int64, saved bool, now time.Time) error {
	if !saved {
		_, err := db.NewRaw(`DELETE FROM saved_jobs WHERE user_id = ? AND job_id = ?`, userID, jobID).Exec(ctx)
		return err
	}
	j, err := JobByID(ctx, db, jobID)
	if err != nil {
		return err
	}
	if st := j.PageState(now); st == JobPageGone || st == JobPageUnpublished || !j.HiddenAt.IsZero() {
		return ErrNotFound
	}
	_, err = db.NewRaw(`INSERT INTO saved_jobs (user_id, job_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		userID, jobID).Exec(ctx)
	return err
}

// JobSaved reports whether a user has saved a job.
func JobSaved(ctx context.Context, db bun.IDB, userID, jobID int64) (bool, error) {
	return db.NewSelect().Table("saved_jobs").
		Where("user_id = ? AND job_id = ?", userID, jobID).Exists(ctx)
}

// SavedJob is one job on the "Saved jobs" page. Mark says why it can no
// longer be applied to ("Expired", "Filled", "Removed"); "" while it is live.
type SavedJob struct {
	Job  Job
	Mark string
}

// SavedJobs lists a user's saved jobs, most recently saved first, each marked
// by what has become of it since.
func SavedJobs(ctx context.Context, db bun.IDB, userID int64, now time.Time) ([]SavedJob, error) {
	var js []Job
	err := db.NewSelect().Model(&js).ColumnExpr(jobColumns).Relation("Company").
		Join("JOIN saved_jobs AS sj ON sj.job_id = job.id").
		Where("sj.user_id = ?", userID).
		OrderExpr("sj.created_at DESC, job.id DESC").Scan(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]SavedJob, len(js))
	for i, j := range js {
		out[i] = SavedJob{Job: j, Mark: savedJobMark(&js[i], now)}
	}
	return out, nil
}

func savedJobMark(j *Job, now time.Time) string {
	if !j.HiddenAt.IsZero() {
		return "Removed"
	}
	switch j.PageState(now) {
	case JobPageLive:
		return ""
	case JobPageExpired:
		return "Expired"
	case JobPageFilled:
		return "Filled"
	default:
		return "Removed"
	}
}

// SavedAmong returns which of jobIDs the user has saved, in one query, for
// the save buttons of a list.
func SavedAmong(ctx context.Context, db bun.IDB, userID int64, jobIDs []int64) (map[int64]bool, error) {
	saved := map[int64]bool{}
	if len(jobIDs) == 0 {
		return saved, nil
	}
	var ids []int64
	err := db.NewRaw(`SELECT job_id FROM saved_jobs WHERE user_id = ? AND job_id = ANY(?)`,
		userID, pgdialect.Array(jobIDs)).Scan(ctx, &ids)
	for _, id := range ids {
		saved[id] = true
	}
	return saved, err
}
