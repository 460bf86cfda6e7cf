package models

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
)

// CompanyInput is what the company form sends. Logo holds the uploaded
// file's bytes (nil when none was chosen), read up to MaxLogoBytes+1.
type CompanyInput struct {
	Name        string
	Slug        string
	Website     string
	EmailDomain string
	Description string
	Kind        string
	Logo        []byte
	RemoveLogo  bool
}

const (
	maxCompanySlug        = 60
	maxCompanyDescription = 20000
)

var (
	companySlugRE   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	companyDomainRE = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	// Slugs that would be shadowed by fixed routes under /companies/.
	reservedCompanySlugs = map[string]bool{"new": true}
)

// Validate checks the form and normalizes its fields. An empty slug is
// allowed: one is made from the name when the company is saved.
func (in *CompanyInput) Validate() ValidationErrors {
	errs := ValidationErrors{}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	switch {
	case in.Name == "":
		errs.Add("name", "Enter the company's name.")
	case len([]rune(in.Name)) > 120:
		errs.Add("name", "Use at most 120 characters.")
	}
	in.Slug = strings.TrimSpace(in.Slug)
	switch {
	case in.Slug == "":
	case len(in.Slug) > maxCompanySlug:
		errs.Add("slug", fmt.Sprintf("Use at most %d characters.", maxCompanySlug))
	case !companySlugRE.MatchString(in.Slug):
		errs.Add("slug", "Use lowercase letters, digits and single hyphens between them, like "+
			"\""+Slugify(in.Name)+"\".")
	case reservedCompanySlugs[in.Slug]:
		errs.Add("slug", "This address is reserved. Choose another.")
	}
	website, ok := normalizeCompanyWebsite(in.Website)
	if !ok {
		errs.Add("website", "Enter a web address like https://www.example.com.")
	}
	in.Website = website
	in.EmailDomain = normalizeCompanyDomain(in.EmailDomain)
	if in.EmailDomain != "" && (len(in.EmailDomain) > 253 || !companyDomainRE.MatchString(in.EmailDomain)) {
		errs.Add("email_domain", "Enter a domain like example.com.")
	}
	in.Description = strings.TrimSpace(in.Description)
	if len([]rune(in.Description)) > maxCompanyDescription {
		errs.Add("description", fmt.Sprintf("Use at most %d characters.", maxCompanyDescription))
	}
	if in.Kind != CompanyEmployer && in.Kind != CompanyAgency {
		errs.Add("kind", "Choose direct employer or staffing agency.")
	}
	if in.Logo != nil {
		if _, msg := checkLogo(in.Logo); msg != "" {
			errs.Add("logo", msg)
		}
	}
	return errs
}

// CreateCompany creates a company with its creator as owner, and its logo
// when one was sent, in one transaction.
func CreateCompany(ctx context.Context, db bun.IDB, ownerID int64, in CompanyInput) (*Company, error) {
	if errs := in.Validate(); len(errs) > 0 {
		return nil, errs
	}
	c := &Company{Name: in.Name, Website: in.Website, EmailDomain: in.EmailDomain,
		Description: in.Description, Kind: in.Kind, CreatedBy: ownerID}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		slug, err := pickCompanySlug(ctx, tx, in, 0)
		if err != nil {
			return err
		}
		c.Slug = slug
		if _, err := tx.NewInsert().Model(c).ExcludeColumn("id", "created_at", "updated_at").
			Returning("*").Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, ?)`,
			c.ID, ownerID, RoleOwner).Exec(ctx); err != nil {
			return err
		}
		return saveLogoFromInput(ctx, tx, c.ID, in)
	})
	if err != nil {
		return nil, companySlugConflict(err)
	}
	return c, nil
}

// UpdateCompany saves the form over c. A new name is copied to the
// company's jobs in the same transaction, since search reads it there; a new
// email domain drops the domain's verification.
func UpdateCompany(ctx context.Context, db bun.IDB, c *Company, in CompanyInput) error {
	if errs := in.Validate(); len(errs) > 0 {
		return errs
	}
	next := *c
	next.Name, next.Website, next.Description, next.Kind = in.Name, in.Website, in.Description, in.Kind
	if in.EmailDomain != c.EmailDomain {
		next.EmailDomain, next.DomainVerifiedAt = in.EmailDomain, time.Time{}
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// The row lock orders concurrent renames, so jobs end with the last name.
		if _, err := tx.NewRaw(`SELECT id FROM companies WHERE id = ? FOR UPDATE`, c.ID).Exec(ctx); err != nil {
			return err
		}
		slug, err := pickCompanySlug(ctx, tx, in, c.ID)
		if err != nil {
			return err
		}
		next.Slug = slug
		if _, err := tx.NewUpdate().Model(&next).
			Column("slug", "name", "website", "email_domain", "domain_verified_at", "description", "kind").
			Set("updated_at = now()").WherePK().Returning("updated_at").Exec(ctx); err != nil {
			return err
		}
		if next.Name != c.Name {
			if _, err := tx.NewRaw(`UPDATE jobs SET company_name = ? WHERE company_id = ?`,
				next.Name, c.ID).Exec(ctx); err != nil {
				return err
			}
		}
		if in.RemoveLogo && in.Logo == nil {
			return DeleteCompanyLogo(ctx, tx, c.ID)
		}
		return saveLogoFromInput(ctx, tx, c.ID, in)
	})
	if err != nil {
		return companySlugConflict(err)
	}
	*c = next
	return nil
}

// Slugify makes a page address from a name: "St. Mary's Health" →
// "st-marys-health". It never returns "", and leaves room for a "-2".
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		case r == '\'' || r == '’':
			// "Mary's" reads better as "marys" than "mary-s".
		default:
			hyphen = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > maxCompanySlug-10 {
		s = strings.TrimRight(s[:maxCompanySlug-10], "-")
	}
	if s == "" {
		s = "company"
	}
	return s
}

// FreeCompanySlug returns base, or base-2, base-3, … whichever no other
// company uses. selfID is the company being edited (0 for a new one), whose
// own slug counts as free.
func FreeCompanySlug(ctx context.Context, db bun.IDB, base string, selfID int64) (string, error) {
	var used []string
	err := db.NewRaw(`SELECT slug FROM companies WHERE (slug = ? OR slug LIKE ?) AND id <> ?`,
		base, base+"-%", selfID).Scan(ctx, &used)
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, s := range used {
		taken[s] = true
	}
	for n := 1; ; n++ {
		candidate := base
		if n > 1 {
			candidate = fmt.Sprintf("%s-%d", base, n)
		}
		if !taken[candidate] && !reservedCompanySlugs[candidate] {
			return candidate, nil
		}
	}
}

// pickCompanySlug uses the typed slug when it is free, suggests a free one
// when it is not, and makes one from the name when none was typed.
func pickCompanySlug(ctx context.Context, db bun.IDB, in CompanyInput, selfID int64) (string, error) {
	if in.Slug == "" {
		return FreeCompanySlug(ctx, db, Slugify(in.Name), selfID)
	}
	free, err := FreeCompanySlug(ctx, db, in.Slug, selfID)
	if err != nil || free == in.Slug {
		return free, err
	}
	return "", ValidationErrors{"slug": fmt.Sprintf("Another company uses \"%s\". \"%s\" is free.", in.Slug, free)}
}

// companySlugConflict turns the unique-slug violation of a concurrent save
// into the same message a taken slug gets.
func companySlugConflict(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == "companies_slug_key" {
		return ValidationErrors{"slug": "Another company has just taken this address. Choose another."}
	}
	return err
}

// normalizeCompanyWebsite accepts "example.com" as https://example.com and refuses
// anything but an http or https address of a public-looking host.
func normalizeCompanyWebsite(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || len(s) > 500 ||
		!companyDomainRE.MatchString(strings.ToLower(u.Hostname())) {
		return s, false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String(), true
}

// normalizeCompanyDomain keeps the domain of what people paste: an address,
// "@example.com" or a web address all become "example.com".
func normalizeCompanyDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSuffix(s, ".")
}
