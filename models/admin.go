package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// AdminCounts are the numbers on the admin dashboard.
type AdminCounts struct {
	PendingReview   int
	OpenReports     int
	LiveJobs        int
	Users           int
	Banned          int
	DisputedPayment int
}

// CountForAdmin reads the dashboard numbers in one query.
func CountForAdmin(ctx context.Context, db bun.IDB, now time.Time) (AdminCounts, error) {
	var n AdminCounts
	err := db.NewRaw(`SELECT
		(SELECT count(*) FROM jobs WHERE status = ?) AS pending_review,
		(SELECT count(*) FROM job_reports WHERE resolved_at IS NULL) AS open_reports,
		(SELECT count(*) FROM jobs WHERE status = ? AND expires_at > ? AND hidden_at IS NULL) AS live_jobs,
		(SELECT count(*) FROM users) AS users,
		(SELECT count(*) FROM users WHERE banned_at IS NOT NULL) AS banned,
		(SELECT count(*) FROM orders WHERE disputed_at IS NOT NULL) AS disputed_payment`,
		JobPendingReview, JobActive, now).Scan(ctx, &n.PendingReview, &n.OpenReports, &n.LiveJobs,
		&n.Users, &n.Banned, &n.DisputedPayment)
	return n, err
}

// AdminListSize caps the admin search lists; admins narrow the search.
const AdminListSize = 100

// SearchUsers finds accounts by email or name, newest first.
func SearchUsers(ctx context.Context, db bun.IDB, query string) ([]User, error) {
	var us []User
	q := db.NewSelect().Model(&us).Order("created_at DESC", "id DESC").Limit(AdminListSize)
	if query != "" {
		like := "%" + likeEscape(query) + "%"
		q = q.Where("email ILIKE ? OR name ILIKE ?", like, like)
	}
	return us, q.Scan(ctx)
}

// SetAdmin grants or revokes the admin role. An admin cannot revoke their own,
// so the site never loses its last admin by a slip.
func SetAdmin(ctx context.Context, db bun.IDB, actorID, userID int64, admin bool) (*User, error) {
	if actorID == userID && !admin {
		return nil, ErrForbidden
	}
	u := new(User)
	err := db.NewUpdate().Model(u).Set("is_admin = ?", admin).Set("updated_at = now()").
		Where("id = ?", userID).Returning("*").Scan(ctx)
	return u, notFound(err)
}

// SearchCompanies finds companies by name, slug or email domain, by name.
func SearchCompanies(ctx context.Context, db bun.IDB, query string) ([]Company, error) {
	var cs []Company
	q := db.NewSelect().Model(&cs).Order("name", "id").Limit(AdminListSize)
	if query != "" {
		like := "%" + likeEscape(query) + "%"
		q = q.Where("name ILIKE ? OR slug ILIKE ? OR email_domain ILIKE ?", like, like, like)
	}
	return cs, q.Scan(ctx)
}

// VerifyCompanyDomain records that an admin checked the company's email
// domain; a free-mail or public domain is ErrDomainNotVerifiable.
func VerifyCompanyDomain(ctx context.Context, db bun.IDB, id int64, now time.Time) (*Company, error) {
	c, err := CompanyByID(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if !DomainVerifiable(c.EmailDomain) {
		return nil, ErrDomainNotVerifiable
	}
	err = db.NewUpdate().Model(c).Set("domain_verified_at = ?, updated_at = ?", now, now).
		Where("id = ?", id).Returning("*").Scan(ctx)
	return c, notFound(err)
}

// SetCompanyTrusted marks a company trusted (its jobs skip review) or not.
func SetCompanyTrusted(ctx context.Context, db bun.IDB, id int64, trusted bool, now time.Time) (*Company, error) {
	c := new(Company)
	err := db.NewUpdate().Model(c).Set("trusted = ?, updated_at = ?", trusted, now).
		Where("id = ?", id).Returning("*").Scan(ctx)
	return c, notFound(err)
}
