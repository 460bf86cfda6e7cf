package mail

import (
	"context"
	"strconv"
	"time"

	"github.com/riverqueue/river"
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
}

// Work returns the sender's error as it is: River then retries with backoff
// until the job's MaxAttempts, which covers both a server that is down and
// one that answers "try again later".
func (w *EmailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	a := job.Args
	id := a.MessageID
	if id == "" { // queued before Message-IDs were: one per job is as stable
		id = "email-" + strconv.FormatInt(job.ID, 10) + "@" + domainOf(a.From)
	}
	return w.Sender.Send(ctx, Email{To: a.To, From: a.From, Subject: a.Subject, Text: a.Text, HTML: a.HTML,
		Headers: a.Headers, MessageID: id})
}

// Timeout bounds one attempt, so a hung connection frees its worker slot.
func (w *EmailWorker) Timeout(*river.Job[EmailArgs]) time.Duration { return JobTimeout }

// AddWorkers registers the email worker with the River workers of a process.
func AddWorkers(workers *river.Workers, sender Sender) {
	river.AddWorker(workers, &EmailWorker{Sender: sender})
}
