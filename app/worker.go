package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"careercenter/app/mail"
	"careercenter/app/metrics"
	"careercenter/models"
)

// NewWorker builds the River client that runs background jobs: email
// delivery, job expiry with its reminders, and the periodic clean-up. Call
// Start and, on shutdown, Stop.
func NewWorker(cfg Config, d *DB, log *slog.Logger) (*river.Client[pgx.Tx], error) {
	return newWorker(cfg, d, log, nil)
}

// newWorker builds the River client counting deliveries into m (nil: none).
func newWorker(cfg Config, d *DB, log *slog.Logger, m *metrics.Metrics) (*river.Client[pgx.Tx], error) {
	sender, err := newSender(cfg, d)
	if err != nil {
		return nil, err
	}
	mailer, err := newMailer(cfg, d)
	if err != nil {
		return nil, err
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &mail.EmailWorker{Sender: countingSender{Sender: sender, m: m}, Pool: d.Pool})
	river.AddWorker(workers, &CleanupWorker{DB: d})
	river.AddWorker(workers, &ExpiryWorker{DB: d.Bun, Mail: mailer})
	river.AddWorker(workers, &AlertWorker{DB: d.Bun, Mail: mailer, Secret: cfg.SessionSecret})
	river.AddWorker(workers, &BoardFiguresWorker{DB: d.Bun})
	river.AddWorker(workers, &RelatedJobsWorker{DB: d.Bun})
	pool, listen := d.workerPool()
	return river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger: log,
		// Behind a pooler without a direct URL there is no LISTEN: poll.
		PollOnly: !listen,
		// A job left running by a killed worker goes to another after this
		// (default mail.RescueAfter); River's default is an hour. It must
		// exceed every job's timeout (mail's is mail.JobTimeout).
		RescueStuckJobsAfter: cfg.JobRescueAfter,
		// River's default job timeout, unless the rescue comes sooner (tests).
		JobTimeout: min(time.Minute, cfg.JobRescueAfter),
		Queues:     map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:    workers,
		PeriodicJobs: append([]*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(expiryInterval),
				func() (river.JobArgs, *river.InsertOpts) { return ExpiryArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			passPeriodicJob(figuresInterval, BoardFiguresArgs{Periodic: true}),
			passPeriodicJob(relatedInterval, RelatedJobsArgs{}),
		}, alertPeriodicJobs()...),
	})
}

// newSender sends through SMTP when SMTP_URL is set; in development without
// it, mail is kept in the dev outbox.
func newSender(cfg Config, d *DB) (mail.Sender, error) {
	if cfg.SMTPURL == "" {
		if !cfg.Dev() {
			return nil, fmt.Errorf("SMTP_URL is required outside development")
		}
		return mail.OutboxSender{DB: d.Bun}, nil
	}
	var opts []mail.SMTPOption
	if cfg.Dev() {
		opts = append(opts, mail.WithoutTLS())
	}
	return mail.NewSMTPSender(cfg.SMTPURL, cfg.MailFrom, opts...)
}

// countingSender counts each delivery attempt in the metrics.
type countingSender struct {
	mail.Sender
	m *metrics.Metrics
}

func (s countingSender) Send(ctx context.Context, e mail.Email) error {
	err := s.Sender.Send(ctx, e)
	s.m.Email(err)
	return err
}

// CleanupArgs is the periodic job that deletes expired rows.
type CleanupArgs struct{}

// Kind names the job in River's table.
func (CleanupArgs) Kind() string { return "cleanup" }

// InsertOpts keeps at most one clean-up waiting at a time.
func (CleanupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 5 * time.Minute}}
}

// CleanupWorker removes expired sessions, rate-limit counters, old sign-in
// failures, stale company invites, orders Stripe never opened, spent links
// and the job views of past days (their counts stay).
type CleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	DB *DB
}

// Work runs one clean-up pass.
func (w *CleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	for _, table := range []string{models.SessionTable, models.RateLimitTable} {
		if _, err := models.NewStorage(w.DB.Bun, table).DeleteExpired(ctx); err != nil {
			return err
		}
	}
	if _, err := models.DeleteOldLoginFailures(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.DeleteOldStripeEvents(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.DeleteOldLimitEvents(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.DeleteStaleInvites(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.DeleteUnopenedOrders(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.DeleteLapsedJobPages(ctx, w.DB.Bun); err != nil {
		return err
	}
	if _, err := models.FoldOldJobViews(ctx, w.DB.Bun, time.Now()); err != nil {
		return err
	}
	_, err := models.DeleteStaleTokens(ctx, w.DB.Bun)
	return err
}
