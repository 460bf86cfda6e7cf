package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/uptrace/bun"
)

// DevMail is an email kept in the development outbox instead of being sent.
type DevMail struct {
	bun.BaseModel `bun:"table:dev_mails"`

	ID      int64  `bun:"id,pk,autoincrement"`
	To      string `bun:"to_addr"`
	Subject string `bun:"subject"`
	Text    string `bun:"text_body"`
	HTML    string `bun:"html_body"`
	// Headers are the other header lines the message would carry (From,
	// Message-ID, List-Unsubscribe …), by name.
	Headers   map[string]string `bun:"headers,type:jsonb,nullzero,default:'{}'"`
	CreatedAt time.Time         `bun:"created_at,nullzero,default:now()"`
}

// Header is one header line of a kept message.
type Header struct{ Name, Value string }

// HeaderLines are the message's header lines in the order a mail client
// shows them: From, To, Subject, Message-ID, then the rest by name.
func (m *DevMail) HeaderLines() []Header {
	lines := []Header{{"From", m.Headers["From"]}, {"To", m.To}, {"Subject", m.Subject},
		{"Message-ID", m.Headers["Message-ID"]}}
	var rest []string
	for name := range m.Headers {
		if name != "From" && name != "Message-ID" {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		lines = append(lines, Header{name, m.Headers[name]})
	}
	return slices.DeleteFunc(lines, func(h Header) bool { return h.Value == "" })
}

// SaveDevMail stores m in the outbox and fills in its ID and CreatedAt.
func SaveDevMail(ctx context.Context, db bun.IDB, m *DevMail) error {
	_, err := db.NewInsert().Model(m).Returning("id, created_at").Exec(ctx)
	return err
}

// DevMails returns the newest limit emails of the outbox, newest first.
func DevMails(ctx context.Context, db bun.IDB, limit int) ([]DevMail, error) {
	var ms []DevMail
	err := db.NewSelect().Model(&ms).OrderExpr("id DESC").Limit(int64(limit)).Scan(ctx)
	return ms, err
}

// DevMailByID returns one outbox email, or ErrNotFound.
func DevMailByID(ctx context.Context, db bun.IDB, id int64) (*DevMail, error) {
	m := new(DevMail)
	err := db.NewSelect().Model(m).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}
