package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// demoEmployer owns the demo companies (one of Accounts).
const demoEmployer = "employer@example.com"

// demoFeatured is how many demo jobs are featured.
const demoFeatured = 5

// SeedJobs adds the demo companies and their live jobs, owned by the demo
// employer, with dates relative to now so the board always looks current.
// The choices come from a fixed seed: every run builds the same board.
func SeedJobs(ctx context.Context, db *bun.DB, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var owner int64
		err := tx.NewRaw(`SELECT id FROM users WHERE email = ?`, demoEmployer).Scan(ctx, &owner)
		if err != nil {
			return fmt.Errorf("demo employer: %w", err)
		}
		companies := map[string]*models.Company{}
		for _, dc := range demoCompanies {
			c, err := seedCompany(ctx, tx, dc, owner)
			if err != nil {
				return err
			}
			companies[dc.key] = c
		}
		rng := rand.New(rand.NewPCG(2026, 11))
		n := 0
		for _, role := range demoRoles {
			for i, placement := range role.placements {
				key, mode, _ := strings.Cut(placement, ":")
				dc := demoCompanyByKey(key)
				j := role.job(i, companies[key], dc, mode, owner)
				j.PublishedAt = now.Add(-time.Duration(rng.IntN(25*24*60)) * time.Minute).Truncate(time.Minute)
				j.SubmittedAt = j.PublishedAt.Add(-time.Duration(4+rng.IntN(40)) * time.Hour)
				j.ExpiresAt = j.PublishedAt.Add(models.JobLifetime)
				if n%13 == 5 && n/13 < demoFeatured {
					j.Plan, j.FeaturedUntil = models.PlanFeatured, j.ExpiresAt
				}
				if _, err := tx.NewInsert().Model(&j).ExcludeColumn("id").Returning("id").Exec(ctx); err != nil {
					return fmt.Errorf("demo job %q: %w", j.Title, err)
				}
				n++
			}
		}
		return nil
	})
}

func seedCompany(ctx context.Context, tx bun.Tx, dc demoCompany, owner int64) (*models.Company, error) {
	c := dc.company(owner)
	if _, err := tx.NewInsert().Model(c).ExcludeColumn("id", "created_at", "updated_at").
		Returning("id").Exec(ctx); err != nil {
		return nil, fmt.Errorf("demo company %s: %w", dc.key, err)
	}
	_, err := tx.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, ?)`,
		c.ID, owner, models.RoleOwner).Exec(ctx)
	return c, err
}

// company is the demo company's row, owned by owner.
func (dc demoCompany) company(owner int64) *models.Company {
	domain := dc.key + ".example"
	return &models.Company{Slug: dc.key, Name: dc.name, Kind: dc.kind, Website: "https://www." + domain,
		EmailDomain: domain, Description: dc.about + " Based in " + dc.city + ", " + dc.state + ".",
		Trusted: true, CreatedBy: owner}
}

func demoCompanyByKey(key string) demoCompany {
	for _, dc := range demoCompanies {
		if dc.key == key {
			return dc
		}
	}
	panic("demo company " + key + " is not in demoCompanies")
}

// job builds placement i of the role at a company.
func (r demoRole) job(i int, c *models.Company, dc demoCompany, mode string, owner int64) models.Job {
	title := r.titles[i%len(r.titles)]
	lo, hi, period := r.pay[0], r.pay[1], r.period
	j := models.Job{CompanyID: c.ID, CreatedBy: owner, Status: models.JobActive, Plan: models.PlanStandard,
		Title: title, Slug: models.JobSlug(title), CompanyName: c.Name, WorkMode: mode, RemoteStates: []string{},
		EmploymentType: r.employment, Settings: r.settings, Specialties: r.specialties, CodeSets: r.codeSets,
		CredentialsRequired: r.required, CredentialsPreferred: orEmpty(r.preferred),
		ApprenticeOK: r.apprentice, ExperienceMinYears: r.years,
		SalaryMin: &lo, SalaryMax: &hi, SalaryPeriod: &period, Systems: r.systems,
		Description: r.description(dc)}
	j.DescriptionHTML = models.RenderMarkdown(j.Description)
	var all []string
	for _, g := range r.required {
		all = append(all, g...)
	}
	for _, p := range append(all, r.preferred...) {
		if !slices.Contains(j.Credentials, p) {
			j.Credentials = append(j.Credentials, p)
		}
	}
	if mode == "remote" {
		j.RemoteStates = orEmpty(dc.remote)
	} else {
		j.City, j.State = dc.city, dc.state
	}
	switch {
	case i%3 == 0:
		j.ApplyMethod = "onsite" // applications on CareerCenter
	case i%2 == 0:
		j.ApplyMethod, j.ApplyURL = "url", "https://careers."+dc.key+".example/jobs/"+j.Slug
	default:
		j.ApplyMethod, j.ApplyEmail = "email", "coding-jobs@"+dc.key+".example"
	}
	return j
}

// description writes the posting in Markdown: what the job is, a list of
// duties, and what the coder brings.
func (r demoRole) description(dc demoCompany) string {
	var b strings.Builder
	b.WriteString(r.about + "\n\n" + dc.name + ": " + models.LowerFirst(dc.about) + "\n\n## What you will do\n\n")
	for _, d := range r.duties {
		b.WriteString("- " + d + "\n")
	}
	b.WriteString("\n## What you bring\n\n")
	var groups []string
	for _, g := range r.required {
		groups = append(groups, strings.Join(g, " or "))
	}
	b.WriteString("- An active " + strings.Join(groups, " credential, and an active ") + " credential\n")
	if r.years == 1 {
		b.WriteString("- At least 1 year of coding experience in a similar setting\n")
	} else if r.years > 1 {
		b.WriteString(fmt.Sprintf("- At least %d years of coding experience in a similar setting\n", r.years))
	}
	if r.apprentice {
		b.WriteString("- New coders with the CPC-A are welcome: we pair you with a mentor\n")
	}
	if len(r.preferred) > 0 {
		b.WriteString("- **Preferred:** " + strings.Join(r.preferred, ", ") + "\n")
	}
	b.WriteString("- Comfort with " + strings.Join(r.systems, " and ") + "\n")
	b.WriteString("\nWe answer every application within five business days.\n")
	return b.String()
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
