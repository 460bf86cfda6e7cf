package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// savedSearch inserts a confirmed saved search and returns it as due.
func savedSearch(t testing.TB, db bun.IDB, email, query, freq string, lastDigest time.Time) models.AlertSearch {
	t.Helper()
	s := models.AlertSearch{Email: email, Name: "My search", Query: query, Frequency: freq, LastDigestAt: lastDigest}
	err := db.NewRaw(`INSERT INTO saved_searches (email, name, query, frequency, confirmed_at, last_digest_at)
		VALUES (?, ?, ?, ?, now(), ?) RETURNING id`, email, s.Name, query, freq, lastDigest).Scan(context.Background(), &s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMatchAlertsEachFilterKind(t *testing.T) {
	t.Parallel()
	f := newSearchFixture(t)
	ctx := context.Background()
	yes := f.job(models.Job{Title: "Inpatient coder", Description: "DRG validation for a trauma center",
		WorkMode: "remote", State: "TX", City: "Austin", EmploymentType: "full_time",
		Settings: []string{"inpatient-facility"}, Specialties: []string{"cardiology"}, CodeSets: []string{"icd-10-pcs"},
		CredentialsRequired: [][]string{{"CCS"}}, ApprenticeOK: true,
		SalaryMin: pInt(60000), SalaryMax: pInt(75000), SalaryPeriod: pStr("year")})
	no := f.job(models.Job{Title: "Front desk", Description: "Scheduling patients",
		WorkMode: "onsite", State: "CA", City: "Fresno", EmploymentType: "part_time",
		Settings: []string{"pro-fee"}, Specialties: []string{"dermatology"}, CodeSets: []string{"hcpcs"},
		CredentialsRequired: [][]string{{"CPC"}},
		SalaryMin:           pInt(40000), SalaryPeriod: pStr("year")})
	queries := []string{
		"q=trauma", "work_mode=remote", "state=TX", "employment_type=full_time", "setting=inpatient-facility",
		"specialty=cardiology", "code_set=icd-10-pcs", "credential=CCS", "cpca=1", "salary_min=55000",
		"location=Austin", "work_mode=remote&credential=CCS&setting=inpatient-facility",
	}
	var due []models.AlertSearch
	for _, q := range queries {
		due = append(due, savedSearch(t, f.db, "ada@example.com", q, models.AlertInstant, f.now.Add(-2*time.Hour)))
	}
	got, err := models.MatchAlerts(ctx, f.db, due, f.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range due {
		if !slices.Equal(got[s.ID], []int64{yes.ID}) {
			t.Errorf("%s: matched %v, want only job %d (not %d)", s.Query, got[s.ID], yes.ID, no.ID)
		}
	}
}

func TestMatchAlertsOnlyLiveNewUnsentJobs(t *testing.T) {
	t.Parallel()
	f := newSearchFixture(t)
	ctx := context.Background()
	s := savedSearch(t, f.db, "ada@example.com", "work_mode=remote", models.AlertInstant, f.now.Add(-3*time.Hour))
	live := f.job(models.Job{Title: "Live"})
	f.job(models.Job{Title: "Filled", Status: models.JobFilled})
	f.job(models.Job{Title: "Removed", Status: models.JobRemoved})
	f.job(models.Job{Title: "Expired", ExpiresAt: f.now.Add(-time.Minute)})
	f.job(models.Job{Title: "Hidden", HiddenAt: f.now.Add(-time.Minute)})
	f.job(models.Job{Title: "Before the search", PublishedAt: f.now.Add(-4 * time.Hour)})
	sent := f.job(models.Job{Title: "Already sent"})
	if _, err := f.db.NewRaw(`INSERT INTO alert_sends (saved_search_id, job_id) VALUES (?, ?)`, s.ID, sent.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := models.MatchAlerts(ctx, f.db, []models.AlertSearch{s}, f.now)
	if err != nil || !slices.Equal(got[s.ID], []int64{live.ID}) {
		t.Fatalf("matched %v, %v; want only the live job %d", got[s.ID], err, live.ID)
	}
}

func TestClaimAlertsRechecksAndLogsOnce(t *testing.T) {
	t.Parallel()
	f := newSearchFixture(t)
	ctx := context.Background()
	s := savedSearch(t, f.db, "ada@example.com", "", models.AlertInstant, f.now.Add(-3*time.Hour))
	a := f.job(models.Job{Title: "A"})
	b := f.job(models.Job{Title: "B"})
	c := f.job(models.Job{Title: "C"})
	matches, err := models.MatchAlerts(ctx, f.db, []models.AlertSearch{s}, f.now)
	if err != nil || len(matches[s.ID]) != 3 {
		t.Fatalf("matched %v, %v", matches, err)
	}
	// Between matching and sending, B is filled and C expires.
	if _, err := f.db.NewUpdate().Table("jobs").Set("status = ?", models.JobFilled).Where("id = ?", b.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.NewUpdate().Table("jobs").Set("expires_at = ?", f.now.Add(-time.Second)).Where("id = ?", c.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	alerts, err := models.ClaimAlerts(ctx, f.db, []models.AlertSearch{s}, matches, f.now)
	if err != nil || len(alerts) != 1 || len(alerts[0].Jobs) != 1 || alerts[0].Jobs[0].ID != a.ID {
		t.Fatalf("alerts = %+v, %v; want one with job A only", alerts, err)
	}
	var logged []int64
	if err := f.db.NewRaw(`SELECT job_id FROM alert_sends WHERE saved_search_id = ?`, s.ID).Scan(ctx, &logged); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(logged, []int64{a.ID}) {
		t.Fatalf("alert_sends = %v, want only A", logged)
	}
	// A second claim of the same matches sends nothing.
	if again, err := models.ClaimAlerts(ctx, f.db, []models.AlertSearch{s}, matches, f.now); err != nil || len(again) != 0 {
		t.Fatalf("second claim = %+v, %v; want nothing", again, err)
	}
}

func TestClaimAlertsCapsAtTwenty(t *testing.T) {
	t.Parallel()
	f := newSearchFixture(t)
	ctx := context.Background()
	s := savedSearch(t, f.db, "ada@example.com", "", models.AlertInstant, f.now.Add(-3*time.Hour))
	for i := range 23 {
		f.job(models.Job{Title: "Job", PublishedAt: f.now.Add(-time.Hour + time.Duration(i)*time.Minute)})
	}
	matches, err := models.MatchAlerts(ctx, f.db, []models.AlertSearch{s}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	alerts, err := models.ClaimAlerts(ctx, f.db, []models.AlertSearch{s}, matches, f.now)
	if err != nil || len(alerts) != 1 || len(alerts[0].Jobs) != models.AlertMaxJobs || alerts[0].More != 3 {
		t.Fatalf("alerts = %d, %v; want 20 jobs and 3 more", len(alerts), err)
	}
	if j := alerts[0].Jobs; !j[0].PublishedAt.After(j[19].PublishedAt) {
		t.Error("jobs not newest first")
	}
}

func TestDueAlertSearches(t *testing.T) {
	t.Parallel()
	f := newSearchFixture(t)
	ctx := context.Background()
	daily := savedSearch(t, f.db, "a@example.com", "q=x", models.AlertDaily, f.now.Add(-24*time.Hour))
	savedSearch(t, f.db, "b@example.com", "q=y", models.AlertDaily, f.now.Add(-20*time.Hour))
	savedSearch(t, f.db, "c@example.com", "q=z", models.AlertWeekly, f.now.Add(-6*24*time.Hour))
	paused := savedSearch(t, f.db, "d@example.com", "q=w", models.AlertDaily, f.now.Add(-48*time.Hour))
	if _, err := f.db.NewRaw(`UPDATE saved_searches SET paused = true WHERE id = ?`, paused.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := models.DueAlertSearches(ctx, f.db, models.AlertDaily, f.now)
	if err != nil || len(got) != 1 || got[0].ID != daily.ID {
		t.Fatalf("due daily = %+v, %v; want only the one 24 hours old", got, err)
	}
	if got, _ := models.DueAlertSearches(ctx, f.db, models.AlertWeekly, f.now); len(got) != 0 {
		t.Fatalf("due weekly = %+v, want none", got)
	}
}
