// Package mail sends the emails models/email builds: it queues them as River
// jobs, so a slow or failing mail server never holds up a request and a
// failed delivery is retried, and delivers them (SMTP, or the development
// outbox).
package mail

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/email"
)

// Mailer is the queue of emails: each one a River job, inserted in the
// caller's transaction when db is one.
type Mailer struct {
	jobs *river.Client[*sql.Tx]
}

// New builds the site's emails from the templates (the views file system),
// queued through jobs (an insert-only client will do; nil where nothing is
// queued).
func New(templates fs.FS, from, baseURL string, jobs *river.Client[*sql.Tx]) (*email.Mail, error) {
	return email.New(templates, from, baseURL, &Mailer{jobs: jobs})
}

// Email is one rendered email, ready to leave.
type Email = email.Email

// Queue queues emails for sending, in one insert. When db is a transaction
// they are queued in it, so they are sent only if the event that caused them
// commits.
func (m *Mailer) Queue(ctx context.Context, db bun.IDB, emails ...Email) error {
	if len(emails) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(emails))
	for i, e := range emails {
		params[i] = river.InsertManyParams{Args: argsOf(e)}
	}
	var err error
	if tx := models.SQLTx(db); tx != nil {
		_, err = m.jobs.InsertManyTx(ctx, tx, params)
	} else {
		_, err = m.jobs.InsertMany(ctx, params)
	}
	if err != nil {
		return fmt.Errorf("queue email %q: %w", emails[0].Subject, err)
	}
	return nil
}

// argsOf is the job of sending e.
func argsOf(e Email) EmailArgs {
	return EmailArgs{To: e.To, From: e.From, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Key: e.Key,
		Headers: e.Headers, MessageID: e.MessageID}
}

// EmailArgs is the job of sending one rendered email. Jobs carry the finished
// text so that a retry sends exactly what the event produced.
type EmailArgs struct {
	To      string            `json:"to"`
	From    string            `json:"from"`
	Subject string            `json:"subject"`
	Text    string            `json:"text"`
	HTML    string            `json:"html"`
	Key     string            `json:"key,omitempty" river:"unique"`
	Headers map[string]string `json:"headers,omitempty"`
	// MessageID is set at queue time, so every attempt sends the same one.
	MessageID string `json:"message_id,omitempty"`
}

// Kind names the job type in River's table.
func (EmailArgs) Kind() string { return "email" }

// emailMaxAttempts spreads retries over about a week with River's default
// backoff (attempt^4 seconds), enough to ride out a mail provider outage.
const emailMaxAttempts = 20

// InsertOpts makes a keyed email unique by its Key alone: the rendered text
// may differ between two attempts to queue the same event.
func (a EmailArgs) InsertOpts() river.InsertOpts {
	opts := river.InsertOpts{MaxAttempts: emailMaxAttempts, Queue: river.QueueDefault}
	if a.Key != "" {
		opts.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	return opts
}
