package models

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Why a job left the board without changing status (jobs.hidden_reason).
const (
	HiddenBannedAuthor = "banned author"
	HiddenBannedDomain = "banned domain"
)

// checkReason requires the reason a ban is recorded with.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", ValidationErrors{"reason": "Say why; the reason is kept in the audit log."}
	case len([]rune(reason)) > 1000:
		return "", ValidationErrors{"reason": "Use at most 1,000 characters."}
	}
	return reason, nil
}

// BanUser bans an account: its sessions stop working on their next request,
// it cannot sign in, and the jobs it wrote leave the board. An admin cannot
// ban themselves.
func BanUser(ctx context.Context, db bun.IDB, actorID, userID int64, reason string, now time.Time) (*User, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return nil, err
	}
	if actorID == userID {
		return nil, ValidationErrors{"reason": "You cannot ban yourself."}
	}
	u, err := UserByID(ctx, db, userID)
	if err != nil {
		return nil, err
	}
	u.BannedAt, u.BanReason = now, reason
	if _, err := db.NewUpdate().Model(u).Column("banned_at", "ban_reason").
		Set("updated_at = ?", now).WherePK().Exec(ctx); err != nil {
		return nil, err
	}
	_, err = db.NewUpdate().Model((*Job)(nil)).
		Set("hidden_at = ?, hidden_reason = ?", now, HiddenBannedAuthor).
		Where("created_by = ? AND hidden_at IS NULL", userID).Exec(ctx)
	return u, err
}

// UnbanUser lifts a ban and brings back the jobs the ban hid.
func UnbanUser(ctx context.Context, db bun.IDB, userID int64, now time.Time) (*User, error) {
	u, err := UserByID(ctx, db, userID)
	if err != nil {
		return nil, err
	}
	u.BannedAt, u.BanReason = time.Time{}, ""
	if _, err := db.NewUpdate().Model(u).Column("banned_at", "ban_reason").
		Set("updated_at = ?", now).WherePK().Exec(ctx); err != nil {
		return nil, err
	}
	_, err = db.NewUpdate().Model((*Job)(nil)).Set("hidden_at = NULL, hidden_reason = ''").
		Where("created_by = ? AND hidden_reason = ?", userID, HiddenBannedAuthor).Exec(ctx)
	return u, err
}

// BannedDomain is an email domain whose companies' jobs are kept off the board.
type BannedDomain struct {
	bun.BaseModel `bun:"table:banned_domains,alias:bd"`

	Domain    string    `bun:"domain,pk"`
	Reason    string    `bun:"reason"`
	CreatedBy int64     `bun:"created_by,nullzero"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
}

// NormalizeDomain lower-cases a domain and drops a leading "@".
func NormalizeDomain(s string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "@")
}

// BannedDomains lists the banned domains, newest first.
func BannedDomains(ctx context.Context, db bun.IDB) ([]BannedDomain, error) {
	var ds []BannedDomain
	err := db.NewSelect().Model(&ds).Order("created_at DESC", "domain").Scan(ctx)
	return ds, err
}

// DomainBanned reports whether companies of this email domain are banned.
func DomainBanned(ctx context.Context, db bun.IDB, domain string) (bool, error) {
	return db.NewSelect().Model((*BannedDomain)(nil)).
		Where("domain = ?", NormalizeDomain(domain)).Exists(ctx)
}

// BanDomain bans an email domain and hides every job of the companies that
// use it.
func BanDomain(ctx context.Context, db bun.IDB, actorID int64, domain, reason string, now time.Time) (string, error) {
	domain = NormalizeDomain(domain)
	errs := ValidationErrors{}
	if domain == "" || !strings.Contains(domain, ".") || strings.ContainsAny(domain, " @/") || len(domain) > 253 {
		errs.Add("domain", "Enter a domain like example.com.")
	}
	reason, err := checkReason(reason)
	if v, ok := AsValidation(err); ok {
		errs.Add("reason", v["reason"])
	}
	if len(errs) > 0 {
		return "", errs
	}
	res, err := db.NewInsert().Model(&BannedDomain{Domain: domain, Reason: reason, CreatedBy: actorID, CreatedAt: now}).
		On("CONFLICT (domain) DO NOTHING").Exec(ctx)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", ValidationErrors{"domain": "This domain is banned already."}
	}
	_, err = db.NewUpdate().Model((*Job)(nil)).
		Set("hidden_at = ?, hidden_reason = ?", now, HiddenBannedDomain).
		Where("hidden_at IS NULL AND company_id IN (SELECT id FROM companies WHERE lower(email_domain) = ?)", domain).
		Exec(ctx)
	return domain, err
}

// UnbanDomain lifts a domain ban and brings back the jobs it hid.
func UnbanDomain(ctx context.Context, db bun.IDB, domain string) (string, error) {
	domain = NormalizeDomain(domain)
	res, err := db.NewDelete().Model((*BannedDomain)(nil)).Where("domain = ?", domain).Exec(ctx)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", ErrNotFound
	}
	_, err = db.NewUpdate().Model((*Job)(nil)).Set("hidden_at = NULL, hidden_reason = ''").
		Where("hidden_reason = ? AND company_id IN (SELECT id FROM companies WHERE lower(email_domain) = ?)",
			HiddenBannedDomain, domain).Exec(ctx)
	return domain, err
}
