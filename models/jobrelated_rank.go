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
	res, err := db.NewRaw(`
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
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
