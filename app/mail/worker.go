package mail

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"careercenter/models/email"
)

// Delivery time limits. Everything else is derived from SMTPTimeout, so a
// send stuck by a killed process is retried within minutes, not River's
// default hour.
const (
	// SMTPTimeout bounds the connection (dial and greeting) and then the
	// whole exchange of one message, each.
	SMTPTimeout = 15 * time.Second
	// JobTimeout bounds one delivery attempt: the two SMTP deadlines plus as
	// much again for TLS and authentication, so only a stalled server hits it.
	JobTimeout = 4 * SMTPTimeout
	// RescueAfter is when River takes a job still marked running for stuck
	// (its process died) and retries it: past JobTimeout, so a send still at
	// work is never retried beside itself.
	RescueAfter = 2 * JobTimeout
)

// EmailWorker sends the emails queued by Mailer.Queue.
type EmailWorker struct {
	river.WorkerDefaults[EmailArgs]
	Sender Sender
	// Pool, when set, is the pool River works on: each sent email's job is
	// then recorded as completed at once, not in River's next completion
	// batch, so a process killed right after a send does not send it again.
	Pool *pgxpool.Pool
}

// Work returns the sender's error as it is: River then retries with backoff
// until the job's MaxAttempts, which covers both a server that is down and
// one that answers "try again later".
func (w *EmailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	a := job.Args
	id := a.MessageID
	if id == "" { // queued before Message-IDs were: one per job is as stable
		id = "email-" + strconv.FormatInt(job.ID, 10) + "@" + email.DomainOf(a.From)
	}
	err := w.Sender.Send(ctx, Email{To: a.To, From: a.From, Subject: a.Subject, Text: a.Text, HTML: a.HTML,
		Headers: a.Headers, MessageID: id})
	if err != nil || w.Pool == nil {
		return err
	}
	w.recordSent(ctx, job)
	return nil
}

// recordSent marks the job completed in its own short transaction. The mail
// has left whatever happens here: on a failure River's completer records it
// as usual, a moment later.
func (w *EmailWorker) recordSent(ctx context.Context, job *river.Job[EmailArgs]) {
	// Even if the attempt's time ran out during the send, it is recorded.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_ = pgx.BeginFunc(ctx, w.Pool, func(tx pgx.Tx) error {
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// Timeout bounds one attempt, so a hung connection frees its worker slot.
func (w *EmailWorker) Timeout(*river.Job[EmailArgs]) time.Duration { return JobTimeout }

// AddWorkers registers the email worker with the River workers of a process.
func AddWorkers(workers *river.Workers, sender Sender) {
	river.AddWorker(workers, &EmailWorker{Sender: sender})
}
