package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Company kinds.
const (
	CompanyEmployer = "employer"
	CompanyAgency   = "agency"

	RoleOwner  = "owner"
	RoleMember = "member"
)

// Company is an employer or a staffing agency that posts jobs.
type Company struct {
	bun.BaseModel `bun:"table:companies"`

	ID               int64     `bun:"id,pk,autoincrement"`
	Slug             string    `bun:"slug"`
	Name             string    `bun:"name"`
	Website          string    `bun:"website"`
	EmailDomain      string    `bun:"email_domain"`
	DomainVerifiedAt time.Time `bun:"domain_verified_at,nullzero"`
	Description      string    `bun:"description"`
	Kind             string    `bun:"kind"`
	Trusted          bool      `bun:"trusted"`
	CreatedBy        int64     `bun:"created_by,nullzero"`
	CreatedAt        time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,default:now()"`

	Answers *Responsiveness `bun:"-"`                 // when loaded (AttachAnswers); nil: no figure
	HasLogo bool            `bun:"has_logo,scanonly"` // loaded by JobForPage only
	// PageChangedAt is when a write last changed what job pages show of the
	// company (a trigger keeps it; see models.GuestJobPage).
	PageChangedAt time.Time `bun:"page_changed_at,scanonly,nullzero"`
}

// Path is the public company page.
func (c *Company) Path() string { return "/companies/" + c.Slug }

// Agency reports a staffing agency (labelled as such on its jobs).
func (c *Company) Agency() bool { return c.Kind == CompanyAgency }

// CompanyByID returns the company or ErrNotFound.
func CompanyByID(ctx context.Context, db bun.IDB, id int64) (*Company, error) {
	c := new(Company)
	err := db.NewSelect().Model(c).Where("id = ?", id).Scan(ctx)
	return c, notFound(err)
}

// CompanyBySlug returns the company or ErrNotFound.
func CompanyBySlug(ctx context.Context, db bun.IDB, slug string) (*Company, error) {
	c := new(Company)
	err := db.NewSelect().Model(c).Where("slug = ?", slug).Scan(ctx)
	return c, notFound(err)
}

// CompaniesForUser lists the companies a user belongs to, by name.
func CompaniesForUser(ctx context.Context, db bun.IDB, userID int64) ([]Company, error) {
	var cs []Company
	err := db.NewSelect().Model(&cs).
		Where("id IN (SELECT company_id FROM company_members WHERE user_id = ?)", userID).
		Order("name").Scan(ctx)
	return cs, err
}

// MemberRole returns the user's role in the company, or "" when not a member.
func MemberRole(ctx context.Context, db bun.IDB, companyID, userID int64) (string, error) {
	var role string
	err := db.NewRaw(`SELECT role FROM company_members WHERE company_id = ? AND user_id = ?`,
		companyID, userID).Scan(ctx, &role)
	if notFound(err) == ErrNotFound {
		return "", nil
	}
	return role, err
}
