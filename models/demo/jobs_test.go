package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

func TestSeedDemoJobs(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if seeded, err := demo.Seed(ctx, d.Bun); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	now := time.Now()
	var jobs []models.Job
	if err := d.Bun.NewSelect().Model(&jobs).ColumnExpr("?TableColumns").Relation("Company").
		Order("job.id").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if len(jobs) < 60 {
		t.Fatalf("%d demo jobs", len(jobs))
	}
	count := map[string]int{}
	for _, j := range jobs {
		if !j.Live(now) || j.PublishedAt.Before(now.Add(-25*24*time.Hour)) || !j.ExpiresAt.Equal(j.PublishedAt.Add(models.JobLifetime)) {
			t.Errorf("%q: not live or wrong dates (%v, %v)", j.Title, j.PublishedAt, j.ExpiresAt)
		}
		for _, g := range j.CredentialsRequired {
			for _, c := range g {
				if !slices.Contains(j.Credentials, c) || !models.IsTerm(models.Credentials, c) {
					t.Errorf("%q: credential %s missing from %v", j.Title, c, j.Credentials)
				}
			}
		}
		if j.Slug == "" || j.CompanyName != j.Company.Name {
			t.Errorf("%q: slug %q, company %q, apply %s", j.Title, j.Slug, j.CompanyName, j.ApplyMethod)
		}
		count["mode "+j.WorkMode]++
		if j.WorkMode == "remote" && len(j.RemoteStates) == 0 {
			count["anywhere"]++
		}
		count["period "+*j.SalaryPeriod]++
		count["agency "+j.Company.Kind]++
		if j.ApprenticeOK {
			count["cpca"]++
		}
		if j.Featured(now) {
			count["featured"]++
		}
		count["apply "+j.ApplyMethod]++
	}
	for _, k := range []string{"mode remote", "mode hybrid", "mode onsite", "anywhere", "period hour", "period year",
		"period chart", "agency agency", "agency employer", "cpca", "featured", "apply url", "apply email", "apply onsite"} {
		if count[k] < 2 {
			t.Errorf("only %d demo jobs with %s", count[k], k)
		}
	}
	if count["mode remote"] == count["anywhere"] {
		t.Error("no remote job names its states")
	}
	page, err := models.SearchJobs(ctx, d.Bun, models.JobFilter{Text: "risk adjustment", WorkModes: []string{"remote"}}, now, 20)
	if err != nil || len(page.Jobs) == 0 {
		t.Fatalf("demo search: %d jobs, %v", len(page.Jobs), err)
	}
}
