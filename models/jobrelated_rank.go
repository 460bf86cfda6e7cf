package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RankRelatedJobs ranks and stores the similar jobs of up to batch live
// jobs whose list is missing or older than RelatedMaxAge, the oldest first,
// in one statement: the worker's periodic pass, so a job page seldom ranks
// its own. It returns how many lists it wrote. The ranking is RelatedJobs'.
func RankRelatedJobs(ctx context.Context, db bun.IDB, now time.Time, batch int) (int, error) {
	var n int64
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// For a whole batch the planner does not know the arrays and picks a
		// bitmap over every job sharing a value (18,000 rows, 150 ms a job at
		// 100,000 jobs); the walk of jobs_live_idx newest first, as for one
		// job, stops after 200 matches (20 ms).
		if _, err := tx.ExecContext(ctx, `SET LOCAL enable_bitmapscan = off`); err != nil {
			return err
		}
		res, err := tx.NewRaw(`
WITH batch AS (
	SELECT j.id FROM jobs j LEFT JOIN job_related r ON r.job_id = j.id
	WHERE j.status = ?0 AND (j.expires_at > ?1) IS TRUE AND j.hidden_at IS NULL
		AND (r.ranked_at IS NULL OR r.ranked_at <= ?2)
	ORDER BY r.ranked_at NULLS FIRST, j.id
	LIMIT ?3
)
INSERT INTO job_related (job_id, related_ids, ranked_at)
SELECT j.id, coalesce(ranked.ids, '{}'), ?1
FROM batch JOIN jobs j ON j.id = batch.id
CROSS JOIN LATERAL (
	SELECT array_agg(c.id ORDER BY c.score DESC, c.published_at DESC, c.id DESC) AS ids FROM (
		SELECT c.id, c.published_at,
			cardinality(ARRAY(SELECT unnest(c.specialties) INTERSECT SELECT unnest(j.specialties)))
			+ cardinality(ARRAY(SELECT unnest(c.settings) INTERSECT SELECT unnest(j.settings))) AS score
		FROM (
			SELECT c.id, c.published_at, c.specialties, c.settings FROM jobs c
			WHERE c.status = ?0 AND (c.expires_at > ?1) IS TRUE AND c.hidden_at IS NULL AND c.id <> j.id
				AND (c.specialties && j.specialties OR c.settings && j.settings)
			ORDER BY c.published_at DESC, c.id DESC LIMIT ?4
		) c
		ORDER BY score DESC, c.published_at DESC, c.id DESC LIMIT ?5
	) c
) ranked
ON CONFLICT (job_id) DO UPDATE SET related_ids = EXCLUDED.related_ids, ranked_at = EXCLUDED.ranked_at`,
			JobActive, now, now.Add(-RelatedMaxAge), batch, relatedCandidates, RelatedListSize).Exec(ctx)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
