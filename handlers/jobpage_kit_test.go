package handlers_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// jobKit stores companies, jobs and memberships directly, for the job page
// tests (the job form has tests of its own).
type jobKit struct {
	t *testing.T
	s *site
}

func newJobKit(t *testing.T) jobKit { return jobKit{t: t, s: newSite(t)} }

func (k jobKit) company(slug, name, kind string) *models.Company {
	k.t.Helper()
	c := &models.Company{Slug: slug, Name: name, Kind: kind, Website: "https://" + slug + ".example.com"}
	if _, err := k.s.db.Bun.NewInsert().Model(c).Exec(context.Background()); err != nil {
		k.t.Fatal(err)
	}
	return c
}

// job stores a live remote job of company c, changed by edit.
func (k jobKit) job(c *models.Company, edit func(*models.Job)) *models.Job {
	k.t.Helper()
	now := time.Now()
	j := &models.Job{CompanyID: c.ID, Status: models.JobActive, Plan: models.PlanStandard,
		Title: "Medical Coder", CompanyName: c.Name, WorkMode: "remote", EmploymentType: "full_time",
		RemoteStates: []string{}, Settings: []string{}, Specialties: []string{}, CodeSets: []string{},
		CredentialsRequired: [][]string{}, CredentialsPreferred: []string{}, Credentials: []string{},
		Systems: []string{}, ApplyMethod: "url", ApplyURL: "https://" + c.Slug + ".example.com/apply",
		Description: "Code charts.", PublishedAt: now.Add(-24 * time.Hour), ExpiresAt: now.Add(29 * 24 * time.Hour)}
	if edit != nil {
		edit(j)
	}
	if j.Slug == "" {
		j.Slug = strings.ToLower(strings.Join(strings.Fields(regexp.MustCompile(`[^A-Za-z0-9 ]`).ReplaceAllString(j.Title, "")), "-"))
	}
	if _, err := k.s.db.Bun.NewInsert().Model(j).Exec(context.Background()); err != nil {
		k.t.Fatal(err)
	}
	j.Company = c
	return j
}

// user signs up email in a new browser, optionally as an admin.
func (k jobKit) user(email string, admin bool) (*browser, *models.User) {
	k.t.Helper()
	b := k.s.registered(email)
	ctx := context.Background()
	if admin {
		if _, err := k.s.db.Bun.NewRaw(`UPDATE users SET is_admin = true WHERE email = ?`, email).Exec(ctx); err != nil {
			k.t.Fatal(err)
		}
	}
	u, err := models.UserByEmail(ctx, k.s.db.Bun, email)
	if err != nil {
		k.t.Fatal(err)
	}
	return b, u
}

func (k jobKit) join(c *models.Company, u *models.User) {
	k.t.Helper()
	if _, err := k.s.db.Bun.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, 'member')`,
		c.ID, u.ID).Exec(context.Background()); err != nil {
		k.t.Fatal(err)
	}
}

func (k jobKit) addLogo(c *models.Company) {
	k.t.Helper()
	if _, err := k.s.db.Bun.NewRaw(`INSERT INTO company_logos (company_id, content_type, data) VALUES (?, 'image/png', '\x89')`,
		c.ID).Exec(context.Background()); err != nil {
		k.t.Fatal(err)
	}
}

func (k jobKit) views(j *models.Job) int {
	k.t.Helper()
	n, err := models.JobViewCount(context.Background(), k.s.db.Bun, j.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	return n
}

func lacks(t *testing.T, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(body, p) {
			t.Fatalf("page holds %q:\n%s", p, body)
		}
	}
}
