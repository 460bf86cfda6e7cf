package app_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// queryCounter counts the statements Bun runs. River's inserts of the email
// jobs go through database/sql and are not counted: one per batch of searches.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

const (
	benchSearches = 10_000
	benchJobs     = 1_000
)

// BenchmarkDigestRun: a daily digest over 10,000 saved searches (queries
// built from the vocabulary, so some are shared, as real ones are) against
// 1,000 jobs published since the last digest.
func BenchmarkDigestRun(b *testing.B) {
	ctx := context.Background()
	k := newAlertKit(b)
	db := k.d.Bun
	start := k.now.Add(-24 * time.Hour)
	// Jobs spread over the vocabulary, published during the last day.
	_, err := db.NewRaw(`INSERT INTO jobs (company_id, company_name, status, title, description, slug, work_mode,
			employment_type, state, city, settings, specialties, code_sets, credentials, apprentice_ok,
			salary_min, salary_max, salary_period, published_at, expires_at)
		SELECT ?, 'Acme Health', 'active', 'Coder ' || i,
			(ARRAY['inpatient DRG validation','outpatient surgery coding','risk adjustment HCC review','denials and appeals'])[1 + i % 4],
			'coder', (ARRAY['remote','hybrid','onsite'])[1 + i % 3],
			(ARRAY['full_time','part_time','contract'])[1 + i % 3],
			(ARRAY['TX','CA','FL','NY','OH'])[1 + i % 5], (ARRAY['Austin','Fresno','Tampa','Albany','Akron'])[1 + i % 5],
			ARRAY[(ARRAY['inpatient-facility','outpatient-facility','pro-fee','risk-adjustment','cdi','auditing'])[1 + i % 6]],
			ARRAY[(ARRAY['cardiology','oncology','radiology','orthopedics','pediatrics','urology','neurology'])[1 + i % 7]],
			ARRAY[(ARRAY['cpt','hcpcs','icd-10-cm','icd-10-pcs'])[1 + i % 4]],
			ARRAY[(ARRAY['CPC','CCS','CRC','COC','CIC','RHIT'])[1 + i % 6]], i % 5 = 0,
			40000 + (i % 40) * 1000, 50000 + (i % 40) * 1000, 'year',
			?::timestamptz + i * interval '1 minute', ?::timestamptz + interval '30 days'
		FROM generate_series(1, ?) AS i`, k.company, start, start, benchJobs).Exec(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Saved searches with one to three filters each.
	_, err = db.NewRaw(`INSERT INTO saved_searches (email, name, query, frequency, confirmed_at, last_digest_at)
		SELECT 'coder' || i || '@example.com', 'Search ' || i,
			concat_ws('&',
				'work_mode=' || (ARRAY['remote','hybrid','onsite'])[1 + i % 3],
				CASE WHEN i % 2 = 0 THEN 'credential=' || (ARRAY['CPC','CCS','CRC','COC','CIC','RHIT'])[1 + (i / 2) % 6] END,
				CASE WHEN i % 3 = 0 THEN 'setting=' || (ARRAY['inpatient-facility','outpatient-facility','pro-fee','risk-adjustment','cdi','auditing'])[1 + (i / 3) % 6] END,
				CASE WHEN i % 5 = 0 THEN 'specialty=' || (ARRAY['cardiology','oncology','radiology','orthopedics','pediatrics','urology','neurology'])[1 + (i / 5) % 7] END,
				CASE WHEN i % 7 = 0 THEN 'state=' || (ARRAY['TX','CA','FL','NY','OH'])[1 + (i / 7) % 5] END,
				CASE WHEN i % 11 = 0 THEN 'q=' || (ARRAY['coding','DRG','HCC','appeals'])[1 + (i / 11) % 4] END,
				CASE WHEN i % 13 = 0 THEN 'salary_min=' || (45000 + (i / 13) % 30 * 1000) END),
			'daily', ?::timestamptz, ?::timestamptz
		FROM generate_series(1, ?) AS i`, start, start, benchSearches).Exec(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var distinct int
	if err := db.NewRaw(`SELECT count(DISTINCT query) FROM saved_searches`).Scan(ctx, &distinct); err != nil {
		b.Fatal(err)
	}
	reset := func() {
		for _, q := range []string{`DELETE FROM alert_sends`, `DELETE FROM river_job`} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := db.NewRaw(`UPDATE saved_searches SET last_digest_at = ?`, start).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
	counter := &queryCounter{}
	db.AddQueryHook(counter)

	b.Run("match", func(b *testing.B) {
		due, err := models.DueAlertSearches(ctx, db, models.AlertDaily, k.now)
		if err != nil || len(due) != benchSearches {
			b.Fatalf("%d due, %v", len(due), err)
		}
		var queries int64
		for b.Loop() {
			before := counter.n.Load()
			if _, err := models.MatchAlerts(ctx, db, due, k.now); err != nil {
				b.Fatal(err)
			}
			queries = counter.n.Load() - before
		}
		b.ReportMetric(float64(queries)/benchSearches, "queries/search")
		b.ReportMetric(float64(distinct), "distinct-queries")
	})
	b.Run("run", func(b *testing.B) {
		var queries, emails int64
		var appCPU, dbCPU float64
		meter := &cpuMeter{db: db}
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			reset()
			meter.start(b)
			b.StartTimer()
			before := counter.n.Load()
			k.run(models.AlertDaily)
			queries = counter.n.Load() - before
			b.StopTimer()
			appCPU, dbCPU = meter.stop(b)
			if err := db.NewRaw(`SELECT count(*) FROM river_job WHERE kind = 'email'`).Scan(ctx, &emails); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		b.ReportMetric(float64(queries)/benchSearches, "bun-queries/search")
		b.ReportMetric(float64(emails), "emails")
		b.ReportMetric(appCPU, "app-cpu-s")
		b.ReportMetric(dbCPU, "db-cpu-s")
	})
}
