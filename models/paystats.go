package models

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Real pay: what medical coding jobs on this board pay, per group of jobs,
// from their structured pay. A periodic job (and each approval) refreshes
// pay_groups; pages read one row by its key.
const (
	// HoursPerYear turns an hourly rate into a yearly amount (40 × 52).
	HoursPerYear = 2080
	// PayHistory is how long a closed job still counts.
	PayHistory = 365 * 24 * time.Hour
	// MinPaySample is the fewest jobs a pay figure is shown for.
	MinPaySample = 10
	// maxGroupDims bounds how many dimensions a group names at once, which
	// bounds the aggregate's size; searches and job pages use at most this.
	maxGroupDims = 3
)

// Experience bands of pay groups, from experience_min_years.
var ExperienceBands = []Term{{"entry", "entry-level (0–1 years)"}, {"mid", "2–4 years"}, {"senior", "5+ years"}}

// PayKey names a group of jobs; "" in a field means any value.
type PayKey struct {
	Credential string `bun:"credential"` // a required credential
	Setting    string `bun:"setting"`
	WorkMode   string `bun:"work_mode"`
	Specialty  string `bun:"specialty"`
	State      string `bun:"state"` // of the workplace
	Experience string `bun:"experience"`
}

// dims counts the dimensions the key names.
func (k PayKey) dims() int {
	n := 0
	for _, v := range []string{k.Credential, k.Setting, k.WorkMode, k.Specialty, k.State, k.Experience} {
		if v != "" {
			n++
		}
	}
	return n
}

// Label says the group in words: "remote CPC jobs in outpatient facility",
// "all jobs" for the whole board.
func (k PayKey) Label() string {
	var lead []string
	if k.WorkMode != "" {
		lead = append(lead, LowerFirst(TermLabel(WorkModes, k.WorkMode)))
	}
	if k.Experience != "" {
		lead = append(lead, TermLabel(ExperienceBands, k.Experience))
	}
	if k.Credential != "" {
		lead = append(lead, k.Credential)
	}
	if len(lead) == 0 && k.dims() == 0 {
		return "all jobs"
	}
	s := strings.Join(append(lead, "jobs"), " ")
	var in []string
	if k.Setting != "" {
		in = append(in, LowerFirst(TermLabel(Settings, k.Setting)))
	}
	if k.Specialty != "" {
		in = append(in, LowerFirst(TermLabel(Specialties, k.Specialty)))
	}
	if len(in) > 0 {
		s += " in " + strings.Join(in, ", ")
	}
	if k.State != "" {
		s += " in " + TermLabel(States, k.State)
	}
	return s
}

// PayGroup is the pay of one group of jobs, as a yearly amount in dollars.
type PayGroup struct {
	bun.BaseModel `bun:"table:pay_groups"`
	PayKey

	Jobs        int       `bun:"jobs"`
	P25         int       `bun:"p25"`
	Median      int       `bun:"median"`
	P75         int       `bun:"p75"`
	Cuts        []int     `bun:"cuts,array"` // the 1st to 99th percentiles
	RefreshedAt time.Time `bun:"refreshed_at"`
}

// YearlyPay is a job's pay as a yearly amount: the middle of its range,
// hourly rates × HoursPerYear. ok is false for jobs paid per chart or
// showing no pay.
func YearlyPay(min, max *int, period *string) (int, bool) {
	if period == nil || (*period != "hour" && *period != "year") || (min == nil && max == nil) {
		return 0, false
	}
	lo, hi := min, max
	if lo == nil {
		lo = hi
	}
	if hi == nil {
		hi = lo
	}
	mid := float64(*lo+*hi) / 2
	if *period == "hour" {
		mid *= HoursPerYear
	}
	return int(mid + 0.5), true
}

// Standing is where a pay stands in the group: the share of the group's
// jobs paid less (Below) and more (Above), in whole tens of percent rounded
// down so the board never claims more than it knows.
func (g *PayGroup) Standing(yearly int) (below, above int) {
	if len(g.Cuts) == 0 {
		return 0, 0
	}
	for _, c := range g.Cuts {
		if c < yearly {
			below++
		} else if c > yearly {
			above++
		}
	}
	// Cuts are the 1st..99th percentiles: each is about one percent.
	return below * 100 / (len(g.Cuts) + 1) / 10 * 10, above * 100 / (len(g.Cuts) + 1) / 10 * 10
}

// payGroupsSQL builds every group of at most maxGroupDims dimensions from
// the jobs' pay. Each job joins each group it belongs to once (DISTINCT), so
// a job requiring CPC or CCS counts once among CPC jobs and once among CCS
// jobs, never twice in one group.
const payGroupsSQL = `
WITH pay AS (
	SELECT j.id,
		round((coalesce(j.salary_min, j.salary_max) + coalesce(j.salary_max, j.salary_min)) / 2.0
			* CASE j.salary_period WHEN 'hour' THEN ?0 ELSE 1 END)::int AS yearly,
		j.work_mode, j.state, j.settings, j.specialties,
		CASE WHEN j.experience_min_years < 2 THEN 'entry' WHEN j.experience_min_years < 5 THEN 'mid' ELSE 'senior' END AS experience,
		ARRAY(SELECT jsonb_array_elements_text(g) FROM jsonb_array_elements(j.credentials_required) g) AS creds
	FROM jobs j
	WHERE j.salary_period IN ('hour', 'year') AND coalesce(j.salary_min, j.salary_max) IS NOT NULL
		AND j.status IN ('active', 'expired', 'filled') AND j.hidden_at IS NULL AND j.published_at <= ?1
		AND coalesce(j.closed_at, j.expires_at) > ?2
), member AS (
	SELECT DISTINCT p.id, p.yearly, c.v AS credential, s.v AS setting, m.v AS work_mode,
		sp.v AS specialty, st.v AS state, e.v AS experience
	FROM pay p
		CROSS JOIN LATERAL unnest(p.creds || ''::text) c(v)
		CROSS JOIN LATERAL unnest(p.settings || ''::text) s(v)
		CROSS JOIN LATERAL unnest(ARRAY[p.work_mode, '']) m(v)
		CROSS JOIN LATERAL unnest(p.specialties || ''::text) sp(v)
		CROSS JOIN LATERAL unnest(ARRAY[p.state, '']) st(v)
		CROSS JOIN LATERAL unnest(ARRAY[p.experience, '']) e(v)
	WHERE (c.v <> '')::int + (s.v <> '')::int + (m.v <> '')::int + (sp.v <> '')::int
		+ (st.v <> '')::int + (e.v <> '')::int <= ?3
)
INSERT INTO pay_groups (credential, setting, work_mode, specialty, state, experience,
	jobs, p25, median, p75, cuts, refreshed_at)
SELECT credential, setting, work_mode, specialty, state, experience, count(*),
	round(percentile_cont(0.25) WITHIN GROUP (ORDER BY yearly))::int,
	round(percentile_cont(0.5) WITHIN GROUP (ORDER BY yearly))::int,
	round(percentile_cont(0.75) WITHIN GROUP (ORDER BY yearly))::int,
	percentile_disc((SELECT array_agg(i / 100.0)::float8[] FROM generate_series(1, 99) i)) WITHIN GROUP (ORDER BY yearly),
	?1
FROM member
GROUP BY credential, setting, work_mode, specialty, state, experience
HAVING count(*) >= ?4`

// RefreshPayGroups recomputes the pay aggregate as of now, in one
// transaction: readers see the old figures until it commits.
func RefreshPayGroups(ctx context.Context, db bun.IDB, now time.Time) error {
	return refillTable(ctx, db, "pay_groups", payGroupsSQL, HoursPerYear, now, now.Add(-PayHistory), maxGroupDims, MinPaySample)
}

// refillTable replaces every row of an aggregate table with what insert
// (run with args) writes, in one transaction. One refill at a time (a
// periodic run and one after an approval may meet): the second waits, then
// deletes what the first wrote.
func refillTable(ctx context.Context, db bun.IDB, table, insert string, args ...any) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw(`LOCK TABLE ? IN SHARE ROW EXCLUSIVE MODE`, bun.Ident(table)).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM ?`, bun.Ident(table)).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewRaw(insert, args...).Exec(ctx)
		return err
	})
}

// PayRefreshedAt is when the pay aggregate was last refreshed (every group
// of a refresh has its time); zero when it holds no group.
func PayRefreshedAt(ctx context.Context, db bun.IDB) (time.Time, error) {
	var at []time.Time
	err := db.NewRaw(`SELECT refreshed_at FROM pay_groups LIMIT 1`).Scan(ctx, &at)
	if err != nil || len(at) == 0 {
		return time.Time{}, err
	}
	return at[0], nil
}

// RefreshBoardFigures refreshes both aggregates: responsiveness and pay.
func RefreshBoardFigures(ctx context.Context, db bun.IDB, now time.Time) error {
	if err := RefreshResponsiveness(ctx, db, now); err != nil {
		return err
	}
	return RefreshPayGroups(ctx, db, now)
}

// PayGroupFor reads one group, nil when it has fewer than MinPaySample jobs
// (such groups are not kept) or names more dimensions than are kept.
func PayGroupFor(ctx context.Context, db bun.IDB, k PayKey) (*PayGroup, error) {
	if k.dims() > maxGroupDims {
		return nil, nil
	}
	g := new(PayGroup)
	err := db.NewSelect().Model(g).
		Where("credential = ? AND setting = ? AND work_mode = ? AND specialty = ? AND state = ? AND experience = ?",
			k.Credential, k.Setting, k.WorkMode, k.Specialty, k.State, k.Experience).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if g.Jobs < MinPaySample { // kept out by the refresh; checked again here
		return nil, nil
	}
	return g, nil
}

// PayKeyForSearch is the pay group a search falls in, from its filters that
// pay groups know (credential, setting, work mode, specialty, and a
// workplace state typed as the location). ok is false when the search picks
// several values of one of them or too many of them: no single group fits,
// and a figure would mislead.
func PayKeyForSearch(f JobFilter) (PayKey, bool) {
	var k PayKey
	for _, d := range []struct {
		values []string
		to     *string
	}{{f.Credentials, &k.Credential}, {f.Settings, &k.Setting}, {f.WorkModes, &k.WorkMode}, {f.Specialties, &k.Specialty}} {
		switch len(d.values) {
		case 0:
		case 1:
			*d.to = d.values[0]
		default:
			return k, false
		}
	}
	if f.Location != "" {
		if k.State = stateOf(f.Location); k.State == "" {
			return k, false // a city: no group knows cities
		}
	}
	return k, k.dims() <= maxGroupDims
}

// PayForSearch is the pay of the group a search falls in; nil when no
// group fits or it has too few jobs.
func PayForSearch(ctx context.Context, db bun.IDB, f JobFilter) (*PayGroup, error) {
	k, ok := PayKeyForSearch(f)
	if !ok {
		return nil, nil
	}
	return PayGroupFor(ctx, db, k)
}

// PayStanding is where a job's pay stands among similar jobs.
type PayStanding struct {
	Group        *PayGroup
	Yearly       int
	Below, Above int // shares of the group paid less and more, in tens of percent
}

// similarKeys are the groups a job is compared with, most alike first: the
// first n of keys (an array, so a job page's read allocates nothing here).
func similarKeys(j *Job) (keys [7]PayKey, n int) {
	cred, setting := "", ""
	for _, g := range j.CredentialsRequired {
		if len(g) > 0 {
			cred = g[0]
			break
		}
	}
	if len(j.Settings) > 0 {
		setting = j.Settings[0]
	}
	all := [7]PayKey{
		{WorkMode: j.WorkMode, Credential: cred, Setting: setting},
		{Credential: cred, Setting: setting},
		{WorkMode: j.WorkMode, Credential: cred},
		{WorkMode: j.WorkMode, Setting: setting},
		{Credential: cred},
		{Setting: setting},
		{WorkMode: j.WorkMode},
	}
	for _, k := range all {
		if k.dims() > 0 && !containsKey(keys[:n], k) {
			keys[n] = k
			n++
		}
	}
	return keys, n
}

func containsKey(ks []PayKey, k PayKey) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// JobPayGroups are the groups a job's pay is compared with (credential,
// setting and work mode; see similarKeys) that have enough jobs, by key: a
// few hundred, small enough for a process to keep.
type JobPayGroups map[PayKey]*PayGroup

// LoadJobPayGroups reads every group a job page may compare with (a
// process keeps them: see handlers/lists.go).
func LoadJobPayGroups(ctx context.Context, db bun.IDB) (JobPayGroups, error) {
	var gs []PayGroup
	err := db.NewSelect().Model(&gs).
		Where("specialty = '' AND state = '' AND experience = '' AND jobs >= ?", MinPaySample).Scan(ctx)
	return jobPayGroupsOf(gs), err
}

func jobPayGroupsOf(gs []PayGroup) JobPayGroups {
	m := make(JobPayGroups, len(gs))
	for i := range gs {
		m[gs[i].PayKey] = &gs[i]
	}
	return m
}

// StandingFor compares j's pay with the most alike of the groups; nil
// when the job shows no yearly or hourly pay or no group fits.
func (g JobPayGroups) StandingFor(j *Job) *PayStanding {
	yearly, ok := YearlyPay(j.SalaryMin, j.SalaryMax, j.SalaryPeriod)
	if !ok {
		return nil
	}
	keys, n := similarKeys(j)
	for _, k := range keys[:n] {
		if grp := g[k]; grp != nil {
			s := &PayStanding{Group: grp, Yearly: yearly}
			s.Below, s.Above = grp.Standing(yearly)
			return s
		}
	}
	return nil
}

// PayByDimension lists the one-dimension groups of dim ("credential" or
// "setting"), highest median first: the /salaries page.
func PayByDimension(ctx context.Context, db bun.IDB, dim string) ([]PayGroup, error) {
	var gs []PayGroup
	cols := []string{"credential", "setting", "work_mode", "specialty", "state", "experience"}
	q := db.NewSelect().Model(&gs)
	for _, c := range cols {
		if c == dim {
			q = q.Where("? <> ''", bun.Ident(c))
		} else {
			q = q.Where("? = ''", bun.Ident(c))
		}
	}
	err := q.Where("jobs >= ?", MinPaySample).OrderExpr("median DESC, jobs DESC").Scan(ctx)
	return gs, err
}
