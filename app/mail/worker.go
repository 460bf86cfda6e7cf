package mail

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// emailTimeout bounds one delivery attempt; go-mail's own connect timeout is
// shorter, this also covers a server that stalls mid-message.
const emailTimeout = time.Minute

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
	return w.Sender.Send(ctx, Email{To: a.To, From: a.From, Subject: a.Subject, Text: a.Text, HTML: a.HTML, Headers: a.Headers})
}

// Timeout bounds one attempt, so a hung connection frees its worker slot.
func (w *EmailWorker) Timeout(*river.Job[EmailArgs]) time.Duration { return emailTimeout }

// AddWorkers registers the email worker with the River workers of a process.
func AddWorkers(workers *river.Workers, sender Sender) {
	river.AddWorker(workers, &EmailWorker{Sender: sender})
}
