package app

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// BoardFiguresArgs is the job that refreshes the board's figures (employer
// responsiveness and pay), periodically and after each approval.
type BoardFiguresArgs struct {
	// Periodic passes skip a refresh when the figures are younger than half
	// the interval: every start of a worker runs one, and at 100,000 jobs a
	// refresh is a minute of database work.
	Periodic bool `json:"periodic,omitempty"`
}

// Kind names the job in River's table.
func (BoardFiguresArgs) Kind() string { return "board_figures" }

// figuresInterval: pages show figures at most this old (an approval
// refreshes them sooner).
const figuresInterval = 15 * time.Minute

// passPeriodicJob runs args on start and every interval, one waiting pass
// at a time however many workers start together.
func passPeriodicJob(interval time.Duration, args river.JobArgs) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) {
			return args, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: interval / 2}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}

// BoardFiguresWorker recomputes the aggregates pages read.
type BoardFiguresWorker struct {
	river.WorkerDefaults[BoardFiguresArgs]
	DB    *bun.DB
	Clock func() time.Time // nil: the real time; tests move it
}

// Work runs one refresh.
func (w *BoardFiguresWorker) Work(ctx context.Context, job *river.Job[BoardFiguresArgs]) error {
	now := clockNow(w.Clock)
	if job.Args.Periodic {
		at, err := models.PayRefreshedAt(ctx, w.DB)
		if err != nil || (!at.IsZero() && now.Sub(at) < figuresInterval/2) {
			return err
		}
	}
	return models.RefreshBoardFigures(ctx, w.DB, now)
}

// figuresQueue asks for a refresh in the caller's transaction (the web
// layer's handlers.FiguresQueue), so it runs only once the change commits.
type figuresQueue struct{ jobs *river.Client[*sql.Tx] }

// QueueRefresh inserts one refresh job.
func (q figuresQueue) QueueRefresh(ctx context.Context, db bun.IDB) error {
	var err error
	if tx := models.SQLTx(db); tx != nil {
		_, err = q.jobs.InsertTx(ctx, tx, BoardFiguresArgs{}, nil)
	} else {
		_, err = q.jobs.Insert(ctx, BoardFiguresArgs{}, nil)
	}
	return err
}

// clockNow is the time a worker runs at: its clock, or the real time.
func clockNow(clock func() time.Time) time.Time {
	if clock != nil {
		return clock()
	}
	return time.Now()
}
