package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// DevMail is an email kept in the development outbox instead of being sent.
type DevMail struct {
	bun.BaseModel `bun:"table:dev_mails"`

	ID        int64     `bun:"id,pk,autoincrement"`
	To        string    `bun:"to_addr"`
	Subject   string    `bun:"subject"`
	Text      string    `bun:"text_body"`
	HTML      string    `bun:"html_body"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
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
