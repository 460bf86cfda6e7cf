package models_test

import (
	"context"
	"net/url"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

// searchFixture inserts companies and jobs straight into a fresh database,
// with whatever status and dates a search test needs.
type searchFixture struct {
	t   *testing.T
	db  bun.IDB
	now time.Time
	co  *models.Company
}

func newSearchFixture(t *testing.T) *searchFixture {
	t.Helper()
	d := apptest.DB(t)
	f := &searchFixture{t: t, db: d.Bun, now: time.Now().UTC().Truncate(time.Microsecond)}
	f.co = f.company("acme-health", "Acme Health", models.CompanyEmployer)
	return f
}

func (f *searchFixture) company(slug, name, kind string) *models.Company {
	f.t.Helper()
	c := &models.Company{Slug: slug, Name: name, Kind: kind}
	_, err := f.db.NewInsert().Model(c).ExcludeColumn("id", "created_at", "updated_at").
		Returning("*").Exec(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// job inserts j with defaults for what it leaves out: a live, remote,
// full-time job of the fixture's company published an hour ago.
func (f *searchFixture) job(j models.Job) models.Job {
	f.t.Helper()
	if j.CompanyID == 0 {
		j.CompanyID, j.CompanyName = f.co.ID, f.co.Name
	}
	j.Status = orDefault(j.Status, models.JobActive)
	j.Plan = orDefault(j.Plan, models.PlanStandard)
	j.WorkMode = orDefault(j.WorkMode, "remote")
	j.EmploymentType = orDefault(j.EmploymentType, "full_time")
	j.ApplyMethod = orDefault(j.ApplyMethod, "url")
	j.Slug = orDefault(j.Slug, "coding-job")
	if j.PublishedAt.IsZero() {
		j.PublishedAt = f.now.Add(-time.Hour)
	}
	if j.ExpiresAt.IsZero() {
		j.ExpiresAt = j.PublishedAt.Add(models.JobLifetime)
	}
	if j.Credentials == nil {
		for _, g := range j.CredentialsRequired {
			j.Credentials = append(j.Credentials, g...)
		}
		j.Credentials = append(j.Credentials, j.CredentialsPreferred...)
	}
	for _, list := range []*[]string{&j.RemoteStates, &j.Settings, &j.Specialties, &j.CodeSets,
		&j.CredentialsPreferred, &j.Credentials, &j.Systems} {
		if *list == nil {
			*list = []string{}
		}
	}
	if j.CredentialsRequired == nil {
		j.CredentialsRequired = [][]string{}
	}
	if _, err := f.db.NewInsert().Model(&j).ExcludeColumn("id").Returning("id").Exec(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	return j
}

// search runs SearchJobs on a query string.
func (f *searchFixture) search(query string, limit int) models.JobPage {
	f.t.Helper()
	page, err := models.SearchJobs(context.Background(), f.db, models.ParseJobFilter(mustQuery(f.t, query)), f.now, limit)
	if err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return page
}

func orDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

func mustQuery(t *testing.T, q string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	return v
}

func pInt(n int) *int       { return &n }
func pStr(s string) *string { return &s }

func jobTitles(js []models.Job) []string {
	out := make([]string, len(js))
	for i, j := range js {
		out[i] = j.Title
	}
	return out
}

func sortedTitles(js []models.Job) []string {
	out := jobTitles(js)
	sort.Strings(out)
	return out
}

func sameSet(got []string, want ...string) bool {
	want = slices.Clone(want)
	sort.Strings(want)
	return slices.Equal(got, want)
}
