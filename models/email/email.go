// Package email is the one home of the site's outgoing mail: one typed
// constructor per email, which knows the site's address and the templates in
// views/emails, and the operations where a change of data and the email about
// it belong together, done in one transaction. Sending is not here: emails are
// queued through a Queue (app/mail's River queue), and app/mail's worker
// delivers them.
package email

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	netmail "net/mail"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Email is one rendered email, ready to queue and to leave.
type Email struct {
	To, From, Subject, Text, HTML string
	// Headers are extra header lines, such as List-Unsubscribe.
	Headers map[string]string
	// MessageID is the Message-ID without its angle brackets; empty makes a
	// new one at each send.
	MessageID string
	// Key names the event the email is about ("verify_email:42"); a Key is
	// queued at most once. Empty means no such check.
	Key string
}

// Queue holds emails until they are sent, in the caller's transaction when
// db is one, so an email leaves only if the event that caused it commits.
type Queue interface {
	Queue(ctx context.Context, db bun.IDB, emails ...Email) error
	// QueueAt holds an email back until at and returns its job id, for Cancel.
	QueueAt(ctx context.Context, db bun.IDB, e Email, at time.Time) (int64, error)
	// Cancel stops an email held back by QueueAt; it reports whether it did.
	Cancel(ctx context.Context, db bun.IDB, jobID int64) (bool, error)
}

// Mail builds the site's emails and queues them.
type Mail struct {
	queue   Queue
	emails  map[string]email
	from    string
	baseURL string
}

// New parses every email template in templates (the views file system) and
// fails on the first error. q may be nil where nothing is queued.
func New(templates fs.FS, from, baseURL string, q Queue) (*Mail, error) {
	if _, err := netmail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mail from address %q: %w", from, err)
	}
	emails, err := parseTemplates(templates)
	if err != nil {
		return nil, err
	}
	return &Mail{queue: q, emails: emails, from: from, baseURL: baseURL}, nil
}

// Base is what every email's data carries for the layouts: the site's
// address and the subject (for the HTML <title>). The constructors fill it.
type Base struct {
	BaseURL string
	Subject string
}

func (b *Base) base() *Base { return b }

// payload is an email's data: a struct that embeds Base.
type payload interface{ base() *Base }

// link is an absolute address on the site for path.
func (m *Mail) link(path string) string { return m.baseURL + path }

// build renders the template name with d for to. key and headers may be
// empty.
func (m *Mail) build(to, name, key string, headers map[string]string, d payload) (Email, error) {
	tmpl, ok := m.emails[name]
	if !ok {
		return Email{}, fmt.Errorf("no email template %q", name)
	}
	d.base().BaseURL = m.baseURL
	subject, text, html, err := tmpl.render(d)
	if err != nil {
		return Email{}, fmt.Errorf("render email %s: %w", name, err)
	}
	return Email{To: to, From: m.from, Subject: subject, Text: text, HTML: html, Headers: headers,
		MessageID: newMessageID(m.from), Key: key}, nil
}

// Queue queues emails, in db's transaction when it is one.
func (m *Mail) Queue(ctx context.Context, db bun.IDB, emails ...Email) error {
	return m.queue.Queue(ctx, db, emails...)
}

// QueueAt holds e back until at, so the event that caused it can still be
// taken back (Cancel). It returns the email's job id.
func (m *Mail) QueueAt(ctx context.Context, db bun.IDB, e Email, at time.Time) (int64, error) {
	return m.queue.QueueAt(ctx, db, e, at)
}

// Cancel stops an email held back by QueueAt that has not gone yet.
func (m *Mail) Cancel(ctx context.Context, db bun.IDB, jobID int64) (bool, error) {
	return m.queue.Cancel(ctx, db, jobID)
}

// BuildAll builds n emails with build(i), on every CPU when there are many
// (an alert run builds thousands while the database waits).
func BuildAll(n int, build func(i int) (Email, error)) ([]Email, error) {
	out := make([]Email, n)
	errs := make([]error, n)
	workers := min(runtime.GOMAXPROCS(0), (n+buildChunk-1)/buildChunk)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				out[i], errs[i] = build(i)
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// buildChunk is how many emails make building on another CPU worth it.
const buildChunk = 50

// newMessageID makes a Message-ID (without its angle brackets) in the domain
// of the from address. It is made once, when the email is built, and every
// delivery attempt sends it, so a receiver can recognise a repeat.
func newMessageID(from string) string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)) + "@" + DomainOf(from)
}

// DomainOf is the domain of an address such as "Site <noreply@site.example>".
func DomainOf(from string) string {
	if a, err := netmail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			return d
		}
	}
	return "localhost"
}
