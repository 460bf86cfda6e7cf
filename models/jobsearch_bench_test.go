package models_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

// benchJobs is the size of the board the search benchmarks run on.
const benchJobs = 100_000

// fillBenchJobs inserts n generated jobs (three quarters of them live,
// published over the last 30 days; the rest expired, filled or drafts; 2%
// featured) with values drawn from the vocabularies, then vacuums and
// analyzes so the planner and the index-only scans see the table as
// production would after autovacuum.
func fillBenchJobs(ctx context.Context, db *bun.DB, n int) error {
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// The same board every run.
		if _, err := tx.ExecContext(ctx, `SELECT setseed(0.42)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO companies (slug, name, kind)
			SELECT 'bench-company-' || g, 'Bench Health ' || g, CASE WHEN g % 6 = 0 THEN 'agency' ELSE 'employer' END
			FROM generate_series(1, 300) g`); err != nil {
			return err
		}
		_, err := tx.NewRaw(benchJobsSQL, n).Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `VACUUM ANALYZE jobs`)
	return err
}

const benchJobsSQL = `
WITH v AS (SELECT
    '{inpatient-facility,outpatient-facility,pro-fee,emergency-department,risk-adjustment,cdi,auditing,denials}'::text[] AS settings,
    '{anesthesiology,behavioral-health,cardiology,dermatology,emergency-medicine,endocrinology,family-medicine,gastroenterology,general-surgery,home-health,internal-medicine,interventional-radiology,laboratory-pathology,nephrology,neurology,obstetrics-gynecology,oncology,ophthalmology,orthopedics,pediatrics,pulmonology,radiology,urology,wound-care,dme-supplies}'::text[] AS specs,
    '{CPC,CPC,CPC,CCS,CCS,CCS-P,COC,CIC,CRC,CRC,RHIT,RHIA,CDIP,CCDS,CPMA,CEMC,CEDC,CPB,CANPC,CCA}'::text[] AS creds,
    '{AL,AZ,CA,CO,FL,GA,IL,IN,KY,MA,MD,MI,MN,MO,NC,NJ,NY,OH,OR,PA,SC,TN,TX,UT,VA,WA,WI}'::text[] AS states,
    '{Birmingham,Phoenix,Sacramento,Denver,Tampa,Atlanta,Chicago,Indianapolis,Louisville,Boston,Baltimore,Detroit,Minneapolis,St. Louis,Charlotte,Newark,Albany,Columbus,Portland,Pittsburgh,Columbia,Nashville,Austin,Salt Lake City,Richmond,Seattle,Madison}'::text[] AS cities,
    '{Medical Coder,Inpatient Coder,Outpatient Coder,Risk Adjustment Coder,HCC Coding Specialist,Coding Auditor,CDI Specialist,Professional Fee Coder,ED Facility Coder,Denials Management Specialist,Surgical Coder,Radiology Coder,Coding Quality Analyst,Coding Educator,Oncology Coder,Cardiology Coder,Anesthesia Coder,Pathology Coder,Revenue Integrity Analyst,Clinical Documentation Specialist}'::text[] AS titles,
    ARRAY['Senior ', 'Lead ', '', '', '', 'Remote ', '', 'Certified ', 'Entry Level ', ''] AS prefixes,
    '{Epic,Cerner,Meditech,3M 360 Encompass,Optum CAC,TruCode,eClinicalWorks,athenahealth,Solventum encoder,NextGen}'::text[] AS systems,
    '{full_time,full_time,full_time,part_time,contract,per_diem,temporary}'::text[] AS etypes,
    '{remote,remote,remote,hybrid,onsite}'::text[] AS modes,
    '{abstract diagnoses and procedures from inpatient records,assign ICD-10-CM and CPT codes to office visits,review HCC documentation for chart retrieval projects,audit evaluation and management levels,work denials and appeals with payers,query physicians about documentation gaps,code emergency department facility charges,code surgical operative notes,validate DRG assignment before final billing,educate providers on documentation and coding guidelines,code interventional radiology procedures,review chemotherapy and infusion charges}'::text[] AS duties,
    '{Our team is growing,Join a supportive coding team,We offer productivity bonuses,Benefits start on day one,Flexible schedules are available,We pay for CEUs and one credential renewal a year,Training on our encoder is provided,Weekly one-on-ones with a coding lead}'::text[] AS perks
), r AS (
    SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
        random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10
    FROM generate_series(1, ?) g
)
INSERT INTO jobs (company_id, status, plan, title, slug, company_name, city, state, work_mode, remote_states,
    employment_type, settings, specialties, code_sets, credentials_required, credentials_preferred, credentials,
    apprentice_ok, experience_min_years, salary_min, salary_max, salary_period, systems, apply_method, apply_url,
    description, featured_until, submitted_at, published_at, expires_at)
SELECT 1 + g % 300,
    CASE WHEN r1 < 0.74 THEN 'active' WHEN r1 < 0.93 THEN 'expired' WHEN r1 < 0.96 THEN 'filled' ELSE 'draft' END,
    CASE WHEN r2 < 0.02 THEN 'featured' ELSE 'standard' END,
    t.title, lower(regexp_replace(t.title, '[^A-Za-z0-9]+', '-', 'g')), 'Bench Health ' || (1 + g % 300),
    CASE WHEN m.mode = 'remote' THEN '' ELSE v.cities[1 + (r4 * 27)::int % 27] END,
    CASE WHEN m.mode = 'remote' THEN '' ELSE v.states[1 + (r4 * 27)::int % 27] END,
    m.mode,
    CASE WHEN m.mode = 'remote' AND r5 < 0.4 THEN ARRAY(SELECT DISTINCT unnest(ARRAY[v.states[1 + (r5 * 1000)::int % 27],
        v.states[1 + (r6 * 1000)::int % 27], v.states[1 + (r7 * 1000)::int % 27]])) ELSE '{}' END,
    v.etypes[1 + (r6 * 7)::int % 7],
    ARRAY[p.s1] || CASE WHEN r7 < 0.3 AND p.s2 <> p.s1 THEN ARRAY[p.s2] ELSE '{}' END,
    ARRAY[p.sp1] || CASE WHEN r9 < 0.4 AND p.sp2 <> p.sp1 THEN ARRAY[p.sp2] ELSE '{}' END,
    CASE WHEN r3 < 0.3 THEN '{icd-10-cm,icd-10-pcs}'::text[] WHEN r3 < 0.7 THEN '{cpt,icd-10-cm}' ELSE '{cpt,hcpcs,icd-10-cm}' END,
    jsonb_build_array(jsonb_build_array(c.c1, c.c2)),
    CASE WHEN r10 < 0.5 THEN ARRAY[c.c3] ELSE '{}' END,
    ARRAY(SELECT DISTINCT unnest(ARRAY[c.c1, c.c2] || CASE WHEN r10 < 0.5 THEN ARRAY[c.c3] ELSE '{}' END)),
    r9 < 0.15,
    (r10 * 6)::int,
    CASE WHEN r8 < 0.5 THEN 20 + (r8 * 30)::int WHEN r8 < 0.85 THEN 45000 + (r8 * 40000)::int WHEN r8 < 0.95 THEN 2 + (r8 * 5)::int END,
    CASE WHEN r8 < 0.5 THEN 30 + (r8 * 30)::int WHEN r8 < 0.85 THEN 60000 + (r8 * 40000)::int WHEN r8 < 0.95 THEN 4 + (r8 * 5)::int END,
    CASE WHEN r8 < 0.5 THEN 'hour' WHEN r8 < 0.85 THEN 'year' WHEN r8 < 0.95 THEN 'chart' END,
    ARRAY[v.systems[1 + (r2 * 1000)::int % 10]],
    'url', 'https://careers.example.com/jobs/' || g,
    t.title || ' at Bench Health ' || (1 + g % 300) || E'.\n\nYou will:\n\n- ' || v.duties[1 + (r5 * 12)::int % 12] ||
        E'\n- ' || v.duties[1 + (r6 * 12)::int % 12] || E'\n- work in ' || v.systems[1 + (r2 * 1000)::int % 10] ||
        E'\n\n' || v.perks[1 + (r7 * 8)::int % 8] || '. ' || v.perks[1 + (r4 * 8)::int % 8] || '.',
    CASE WHEN r2 < 0.02 THEN now() + interval '10 days' END,
    now() - r1 * 40 * interval '1 day' - interval '1 day',
    now() - r1 * 40 * interval '1 day' - (g % 1000) * interval '1 second',
    now() - r1 * 40 * interval '1 day' + interval '30 days'
FROM r, v,
    LATERAL (SELECT v.prefixes[1 + (r5 * 10)::int % 10] || v.titles[1 + (r3 * 20)::int % 20] AS title) t,
    LATERAL (SELECT v.modes[1 + (r4 * 5)::int % 5] AS mode) m,
    LATERAL (SELECT v.settings[1 + (r3 * 8)::int % 8] AS s1, v.settings[1 + (r7 * 100)::int % 8] AS s2,
        v.specs[1 + (r8 * 25)::int % 25] AS sp1, v.specs[1 + (r9 * 100)::int % 25] AS sp2) p,
    LATERAL (SELECT v.creds[1 + (r5 * 20)::int % 20] AS c1, v.creds[1 + (r6 * 20)::int % 20] AS c2,
        v.creds[1 + (r7 * 20)::int % 20] AS c3) c`

// benchQueries are typical searches: words with two filters, filters only,
// words only, and the bare /jobs page.
var benchQueries = []struct{ name, query string }{
	{"words+2filters", "q=coder&work_mode=remote&credential=CPC"},
	{"filters", "setting=risk-adjustment&state=TX"},
	{"words", "q=auditor"},
	{"common", "q=coder"},
	{"multiword", "q=risk+adjustment+coder"},
	{"all", ""},
}

// benchBoardSize is how many jobs BenchmarkJobSearch generates: benchJobs,
// or BENCH_JOBS (the README's 1,000,000-job table).
func benchBoardSize(b testing.TB) int {
	raw := os.Getenv("BENCH_JOBS")
	if raw == "" {
		return benchJobs
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		b.Fatalf("BENCH_JOBS=%q is not a number of jobs", raw)
	}
	return n
}

// BenchmarkJobSearch reports per-call p50 and p99 of SearchJobs and
// JobFacets, and of a whole first page's SQL (searchPageSQL), on a board of
// 100,000 jobs (make bench; it takes about a minute to build the board
// first), or BENCH_JOBS.
func BenchmarkJobSearch(b *testing.B) {
	ctx := context.Background()
	d := benchBoard(ctx, b)
	now := time.Now()
	for _, q := range benchQueries {
		f := benchFilter(q.query)
		b.Run("search/"+q.name, func(b *testing.B) {
			timed(b, func() error { _, err := models.SearchJobs(ctx, d.Bun, f, now, models.JobsPerPage); return err })
		})
		b.Run("facets/"+q.name, func(b *testing.B) {
			timed(b, func() error { _, err := models.JobFacets(ctx, d.Bun, f, now); return err })
		})
		b.Run("page/"+q.name, func(b *testing.B) {
			timed(b, func() error { return searchPageSQL(ctx, d.Bun, f, now) })
		})
	}
	// A later page: the cursor of page 5.
	f := benchFilter(benchQueries[0].query)
	for range 4 {
		page, err := models.SearchJobs(ctx, d.Bun, f, now, models.JobsPerPage)
		if err != nil {
			b.Fatal(err)
		}
		f.Cursor = page.Next
	}
	b.Run("search/page5", func(b *testing.B) {
		timed(b, func() error { _, err := models.SearchJobs(ctx, d.Bun, f, now, models.JobsPerPage); return err })
	})
}

// benchBoard is a fresh database with the benchmark board, or the board
// already filled at BENCH_BOARD_URL (migrated, then TestFillBenchJobs or
// the same fill), so before and after of a change at 1,000,000 jobs compare
// on one board without building it twice.
func benchBoard(ctx context.Context, b *testing.B) *app.DB {
	if u := os.Getenv("BENCH_BOARD_URL"); u != "" {
		d, err := app.OpenDB(ctx, u, 10)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(d.Close)
		return d
	}
	d := apptest.DB(b)
	start := time.Now()
	size := benchBoardSize(b)
	if err := fillBenchJobs(ctx, d.Bun, size); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d jobs generated in %v", size, time.Since(start).Round(time.Millisecond))
	return d
}

// searchPageSQL is every statement a first page of /jobs issues when
// nothing is kept, as the handler (listJobs) issues them: the search with
// its count, the employers' answer figures and the pay of the search's
// group on one connection, and the filter counts at the same time on
// another.
func searchPageSQL(ctx context.Context, db bun.IDB, f models.JobFilter, now time.Time) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		page, err := models.SearchJobs(ctx, db, f, now, models.JobsPerPage)
		if err != nil {
			return err
		}
		if err := models.AttachAnswers(ctx, db, page.Jobs); err != nil {
			return err
		}
		_, err = models.PayForSearch(ctx, db, f)
		return err
	})
	g.Go(func() error {
		_, err := models.JobFacets(ctx, db, f, now)
		return err
	})
	return g.Wait()
}

func benchFilter(query string) models.JobFilter {
	v, _ := url.ParseQuery(query)
	return models.ParseJobFilter(v)
}

// timed runs call b.N times and reports the median and 99th percentile.
func timed(b *testing.B, call func() error) {
	took := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t := time.Now()
		if err := call(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t))
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// TestFillBenchJobs fills the database at BENCH_FILL_DATABASE_URL (already
// migrated) with the benchmark board (BENCH_JOBS jobs when set, as
// BenchmarkJobSearch), for scripts/bench-search.sh and a board of
// 1,000,000 jobs named by BENCH_BOARD_URL; without the variable it is
// skipped.
func TestFillBenchJobs(t *testing.T) {
	dbURL := os.Getenv("BENCH_FILL_DATABASE_URL")
	if dbURL == "" {
		t.Skip("BENCH_FILL_DATABASE_URL is not set")
	}
	d, err := app.OpenDB(context.Background(), dbURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	size := benchBoardSize(t)
	if err := fillBenchJobs(context.Background(), d.Bun, size); err != nil {
		t.Fatal(err)
	}
	if _, err := models.RenderStoredDescriptions(context.Background(), d.Bun); err != nil {
		t.Fatal(err)
	}
	// Rendering rewrote every row; a board whose jobs were saved with their
	// HTML has no such dead copies. VACUUM FULL leaves the visibility map
	// empty, which the plain VACUUM after it fills, as autovacuum would.
	for _, stmt := range []string{`VACUUM FULL jobs`, `VACUUM ANALYZE jobs`} {
		if _, err := d.Bun.ExecContext(context.Background(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	// The worker's state on a board that has run a while: every live job's
	// similar jobs ranked (a few minutes at 100,000 jobs; left out of a
	// bigger board, which only the searches read).
	for size <= benchJobs {
		n, err := models.RankRelatedJobs(context.Background(), d.Bun, time.Now(), 2000)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	var live int
	err = d.Bun.NewRaw(`SELECT count(*) FROM jobs WHERE status = 'active' AND expires_at > now()`).Scan(context.Background(), &live)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%d jobs, %d live\n", size, live)
}
