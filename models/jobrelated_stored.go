package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// RelatedMaxAge is how long a job's ranked list of similar jobs is kept: a
// job published meanwhile joins the list this late. Jobs that stop being
// live leave it at once (the list is filtered when read). The worker ranks
// lists again before they reach this age (RankRelatedJobs).
const RelatedMaxAge = 24 * time.Hour

// RelatedListSize is how many similar jobs a job page lists.
const RelatedListSize = 5

// StoredRelatedJobs is RelatedJobs for a public job page: the list ranked
// earlier (j.RelatedIDs, loaded by JobForPage) while it is younger than
// RelatedMaxAge, otherwise ranked now and stored for the next views and
// every process, and noted on j.
func StoredRelatedJobs(ctx context.Context, db bun.IDB, j *Job, now time.Time, limit int) ([]Job, error) {
	if !j.RelatedAt.IsZero() && !now.Before(j.RelatedAt) && now.Sub(j.RelatedAt) < RelatedMaxAge {
		return liveJobsByIDs(ctx, db, j.RelatedIDs, now, limit)
	}
	js, err := RelatedJobs(ctx, db, j, now, limit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(js))
	for i := range js {
		ids[i] = js[i].ID
	}
	_, err = db.NewRaw(`INSERT INTO job_related (job_id, related_ids, ranked_at) VALUES (?, ?, ?)
		ON CONFLICT (job_id) DO UPDATE SET related_ids = EXCLUDED.related_ids, ranked_at = EXCLUDED.ranked_at`,
		j.ID, pgdialect.Array(ids), now).Exec(ctx)
	if err == nil {
		// The page drawn from js shows this ranking (a kept page says which).
		j.RelatedIDs, j.RelatedAt = ids, now
	}
	return js, err
}

// jobCardColumns are what a job card shows (views/partials/job_card.html):
// a card needs no description, the largest part of a job.
var jobCardColumns = []string{"id", "company_id", "status", "plan", "title", "slug", "company_name", "city",
	"state", "work_mode", "remote_states", "employment_type", "credentials_required", "apprentice_ok",
	"salary_min", "salary_max", "salary_period", "apply_method", "featured_until", "published_at", "expires_at"}

// liveJobsByIDs loads the cards of the jobs of ids that are still live, in
// the order of ids, at most limit; one statement prepared once per
// connection.
func liveJobsByIDs(ctx context.Context, db bun.IDB, ids []int64, now time.Time, limit int) ([]Job, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var js []Job
	err := scanPrepared(ctx, db, &js, liveJobsByIDsText.get(func() string {
		return whereLiveAt(db.NewSelect().Model((*Job)(nil)).Column(jobCardColumns...), bun.Safe("$2")).
			Where("job.id = ANY($1::bigint[])").
			OrderExpr("array_position($1::bigint[], job.id)").String() + " LIMIT $3"
	}), ids, now, limit)
	return js, err
}

var liveJobsByIDsText onceText
