package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// relatedCandidates caps how many matching jobs are ranked by overlap: a
// common setting can match most of the board, and ranking every match would
// grow with it.
const relatedCandidates = 200

// RelatedJobs lists up to limit live jobs that share a specialty or a setting
// with j, those sharing the most first, then the newest. A job with neither
// has no related jobs.
func RelatedJobs(ctx context.Context, db bun.IDB, j *Job, now time.Time, limit int) ([]Job, error) {
	if len(j.Specialties) == 0 && len(j.Settings) == 0 || limit <= 0 {
		return nil, nil
	}
	specialties, settings := pgdialect.Array(nonNil(j.Specialties)), pgdialect.Array(nonNil(j.Settings))
	candidates := whereLive(db.NewSelect().Model((*Job)(nil)).ColumnExpr(jobColumns), now).
		Where("job.id <> ?", j.ID).
		Where("(job.specialties && ? OR job.settings && ?)", specialties, settings).
		Order("job.published_at DESC", "job.id DESC").Limit(relatedCandidates)
	var js []Job
	err := db.NewSelect().Model(&js).ColumnExpr(jobColumns).
		ModelTableExpr("(?) AS job", candidates).
		OrderExpr(`cardinality(ARRAY(SELECT unnest(job.specialties) INTERSECT SELECT unnest(?::text[])))
			+ cardinality(ARRAY(SELECT unnest(job.settings) INTERSECT SELECT unnest(?::text[]))) DESC`,
			specialties, settings).
		Order("job.published_at DESC", "job.id DESC").Limit(int64(limit)).Scan(ctx)
	return js, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CompanyHasLogo reports whether the company has uploaded a logo, so a page
// draws an <img> only when there is one to show.
func CompanyHasLogo(ctx context.Context, db bun.IDB, companyID int64) (bool, error) {
	var has bool
	err := db.NewRaw(`SELECT EXISTS (SELECT 1 FROM company_logos WHERE company_id = ?)`, companyID).
		Scan(ctx, &has)
	return has, err
}
