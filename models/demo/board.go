package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// SyntheticBoardJobs is the size of the board `seed --board` adds.
const SyntheticBoardJobs = 400

// syntheticCompanies is how many invented companies share the board.
const syntheticCompanies = 24

// SeedSyntheticBoard adds a synthetic board of n jobs from invented companies,
// a year of history (live, expired and filled jobs), and applications from
// invented coders that each company answers at its own pace, then refreshes
// the board's figures: a newcomer sees pay and responsiveness figures built
// the way production builds them. The generator follows the search
// benchmark's (the same vocabularies, a fixed seed). It reports false when
// the board is already there.
func SeedSyntheticBoard(ctx context.Context, db *bun.DB, n int, now time.Time) (bool, error) {
	added := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4242002)"); err != nil {
			return err
		}
		there, err := tx.NewSelect().Model((*models.Company)(nil)).Where("slug = 'board-health-1'").Exists(ctx)
		if err != nil || there {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT setseed(0.18)`); err != nil {
			return err
		}
		for _, step := range []struct {
			name string
			sql  string
			args []any
		}{
			{"companies", boardCompaniesSQL, []any{syntheticCompanies}},
			{"coders", boardCodersSQL, nil},
			{"jobs", boardJobsSQL, []any{n, now, syntheticCompanies}},
			{"applications", boardApplicationsSQL, []any{now}},
		} {
			if _, err := tx.NewRaw(step.sql, step.args...).Exec(ctx); err != nil {
				return fmt.Errorf("synthetic board %s: %w", step.name, err)
			}
		}
		added = true
		return nil
	})
	if err != nil || !added {
		return added, err
	}
	if _, err := models.RenderStoredDescriptions(ctx, db); err != nil {
		return true, err
	}
	return true, models.RefreshBoardFigures(ctx, db, now)
}

const boardCompaniesSQL = `
INSERT INTO companies (slug, name, kind, website, email_domain, description, trusted)
SELECT 'board-health-' || g, (ARRAY['Northfield', 'Pine Ridge', 'Silver Lake', 'Harbor', 'Cedar Valley', 'Redstone',
		'Bluewater', 'Oak Hollow'])[1 + g % 8] || ' ' || (ARRAY['Health', 'Medical Group', 'Coding Services',
		'Physicians', 'Hospital'])[1 + g % 5] || ' ' || g,
	CASE WHEN g % 6 = 0 THEN 'agency' ELSE 'employer' END,
	'https://board-health-' || g || '.example', 'board-health-' || g || '.example',
	'An invented company of the synthetic demo board.', true
FROM generate_series(1, ?) g`

// Invented coders who apply; they have no password and cannot sign in.
const boardCodersSQL = `
INSERT INTO users (email, name, account_type, plan)
SELECT 'board-coder-' || g || '@example.com', 'Board Coder ' || g, 'coder', 'free'
FROM generate_series(1, 40) g`

// Pay follows credential, setting and experience with noise, so the
// figures differ between groups the way real ones do.
const boardJobsSQL = `
WITH v AS (SELECT
	'{inpatient-facility,outpatient-facility,pro-fee,emergency-department,risk-adjustment,cdi,auditing,denials}'::text[] AS settings,
	'{1.12,0.98,0.92,0.96,1.0,1.25,1.18,0.9}'::float8[] AS setting_pay,
	'{cardiology,orthopedics,oncology,family-medicine,emergency-medicine,radiology,internal-medicine,general-surgery}'::text[] AS specs,
	'{CPC,CPC,CPC,CCS,CCS,CRC,RHIT,COC,CIC,CPC-A}'::text[] AS creds,
	'{1.0,1.0,1.0,1.1,1.1,1.02,1.05,0.97,1.12,0.8}'::float8[] AS cred_pay,
	'{FL,TX,OH,GA,IL,PA,CA,NC,TN,WA}'::text[] AS states,
	'{Tampa,Austin,Columbus,Atlanta,Chicago,Pittsburgh,Sacramento,Charlotte,Nashville,Seattle}'::text[] AS cities,
	'{Medical Coder,Inpatient Coder,Outpatient Coder,Risk Adjustment Coder,Coding Auditor,CDI Specialist,Pro-Fee Coder,ED Coder,Denials Specialist,Surgical Coder}'::text[] AS titles,
	'{remote,remote,remote,hybrid,onsite}'::text[] AS modes
), r AS (
	SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
		random() AS r6, random() AS r7, random() AS r8
	FROM generate_series(1, ?0) g
), j AS (
	SELECT r.*, v.modes[1 + (r4 * 5)::int % 5] AS mode, 1 + (r3 * 8)::int % 8 AS si, 1 + (r5 * 10)::int % 10 AS ci,
		1 + (r6 * 10)::int % 10 AS sti, (r7 * 7)::int AS years,
		-- Published within the last year; three in five are live.
		CASE WHEN r1 < 0.6 THEN ?1::timestamptz - r2 * 25 * interval '1 day'
			ELSE ?1::timestamptz - interval '35 days' - r2 * 300 * interval '1 day' END AS published
	FROM r, v
)
INSERT INTO jobs (company_id, created_by, status, plan, title, slug, company_name, city, state, work_mode, remote_states,
	employment_type, settings, specialties, code_sets, credentials_required, credentials_preferred, credentials,
	apprentice_ok, experience_min_years, salary_min, salary_max, salary_period, systems, apply_method, apply_url,
	description, submitted_at, published_at, expires_at, closed_at)
SELECT c.id, NULL,
	CASE WHEN r1 < 0.6 THEN 'active' WHEN r1 < 0.85 THEN 'expired' ELSE 'filled' END,
	'standard', t.title, lower(regexp_replace(t.title, '[^A-Za-z0-9]+', '-', 'g')), c.name,
	CASE WHEN j.mode = 'remote' THEN '' ELSE v.cities[j.sti] END,
	CASE WHEN j.mode = 'remote' THEN '' ELSE v.states[j.sti] END,
	j.mode, '{}', CASE WHEN r8 < 0.85 THEN 'full_time' ELSE 'contract' END,
	ARRAY[v.settings[j.si]], ARRAY[v.specs[1 + (r8 * 8)::int % 8]], '{cpt,icd-10-cm}',
	jsonb_build_array(jsonb_build_array(v.creds[j.ci])), '{}', ARRAY[v.creds[j.ci]],
	v.creds[j.ci] = 'CPC-A', j.years,
	p.lo, p.hi, p.period, '{Epic}',
	CASE WHEN r8 < 0.55 THEN 'onsite' ELSE 'url' END,
	CASE WHEN r8 < 0.55 THEN '' ELSE 'https://careers.example/jobs/' || g END,
	t.title || E' on an invented team of the synthetic demo board.\n\nCode charts, meet quality goals and keep up with guideline changes.',
	j.published - interval '1 day', j.published, j.published + interval '30 days',
	CASE WHEN r1 >= 0.85 THEN j.published + interval '20 days' END
FROM j, v,
	LATERAL (SELECT id, name FROM companies WHERE slug = 'board-health-' || (1 + j.g % ?2)) c,
	LATERAL (SELECT v.titles[1 + (j.r3 * 10)::int % 10] AS title) t,
	LATERAL (SELECT 52000 * v.setting_pay[j.si] * v.cred_pay[j.ci] * (1 + j.years * 0.035) * (0.85 + j.r2 * 0.3) AS yearly) y,
	LATERAL (SELECT
		CASE WHEN j.r4 < 0.45 THEN round(y.yearly / 2080 - 2)::int WHEN j.r4 < 0.92 THEN (round(y.yearly / 1000) * 1000 - 4000)::int ELSE 2 END AS lo,
		CASE WHEN j.r4 < 0.45 THEN round(y.yearly / 2080 + 2)::int WHEN j.r4 < 0.92 THEN (round(y.yearly / 1000) * 1000 + 4000)::int ELSE 4 END AS hi,
		CASE WHEN j.r4 < 0.45 THEN 'hour' WHEN j.r4 < 0.92 THEN 'year' ELSE 'chart' END AS period) p`

// Each on-site job gets up to eight applications in its first weeks. A
// company answers a share of them after some days, both set by the
// company's number, so the board has fast, slow and silent employers.
const boardApplicationsSQL = `
WITH a AS (
	SELECT j.id AS job_id, j.company_id, u.id AS user_id,
		least(j.published_at + random() * interval '20 days', ?0::timestamptz - interval '1 hour') AS created,
		random() AS answer_roll, random() AS speed_roll,
		(SELECT substring(c.slug FROM '[0-9]+$')::int FROM companies c WHERE c.id = j.company_id) AS n
	FROM jobs j
		CROSS JOIN generate_series(1, j.id % 9) k
		-- k × 13 differs for every k below 40: distinct coders per job.
		JOIN users u ON u.email = 'board-coder-' || (1 + (j.id * 7 + k * 13) % 40) || '@example.com'
	WHERE j.apply_method = 'onsite' AND j.description LIKE '%synthetic demo board%'
)
INSERT INTO applications (job_id, user_id, status, created_at, updated_at, status_changed_at, first_acted_at)
SELECT job_id, user_id,
	CASE WHEN answered AND acted <= ?0 THEN (ARRAY['reviewed', 'rejected', 'interviewing'])[1 + (speed_roll * 3)::int % 3] ELSE 'new' END,
	created, created,
	CASE WHEN answered AND acted <= ?0 THEN acted ELSE created END,
	CASE WHEN answered AND acted <= ?0 THEN acted END
FROM (SELECT *, answer_roll < (CASE n % 4 WHEN 0 THEN 0.95 WHEN 1 THEN 0.8 WHEN 2 THEN 0.55 ELSE 0.2 END) AS answered,
		created + (0.2 + speed_roll * (1 + n % 5) * 3) * interval '1 day' AS acted
	FROM a) s`
