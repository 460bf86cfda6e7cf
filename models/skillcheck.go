package models

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// A job's skills check holds MinScenarios to MaxScenarios scenarios; with
// fewer, candidates do not see it yet.
const (
	MinScenarios     = 3
	MaxScenarios     = 10
	MinCheckMinutes  = 5
	MaxCheckMinutes  = 180
	DefaultCheckTime = 30
	maxExpectedCodes = 10
	maxScenarioTitle = 120
	maxScenarioText  = 3000
)

// Modifier rules of a scenario: how an expected code's modifiers count.
const (
	ModifiersIgnored  = "ignore"
	ModifiersHalf     = "half"
	ModifiersRequired = "required"
)

// ModifierRules are the rules an employer chooses from, worded as the
// candidate reads them.
var ModifierRules = []Term{
	{ModifiersIgnored, "Modifiers are not scored."},
	{ModifiersHalf, "A code with missing or wrong modifiers counts half."},
	{ModifiersRequired, "A code counts only with exactly the expected modifiers."},
}

// ErrCheckStarted refuses changes to the scenarios or the time limit of a
// check that candidates have started: their scores must compare alike.
var ErrCheckStarted = errors.New("candidates have started this skills check")

// ExpectedCode is one code of a scenario's answer key.
type ExpectedCode struct {
	System    string   `json:"system"`
	Code      string   `json:"code"`
	Modifiers []string `json:"modifiers,omitempty"`
}

// String is the code as the employer's form shows it: "CPT 27447-RT".
func (e ExpectedCode) String() string {
	return strings.Join(append([]string{SystemShort(e.System) + " " + e.Code}, e.Modifiers...), "-")
}

// Typed is the code as a candidate would enter it: "27447-RT".
func (e ExpectedCode) Typed() string {
	return strings.Join(append([]string{e.Code}, e.Modifiers...), "-")
}

// SystemShort is a code system's short name for forms: CPT, HCPCS,
// ICD-10-CM, ICD-10-PCS.
func SystemShort(system string) string {
	if system == "hcpcs" {
		return "HCPCS"
	}
	return TermLabel(CodeSystems, system)
}

// SkillCheck is a job's coding skills check: a time limit for the whole
// check, whether candidates see their score, and its scenarios.
type SkillCheck struct {
	bun.BaseModel `bun:"table:skill_checks"`

	JobID            int64     `bun:"job_id,pk"`
	TimeLimitMinutes int       `bun:"time_limit_minutes"`
	ShowScore        bool      `bun:"show_score"`
	CreatedAt        time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,default:now()"`

	Scenarios []Scenario `bun:"-"`
	Started   bool       `bun:"-"` // a candidate has started it: the key is fixed
}

// Ready reports a check candidates take: it has 3 to 10 scenarios.
func (s *SkillCheck) Ready() bool {
	return s != nil && len(s.Scenarios) >= MinScenarios && len(s.Scenarios) <= MaxScenarios
}

// Full reports a check that takes no more scenarios.
func (s *SkillCheck) Full() bool { return len(s.Scenarios) >= MaxScenarios }

// Scenario is one short de-identified case with its answer key.
type Scenario struct {
	bun.BaseModel `bun:"table:skill_check_scenarios"`

	ID           int64          `bun:"id,pk,autoincrement"`
	JobID        int64          `bun:"job_id"`
	Position     int            `bun:"position"`
	Title        string         `bun:"title"`
	Description  string         `bun:"description"`
	ModifierRule string         `bun:"modifier_rule"`
	Expected     []ExpectedCode `bun:"expected,type:jsonb"`
	LibraryKey   string         `bun:"library_key"`
	CreatedAt    time.Time      `bun:"created_at,nullzero,default:now()"`
	UpdatedAt    time.Time      `bun:"updated_at,nullzero,default:now()"`
}

// RuleLabel is the scenario's modifier rule in words.
func (s *Scenario) RuleLabel() string { return TermLabel(ModifierRules, s.ModifierRule) }

// ExpectedText is the answer key as the employer's form shows it, one code
// a line.
func (s *Scenario) ExpectedText() string {
	lines := make([]string, len(s.Expected))
	for i, e := range s.Expected {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// SkillCheckForJob returns a job's check with its scenarios in order, or
// ErrNotFound when the job has none.
func SkillCheckForJob(ctx context.Context, db bun.IDB, jobID int64) (*SkillCheck, error) {
	s := new(SkillCheck)
	if err := db.NewSelect().Model(s).Where("job_id = ?", jobID).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	if err := db.NewSelect().Model(&s.Scenarios).Where("job_id = ?", jobID).
		Order("position", "id").Scan(ctx); err != nil {
		return nil, err
	}
	started, err := db.NewSelect().Model((*Attempt)(nil)).Where("job_id = ?", jobID).Exists(ctx)
	s.Started = started
	return s, err
}

// ReadySkillCheck returns the job's check when candidates take it, nil
// when the job has none or it is not complete.
func ReadySkillCheck(ctx context.Context, db bun.IDB, jobID int64) (*SkillCheck, error) {
	s, err := SkillCheckForJob(ctx, db, jobID)
	if errors.Is(err, ErrNotFound) || (err == nil && !s.Ready()) {
		return nil, nil
	}
	return s, err
}

// SkillCheckSettings is what the check's settings form sends.
type SkillCheckSettings struct {
	TimeLimit string // minutes, as typed
	ShowScore bool
}

// SaveSkillCheckSettings sets a job's time limit and whether candidates
// see their score, creating the check when the job has none. Once a
// candidate started, the time limit stays.
func SaveSkillCheckSettings(ctx context.Context, db bun.IDB, jobID int64, in SkillCheckSettings) error {
	minutes, err := strconv.Atoi(strings.TrimSpace(in.TimeLimit))
	if err != nil || minutes < MinCheckMinutes || minutes > MaxCheckMinutes {
		return ValidationErrors{"time_limit": "Enter a time limit of 5 to 180 minutes."}
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSkillCheck(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if s.TimeLimitMinutes != minutes && s.started(ctx, tx) {
			return ValidationErrors{"time_limit": "Candidates have started this check, so its time limit stays at " +
				strconv.Itoa(s.TimeLimitMinutes) + " minutes."}
		}
		_, err = tx.NewRaw(`UPDATE skill_checks SET time_limit_minutes = ?, show_score = ?, updated_at = now()
			WHERE job_id = ?`, minutes, in.ShowScore, jobID).Exec(ctx)
		return err
	})
}

// lockSkillCheck returns the job's check, created with the defaults when
// missing, and holds it until the transaction ends so two changes to its
// scenarios run one after the other.
func lockSkillCheck(ctx context.Context, tx bun.IDB, jobID int64) (*SkillCheck, error) {
	if _, err := tx.NewRaw(`INSERT INTO skill_checks (job_id, time_limit_minutes) VALUES (?, ?)
		ON CONFLICT (job_id) DO NOTHING`, jobID, DefaultCheckTime).Exec(ctx); err != nil {
		return nil, err
	}
	s := new(SkillCheck)
	err := tx.NewSelect().Model(s).Where("job_id = ?", jobID).For("UPDATE").Scan(ctx)
	return s, err
}

func (s *SkillCheck) started(ctx context.Context, tx bun.IDB) bool {
	ok, err := tx.NewSelect().Model((*Attempt)(nil)).Where("job_id = ?", s.JobID).Exists(ctx)
	return ok || err != nil
}

// ScenarioInput is what the scenario form sends.
type ScenarioInput struct {
	Title        string
	Description  string
	ModifierRule string
	Expected     string // one code a line: "CPT 27447-RT"
	LibraryKey   string
}

// validate checks the input and turns the answer key into codes, each
// checked against the code table.
func (in *ScenarioInput) validate(ctx context.Context, db bun.IDB) ([]ExpectedCode, error) {
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(strings.ReplaceAll(in.Description, "\r\n", "\n"))
	errs := ValidationErrors{}
	if n := len([]rune(in.Title)); n < 3 || n > maxScenarioTitle {
		errs.Add("title", "Give the scenario a title of 3 to 120 characters.")
	}
	if n := len([]rune(in.Description)); n < 20 || n > maxScenarioText {
		errs.Add("description", "Describe the case in 20 to 3,000 characters.")
	}
	if !IsTerm(ModifierRules, in.ModifierRule) {
		errs.Add("modifier_rule", "Choose how modifiers count.")
	}
	codes, msg, err := ParseExpectedCodes(ctx, db, in.Expected)
	if err != nil {
		return nil, err
	}
	if msg != "" {
		errs.Add("expected", msg)
	}
	return codes, errs.Err()
}

// AddScenario adds a scenario at the end of a job's check, creating the
// check when the job has none.
func AddScenario(ctx context.Context, db bun.IDB, jobID int64, in ScenarioInput) (*Scenario, error) {
	codes, err := in.validate(ctx, db)
	if err != nil {
		return nil, err
	}
	sc := &Scenario{JobID: jobID, Title: in.Title, Description: in.Description, ModifierRule: in.ModifierRule,
		Expected: codes, LibraryKey: in.LibraryKey}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSkillCheck(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if s.started(ctx, tx) {
			return ErrCheckStarted
		}
		var n int
		if err := tx.NewRaw(`SELECT count(*) FROM skill_check_scenarios WHERE job_id = ?`, jobID).Scan(ctx, &n); err != nil {
			return err
		}
		if n >= MaxScenarios {
			return ValidationErrors{"scenario": "A check holds at most 10 scenarios: remove one first."}
		}
		sc.Position = n + 1
		_, err = tx.NewInsert().Model(sc).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// AddLibraryScenario copies a scenario of the library into a job's check.
func AddLibraryScenario(ctx context.Context, db bun.IDB, jobID int64, key string) (*Scenario, error) {
	l := LibraryScenarioByKey(key)
	if l == nil {
		return nil, ValidationErrors{"scenario": "Choose a scenario from the library."}
	}
	sc, err := AddScenario(ctx, db, jobID, l.Input())
	if v, ok := AsValidation(err); ok && v["expected"] != "" {
		// A code of the library left the code table (a new import).
		return nil, ValidationErrors{"scenario": "“" + l.Title + "” uses a code that is no longer current (" +
			v["expected"] + "). Copy it and choose another code."}
	}
	return sc, err
}

// ScenarioOfJob returns one scenario of a job's check, or ErrNotFound.
func ScenarioOfJob(ctx context.Context, db bun.IDB, jobID, id int64) (*Scenario, error) {
	sc := new(Scenario)
	err := db.NewSelect().Model(sc).Where("id = ? AND job_id = ?", id, jobID).Scan(ctx)
	return sc, notFound(err)
}

// UpdateScenario changes a scenario of a job's check.
func UpdateScenario(ctx context.Context, db bun.IDB, jobID, id int64, in ScenarioInput) error {
	codes, err := in.validate(ctx, db)
	if err != nil {
		return err
	}
	return changeScenario(ctx, db, jobID, func(ctx context.Context, tx bun.Tx) (sql.Result, error) {
		return tx.NewRaw(`UPDATE skill_check_scenarios SET title = ?, description = ?, modifier_rule = ?,
			expected = ?::jsonb, updated_at = now() WHERE id = ? AND job_id = ?`,
			in.Title, in.Description, in.ModifierRule, expectedJSON(codes), id, jobID).Exec(ctx)
	})
}

// DeleteScenario removes a scenario from a job's check.
func DeleteScenario(ctx context.Context, db bun.IDB, jobID, id int64) error {
	return changeScenario(ctx, db, jobID, func(ctx context.Context, tx bun.Tx) (sql.Result, error) {
		return tx.NewRaw(`DELETE FROM skill_check_scenarios WHERE id = ? AND job_id = ?`, id, jobID).Exec(ctx)
	})
}

// changeScenario runs one change of a scenario while the check is locked
// and not started; a scenario of another job is ErrNotFound.
func changeScenario(ctx context.Context, db bun.IDB, jobID int64, change func(context.Context, bun.Tx) (sql.Result, error)) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		s, err := lockSkillCheck(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if s.started(ctx, tx) {
			return ErrCheckStarted
		}
		res, err := change(ctx, tx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// Lines splits the description for display, keeping its line breaks.
func (s *Scenario) Lines() []string { return strings.Split(s.Description, "\n") }

// SkillCheckJobsOf returns the jobs a candidate applied to whose check
// they take, for links from their applications.
func SkillCheckJobsOf(ctx context.Context, db bun.IDB, userID int64) (map[int64]bool, error) {
	var ids []int64
	err := db.NewRaw(`SELECT s.job_id FROM skill_check_scenarios s
		JOIN applications a ON a.job_id = s.job_id AND a.user_id = ?
		GROUP BY s.job_id HAVING count(*) BETWEEN ? AND ?`, userID, MinScenarios, MaxScenarios).Scan(ctx, &ids)
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}
