package app

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// RelatedJobsArgs is the periodic job that ranks job pages' similar jobs
// (models.RankRelatedJobs), so pages read a stored list.
type RelatedJobsArgs struct{}

// Kind names the job in River's table.
func (RelatedJobsArgs) Kind() string { return "related_jobs" }

// relatedInterval and relatedBatch: a pass every five minutes ranks up to
// 1,000 lists (about 10 s of database time at 100,000 jobs), so a board of
// 75,000 live jobs is ranked within seven hours of its first start and then
// once a day (models.RelatedMaxAge). Until then a job page ranks its own
// list on its first view.
const (
	relatedInterval = 5 * time.Minute
	relatedBatch    = 1000
)

// RelatedJobsWorker runs one pass, in batches of 200 so no statement runs
// for long.
type RelatedJobsWorker struct {
	river.WorkerDefaults[RelatedJobsArgs]
	DB    *bun.DB
	Clock func() time.Time // nil: the real time; tests move it
}

// Work ranks up to relatedBatch lists.
func (w *RelatedJobsWorker) Work(ctx context.Context, _ *river.Job[RelatedJobsArgs]) error {
	for done := 0; done < relatedBatch; {
		n, err := models.RankRelatedJobs(ctx, w.DB, clockNow(w.Clock), 200)
		if err != nil || n == 0 {
			return err
		}
		done += n
	}
	return nil
}
