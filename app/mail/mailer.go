// Package mail renders the site's emails from templates and sends them through
// River jobs, so a slow or failing mail server never holds up a request and a
// failed delivery is retried.
package mail

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	netmail "net/mail"
	"runtime"
	"strings"
	"sync"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"
)

// Message asks for one email built from a template in views/emails.
type Message struct {
	To       string
	Template string
	Data     map[string]any
	// Key names the event the email is about ("verify:42:<token id>"); a Key
	// is queued at most once. Empty means no such check.
	Key string
	// Headers are extra header lines, such as List-Unsubscribe.
	Headers map[string]string
}

// Mailer renders messages and queues them for the EmailWorker.
type Mailer struct {
	emails  map[string]email
	from    string
	baseURL string
	jobs    *river.Client[*sql.Tx]
}

// New parses every email template in templates (the views file system) and
// fails on the first error. jobs may be an insert-only client.
func New(templates fs.FS, from, baseURL string, jobs *river.Client[*sql.Tx]) (*Mailer, error) {
	if _, err := netmail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mail from address %q: %w", from, err)
	}
	emails, err := parseTemplates(templates)
	if err != nil {
		return nil, err
	}
	return &Mailer{emails: emails, from: from, baseURL: baseURL, jobs: jobs}, nil
}

// Queue renders msg now and queues it for sending. When db is a transaction the
// email is queued in it, so it is sent only if the event that caused it commits.
func (m *Mailer) Queue(ctx context.Context, db bun.IDB, msg Message) error {
	return m.QueueMany(ctx, db, []Message{msg})
}

// QueueMany renders msgs and queues them all in one insert, as Queue would
// one by one: a run that sends thousands of emails pays for one statement
// per batch rather than one per email.
func (m *Mailer) QueueMany(ctx context.Context, db bun.IDB, msgs []Message) error {
	if len(msgs) == 0 {
		return nil
	}
	params, err := m.renderAll(msgs)
	if err != nil {
		return err
	}
	switch tx := db.(type) {
	case bun.Tx:
		_, err = m.jobs.InsertManyTx(ctx, tx.Tx, params)
	case *bun.Tx:
		_, err = m.jobs.InsertManyTx(ctx, tx.Tx, params)
	default:
		_, err = m.jobs.InsertMany(ctx, params)
	}
	if err != nil {
		return fmt.Errorf("queue email %s: %w", msgs[0].Template, err)
	}
	return nil
}

// renderAll renders msgs into email jobs, on every CPU when there are many
// (an alert run renders thousands while the database waits).
func (m *Mailer) renderAll(msgs []Message) ([]river.InsertManyParams, error) {
	params := make([]river.InsertManyParams, len(msgs))
	errs := make([]error, len(msgs))
	workers := min(runtime.GOMAXPROCS(0), (len(msgs)+renderChunk-1)/renderChunk)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(msgs); i += workers {
				e, err := m.Render(msgs[i])
				errs[i] = err
				params[i] = river.InsertManyParams{Args: EmailArgs{To: e.To, From: e.From, Subject: e.Subject,
					Text: e.Text, HTML: e.HTML, Key: msgs[i].Key, Headers: e.Headers, MessageID: e.MessageID}}
			}
		})
	}
	wg.Wait()
	return params, errors.Join(errs...)
}

// renderChunk is how many emails make rendering on another CPU worth it.
const renderChunk = 50

// Render builds the email msg asks for, as Queue would send it.
func (m *Mailer) Render(msg Message) (Email, error) {
	tmpl, ok := m.emails[msg.Template]
	if !ok {
		return Email{}, fmt.Errorf("no email template %q", msg.Template)
	}
	data := maps.Clone(msg.Data)
	if data == nil {
		data = make(map[string]any)
	}
	data["BaseURL"] = m.baseURL
	subject, text, html, err := tmpl.render(data)
	if err != nil {
		return Email{}, fmt.Errorf("render email %s: %w", msg.Template, err)
	}
	return Email{To: msg.To, From: m.from, Subject: subject, Text: text, HTML: html, Headers: msg.Headers,
		MessageID: newMessageID(m.from)}, nil
}

// newMessageID makes a Message-ID (without its angle brackets) in the domain
// of the from address. It is made once, when the email is queued, and every
// delivery attempt sends it, so a receiver can recognise a repeat.
func newMessageID(from string) string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)) + "@" + domainOf(from)
}

// domainOf is the domain of an address such as "Site <noreply@site.example>".
func domainOf(from string) string {
	if a, err := netmail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			return d
		}
	}
	return "localhost"
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
