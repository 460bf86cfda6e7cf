package mail

import (
	"context"
	"errors"
	"fmt"
	"maps"
	netmail "net/mail"
	"net/url"
	"strconv"

	"github.com/uptrace/bun"
	gomail "github.com/wneessen/go-mail"

	"careercenter/models"
)

// Sender delivers an email. Production uses SMTPSender; development and
// tests keep mail in the outbox with OutboxSender.
type Sender interface {
	Send(ctx context.Context, e Email) error
}

// SMTPSender sends through one SMTP server.
type SMTPSender struct {
	client *gomail.Client
	from   string
}

// SMTPOption changes how NewSMTPSender connects.
type SMTPOption func(*smtpConfig)

type smtpConfig struct {
	noTLS bool
}

// WithoutTLS sends in clear text. Only for a local test or development server.
func WithoutTLS() SMTPOption {
	return func(c *smtpConfig) { c.noTLS = true }
}

// NewSMTPSender connects to rawURL, smtps://user:pass@host:port for TLS from
// the first byte (port 465 by default) or smtp://… for STARTTLS when the server
// offers it (port 587 by default). from is used when an Email has no From.
func NewSMTPSender(rawURL, from string, options ...SMTPOption) (*SMTPSender, error) {
	if _, err := netmail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mail from address %q: %w", from, err)
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil, errors.New("smtp url must look like smtp://user:pass@host:port")
	}
	var opts []gomail.Option
	port := 587
	switch u.Scheme {
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	case "smtp":
		// Opportunistic, not mandatory: some relays inside a private network
		// offer no STARTTLS.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		return nil, fmt.Errorf("smtp url scheme %q: want smtp or smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("smtp url port %q: %w", p, err)
		}
	}
	opts = append(opts, gomail.WithPort(port), gomail.WithTimeout(SMTPTimeout))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	var cfg smtpConfig
	for _, o := range options {
		o(&cfg)
	}
	if cfg.noTLS {
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	client, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	return &SMTPSender{client: client, from: from}, nil
}

// Send delivers e as a multipart message with a text and an HTML part. Each
// call opens its own connection, so workers may send at the same time.
//
// The server's 250 to the end of DATA means it has taken the message. An
// error after it (the RSET or QUIT that follow, on a connection the server
// has already dropped) is not a failed send: reporting it would make River
// send the same email again.
func (s *SMTPSender) Send(ctx context.Context, e Email) error {
	m := gomail.NewMsg()
	from := e.From
	if from == "" {
		from = s.from
	}
	if err := m.From(from); err != nil {
		return fmt.Errorf("from %q: %w", from, err)
	}
	if err := m.To(e.To); err != nil {
		return fmt.Errorf("to %q: %w", e.To, err)
	}
	m.Subject(e.Subject)
	m.SetDate()
	if e.MessageID != "" {
		m.SetMessageIDWithValue(e.MessageID)
	} else {
		m.SetMessageID()
	}
	for k, v := range e.Headers {
		m.SetGenHeader(gomail.Header(k), v)
	}
	m.SetBodyString(gomail.TypeTextPlain, e.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	if err := s.client.DialAndSendWithContext(ctx, m); err != nil && !m.IsDelivered() {
		return err
	}
	return nil
}

// OutboxSender keeps every email in the dev_mails table instead of sending it.
type OutboxSender struct {
	DB bun.IDB
}

// Send stores e in the outbox with the header lines SMTPSender would add.
func (s OutboxSender) Send(ctx context.Context, e Email) error {
	headers := maps.Clone(e.Headers)
	if headers == nil {
		headers = make(map[string]string)
	}
	if e.From != "" {
		headers["From"] = e.From
	}
	if e.MessageID != "" {
		headers["Message-ID"] = "<" + e.MessageID + ">"
	}
	return models.SaveDevMail(ctx, s.DB, &models.DevMail{
		To: e.To, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Headers: headers,
	})
}
