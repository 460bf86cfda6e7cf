package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// AuditEntry is one admin action: who did what to which object, and why.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_log,alias:a"`

	ID         int64     `bun:"id,pk,autoincrement"`
	ActorID    int64     `bun:"actor_id,nullzero"`
	Action     string    `bun:"action"`
	TargetType string    `bun:"target_type"`
	TargetID   string    `bun:"target_id"`
	Reason     string    `bun:"reason"`
	CreatedAt  time.Time `bun:"created_at,nullzero,default:now()"`

	ActorEmail string `bun:"actor_email,scanonly"`
}

// Audit records an admin action. Call it with the transaction of the action
// itself, so the log never claims what did not happen nor misses what did.
// targetID is a number or a text key (a domain).
func Audit(ctx context.Context, db bun.IDB, actorID int64, action, targetType string, targetID any, reason string) error {
	e := &AuditEntry{ActorID: actorID, Action: action, TargetType: targetType,
		TargetID: fmt.Sprint(targetID), Reason: strings.TrimSpace(reason)}
	_, err := db.NewInsert().Model(e).Exec(ctx)
	return err
}

// AuditFilter narrows the audit log page.
type AuditFilter struct {
	Action string // exact action name
	Actor  string // the actor's email, or part of it
	Before int64  // entries older than this id (the next page)
}

// AuditPageSize is how many entries one page of the log shows.
const AuditPageSize = 50

// AuditLog lists entries matching f, newest first, one page at a time.
func AuditLog(ctx context.Context, db bun.IDB, f AuditFilter) ([]AuditEntry, error) {
	var es []AuditEntry
	q := db.NewSelect().Model(&es).ColumnExpr("a.*").ColumnExpr("coalesce(u.email, '') AS actor_email").
		Join("LEFT JOIN users AS u ON u.id = a.actor_id").
		Order("a.id DESC").Limit(AuditPageSize)
	if f.Action != "" {
		q = q.Where("a.action = ?", f.Action)
	}
	if f.Actor != "" {
		q = q.Where("u.email ILIKE ?", "%"+likeEscape(NormalizeEmail(f.Actor))+"%")
	}
	if f.Before > 0 {
		q = q.Where("a.id < ?", f.Before)
	}
	err := q.Scan(ctx)
	return es, err
}

// AuditActions lists the action names in the log, for the filter menu.
func AuditActions(ctx context.Context, db bun.IDB) ([]string, error) {
	var as []string
	err := db.NewSelect().Model((*AuditEntry)(nil)).ColumnExpr("DISTINCT a.action").
		OrderExpr("a.action").Scan(ctx, &as)
	return as, err
}

// likeEscape makes user text match literally inside a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
