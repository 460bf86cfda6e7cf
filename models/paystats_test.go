package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

func TestYearlyPay(t *testing.T) {
	for _, c := range []struct {
		min, max *int
		period   *string
		want     int
		ok       bool
	}{
		{pInt(20), pInt(30), pStr("hour"), 52_000, true},
		{pInt(25), nil, pStr("hour"), 52_000, true},
		{nil, pInt(60_000), pStr("year"), 60_000, true},
		{pInt(50_000), pInt(65_000), pStr("year"), 57_500, true},
		{pInt(21), pInt(22), pStr("hour"), 44_720, true}, // 21.5 × 2,080
		{pInt(3), pInt(5), pStr("chart"), 0, false},
		{nil, nil, pStr("year"), 0, false},
		{pInt(50_000), nil, nil, 0, false},
	} {
		got, ok := models.YearlyPay(c.min, c.max, c.period)
		if got != c.want || ok != c.ok {
			t.Errorf("%v–%v %v: %d %v, want %d %v", c.min, c.max, c.period, got, ok, c.want, c.ok)
		}
	}
}

// payBoard: twenty remote CPC outpatient jobs paying $41k…$60k a year (one
// of them as $25 an hour, one filled two months ago), nine on-site CCS
// inpatient jobs (too few for a figure), and jobs that must not count.
func payBoard(t *testing.T) (*searchFixture, models.Job) {
	f := newSearchFixture(t)
	now := f.now
	var at55 models.Job
	for i := range 20 {
		yearly := 41_000 + i*1000
		j := models.Job{Title: "CPC coder", CredentialsRequired: [][]string{{"CPC"}},
			Settings: []string{"outpatient-facility"}, SalaryMin: pInt(yearly), SalaryMax: pInt(yearly), SalaryPeriod: pStr("year")}
		switch yearly {
		case 52_000:
			j.SalaryMin, j.SalaryMax, j.SalaryPeriod = pInt(25), pInt(25), pStr("hour")
		case 60_000:
			j.Status, j.ClosedAt = models.JobFilled, now.Add(-60*day)
			j.PublishedAt, j.ExpiresAt = now.Add(-80*day), now.Add(-50*day)
		}
		j = f.job(j)
		if yearly == 55_000 {
			at55 = j
		}
	}
	for range 9 {
		f.job(models.Job{Title: "CCS inpatient", WorkMode: "onsite", State: "TX", City: "Austin",
			CredentialsRequired: [][]string{{"CCS"}}, Settings: []string{"inpatient-facility"},
			SalaryMin: pInt(70_000), SalaryMax: pInt(80_000), SalaryPeriod: pStr("year")})
	}
	// None of these count: paid per chart, closed over a year ago, a draft,
	// hidden, no pay shown.
	cpc := [][]string{{"CPC"}}
	outpatient := []string{"outpatient-facility"}
	f.job(models.Job{Title: "Per chart", CredentialsRequired: cpc, Settings: outpatient,
		SalaryMin: pInt(3), SalaryMax: pInt(5), SalaryPeriod: pStr("chart")})
	f.job(models.Job{Title: "Long closed", CredentialsRequired: cpc, Settings: outpatient, Status: models.JobExpired,
		PublishedAt: now.Add(-420 * day), ExpiresAt: now.Add(-390 * day),
		SalaryMin: pInt(200_000), SalaryMax: pInt(200_000), SalaryPeriod: pStr("year")})
	f.job(models.Job{Title: "Draft", CredentialsRequired: cpc, Settings: outpatient, Status: models.JobDraft,
		SalaryMin: pInt(300_000), SalaryMax: pInt(300_000), SalaryPeriod: pStr("year")})
	f.job(models.Job{Title: "Hidden", CredentialsRequired: cpc, Settings: outpatient, HiddenAt: now.Add(-time.Hour),
		SalaryMin: pInt(250_000), SalaryMax: pInt(250_000), SalaryPeriod: pStr("year")})
	f.job(models.Job{Title: "No pay", CredentialsRequired: cpc, Settings: outpatient})
	if err := models.RefreshPayGroups(context.Background(), f.db, now); err != nil {
		t.Fatal(err)
	}
	return f, at55
}

func TestPayGroupsAgainstHandComputedFigures(t *testing.T) {
	f, at55 := payBoard(t)
	ctx := context.Background()
	g, err := models.PayGroupFor(ctx, f.db, models.PayKey{Credential: "CPC", WorkMode: "remote", Setting: "outpatient-facility"})
	if err != nil || g == nil {
		t.Fatalf("group: %v %v", g, err)
	}
	// 41k…60k: the median is between 50k and 51k; the quartiles sit at
	// positions 4.75 and 14.25 of 0…19.
	if g.Jobs != 20 || g.Median != 50_500 || g.P25 != 45_750 || g.P75 != 55_250 {
		t.Errorf("figures: %d jobs, p25 %d, median %d, p75 %d", g.Jobs, g.P25, g.Median, g.P75)
	}
	// 14 of 20 jobs pay less than 55k and 5 pay more.
	if below, above := g.Standing(55_000); below != 70 || above != 20 {
		t.Errorf("standing of 55k: below %d, above %d", below, above)
	}
	groups, err := models.LoadJobPayGroups(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	s := groups.StandingFor(&at55)
	if s == nil || s.Below != 70 || s.Group.Label() != "remote CPC jobs in outpatient facility" {
		t.Fatalf("job standing: %+v", s)
	}

	// The minimum sample: nine CCS jobs make no group, on any key.
	for _, k := range []models.PayKey{{Credential: "CCS"}, {Setting: "inpatient-facility"}, {State: "TX"}, {WorkMode: "onsite"}} {
		if g, err := models.PayGroupFor(ctx, f.db, k); err != nil || g != nil {
			t.Errorf("%+v: %+v %v", k, g, err)
		}
	}
	ccs := models.Job{WorkMode: "onsite", CredentialsRequired: [][]string{{"CCS"}}, Settings: []string{"inpatient-facility"},
		SalaryMin: pInt(75_000), SalaryMax: pInt(75_000), SalaryPeriod: pStr("year")}
	if s := groups.StandingFor(&ccs); s != nil {
		t.Errorf("CCS job compared with %+v", s)
	}
	// The whole board: 29 jobs.
	if g, _ := models.PayGroupFor(ctx, f.db, models.PayKey{}); g == nil || g.Jobs != 29 || g.Label() != "all jobs" {
		t.Errorf("all jobs: %+v", g)
	}
	byCred, err := models.PayByDimension(ctx, f.db, "credential")
	if err != nil || len(byCred) != 1 || byCred[0].Credential != "CPC" || byCred[0].Jobs != 20 {
		t.Errorf("by credential: %+v %v", byCred, err)
	}
}

func TestPayForSearch(t *testing.T) {
	f, _ := payBoard(t)
	ctx := context.Background()
	for _, c := range []struct {
		query string
		jobs  int // 0: no figure
	}{
		{"", 29},
		{"credential=CPC&work_mode=remote", 20},
		{"q=coder&credential=CPC&setting=outpatient-facility", 20},
		{"credential=CCS", 0},                // too few
		{"credential=CPC&credential=CCS", 0}, // no single group
		{"location=Austin", 0},               // groups know states, not cities
		{"credential=CPC&work_mode=remote&setting=outpatient-facility&specialty=cardiology", 0}, // too many dimensions
	} {
		g, err := models.PayForSearch(ctx, f.db, models.ParseJobFilter(mustQuery(t, c.query)))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.jobs == 0 && g != nil:
			t.Errorf("%q: figure from %d jobs", c.query, g.Jobs)
		case c.jobs != 0 && (g == nil || g.Jobs != c.jobs):
			t.Errorf("%q: %+v, want %d jobs", c.query, g, c.jobs)
		}
	}
}

// Refreshes that meet (the periodic one and one after an approval) wait for
// each other instead of writing the same groups twice.
func TestBoardFigureRefreshesMayMeet(t *testing.T) {
	f, _ := payBoard(t)
	ctx := context.Background()
	errs := make(chan error, 6)
	for range 6 {
		go func() { errs <- models.RefreshBoardFigures(ctx, f.db, time.Now()) }()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	g, err := models.PayGroupFor(ctx, f.db, models.PayKey{Credential: "CPC", WorkMode: "remote", Setting: "outpatient-facility"})
	if err != nil || g == nil || g.Jobs != 20 {
		t.Fatalf("group after concurrent refreshes: %+v %v", g, err)
	}
}

// PayRefreshedAt tells the worker's periodic pass whether the figures are
// fresh: zero before any group, then the time of the last refresh.
func TestPayRefreshedAt(t *testing.T) {
	ctx := context.Background()
	if at, err := models.PayRefreshedAt(ctx, newSearchFixture(t).db); err != nil || !at.IsZero() {
		t.Fatalf("before a refresh: %v %v", at, err)
	}
	f, _ := payBoard(t)
	now := time.Now().UTC().Truncate(time.Second)
	if err := models.RefreshBoardFigures(ctx, f.db, now); err != nil {
		t.Fatal(err)
	}
	if at, err := models.PayRefreshedAt(ctx, f.db); err != nil || !at.Equal(now) {
		t.Fatalf("after a refresh: %v %v, want %v", at, err, now)
	}
}
