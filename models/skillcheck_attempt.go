package models

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// maxAnswerLen caps one answer as typed.
const maxAnswerLen = 500

// ErrTimeUp refuses answers to a check whose time is over or that was
// handed in: they are not counted.
var ErrTimeUp = errors.New("the skills check is over")

// Attempt is one candidate's timed run of a job's check. The deadline is
// set by the server when it starts and never moves; there is one attempt
// per candidate and job, so it cannot be restarted.
type Attempt struct {
	bun.BaseModel `bun:"table:skill_check_attempts"`

	ID            int64     `bun:"id,pk,autoincrement"`
	JobID         int64     `bun:"job_id"`
	UserID        int64     `bun:"user_id"`
	ScenarioOrder []int64   `bun:"scenario_order,array"`
	StartedAt     time.Time `bun:"started_at"`
	Deadline      time.Time `bun:"deadline"`
	SubmittedAt   time.Time `bun:"submitted_at,nullzero"`
}

// Running reports an attempt that still takes answers.
func (a *Attempt) Running(now time.Time) bool {
	return a.SubmittedAt.IsZero() && now.Before(a.Deadline)
}

// Left is the time left, never below zero.
func (a *Attempt) Left(now time.Time) time.Duration {
	if !a.Running(now) {
		return 0
	}
	return a.Deadline.Sub(now)
}

// AttemptFor returns a candidate's attempt at a job's check, or ErrNotFound.
func AttemptFor(ctx context.Context, db bun.IDB, jobID, userID int64) (*Attempt, error) {
	a := new(Attempt)
	err := db.NewSelect().Model(a).Where("job_id = ? AND user_id = ?", jobID, userID).Scan(ctx)
	return a, notFound(err)
}

// StartAttempt starts a candidate's check now, with the scenarios in an
// order shuffled for them. Starting again returns the first attempt
// unchanged: the clock keeps running from the first start.
func StartAttempt(ctx context.Context, db bun.IDB, s *SkillCheck, userID int64, now time.Time) (*Attempt, error) {
	if !s.Ready() {
		return nil, ErrNotFound
	}
	order := make([]int64, len(s.Scenarios))
	for i, sc := range s.Scenarios {
		order[i] = sc.ID
	}
	rand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	deadline := now.Add(time.Duration(s.TimeLimitMinutes) * time.Minute)
	if _, err := db.NewRaw(`INSERT INTO skill_check_attempts (job_id, user_id, scenario_order, started_at, deadline)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, user_id) DO NOTHING`,
		s.JobID, userID, pgdialect.Array(order), now, deadline).Exec(ctx); err != nil {
		return nil, err
	}
	return AttemptFor(ctx, db, s.JobID, userID)
}

// SaveAnswers keeps a candidate's answers, by scenario id, while the
// attempt runs; ids not in the attempt are ignored. After the deadline or
// once handed in it is ErrTimeUp and nothing is saved. With submit the
// attempt is handed in after the answers are saved.
func SaveAnswers(ctx context.Context, db bun.IDB, attemptID int64, answers map[int64]string, submit bool, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a := new(Attempt)
		if err := tx.NewSelect().Model(a).Where("id = ?", attemptID).For("UPDATE").Scan(ctx); err != nil {
			return notFound(err)
		}
		if !a.Running(now) {
			return ErrTimeUp
		}
		for _, id := range a.ScenarioOrder {
			text, ok := answers[id]
			if !ok {
				continue
			}
			text = strings.TrimSpace(text)
			if r := []rune(text); len(r) > maxAnswerLen {
				text = string(r[:maxAnswerLen])
			}
			if _, err := tx.NewRaw(`INSERT INTO skill_check_answers (attempt_id, scenario_id, codes, saved_at)
				VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, scenario_id)
				DO UPDATE SET codes = EXCLUDED.codes, saved_at = EXCLUDED.saved_at`, a.ID, id, text, now).Exec(ctx); err != nil {
				return err
			}
		}
		if !submit {
			return nil
		}
		_, err := tx.NewRaw(`UPDATE skill_check_attempts SET submitted_at = ? WHERE id = ?`, now, a.ID).Exec(ctx)
		return err
	})
}

// PaperScenario is a scenario as the candidate sees it: the case and their
// answer, never the key.
type PaperScenario struct {
	ID          int64
	Number      int // 1-based, in the candidate's order
	Title       string
	Description string
	Rule        string // the modifier rule in words
	Answer      string
}

// Lines splits the description for display, keeping its line breaks.
func (p PaperScenario) Lines() []string { return strings.Split(p.Description, "\n") }

// Paper returns the attempt's scenarios in the candidate's order with their
// saved answers, without the answer key.
func Paper(ctx context.Context, db bun.IDB, a *Attempt) ([]PaperScenario, error) {
	scs, answers, err := attemptData(ctx, db, a)
	if err != nil {
		return nil, err
	}
	out := make([]PaperScenario, 0, len(scs))
	for i, sc := range scs {
		out = append(out, PaperScenario{ID: sc.ID, Number: i + 1, Title: sc.Title, Description: sc.Description,
			Rule: sc.RuleLabel(), Answer: answers[sc.ID]})
	}
	return out, nil
}

// attemptData loads the attempt's scenarios in its order and the answers
// saved before its deadline.
func attemptData(ctx context.Context, db bun.IDB, a *Attempt) ([]Scenario, map[int64]string, error) {
	var scs []Scenario
	if err := db.NewSelect().Model(&scs).Where("id = ANY(?)", pgdialect.Array(a.ScenarioOrder)).
		OrderExpr("array_position(?::bigint[], id)", pgdialect.Array(a.ScenarioOrder)).Scan(ctx); err != nil {
		return nil, nil, err
	}
	var rows []struct {
		ScenarioID int64  `bun:"scenario_id"`
		Codes      string `bun:"codes"`
	}
	if err := db.NewRaw(`SELECT scenario_id, codes FROM skill_check_answers WHERE attempt_id = ? AND saved_at <= ?`,
		a.ID, a.Deadline).Scan(ctx, &rows); err != nil {
		return nil, nil, err
	}
	answers := make(map[int64]string, len(rows))
	for _, r := range rows {
		answers[r.ScenarioID] = r.Codes
	}
	return scs, answers, nil
}

// ScenarioResult is one scenario of an attempt, scored.
type ScenarioResult struct {
	Number int
	Title  string
	Rule   string
	Answer string
	ScenarioScore
}

// CheckResult is an attempt scored: per scenario and in total.
type CheckResult struct {
	Attempt   *Attempt
	Scenarios []ScenarioResult
	Points    float64
	Max       float64
}

// Percent is the total score as a percentage.
func (r *CheckResult) Percent() int { return Percent(r.Points, r.Max) }

// ScoreAttempt scores an attempt from the answers saved before its
// deadline.
func ScoreAttempt(ctx context.Context, db bun.IDB, a *Attempt) (*CheckResult, error) {
	scs, answers, err := attemptData(ctx, db, a)
	if err != nil {
		return nil, err
	}
	r := &CheckResult{Attempt: a}
	for i, sc := range scs {
		s := ScoreAnswer(sc.Expected, sc.ModifierRule, answers[sc.ID])
		r.Scenarios = append(r.Scenarios, ScenarioResult{Number: i + 1, Title: sc.Title, Rule: sc.RuleLabel(),
			Answer: answers[sc.ID], ScenarioScore: s})
		r.Points += s.Points
		r.Max += s.Max
	}
	return r, nil
}

// CheckScore is a candidate's standing in a job's check, for the pipeline.
type CheckScore struct {
	Done    bool // handed in or out of time: the score is final
	Percent int
}

// CheckScoresForJob returns the check standing of every candidate who
// started the job's check, by user id.
func CheckScoresForJob(ctx context.Context, db bun.IDB, jobID int64, now time.Time) (map[int64]CheckScore, error) {
	var as []Attempt
	if err := db.NewSelect().Model(&as).Where("job_id = ?", jobID).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]CheckScore, len(as))
	for i := range as {
		a := &as[i]
		if a.Running(now) {
			out[a.UserID] = CheckScore{}
			continue
		}
		r, err := ScoreAttempt(ctx, db, a)
		if err != nil {
			return nil, err
		}
		out[a.UserID] = CheckScore{Done: true, Percent: r.Percent()}
	}
	return out, nil
}

// RunningAttempt returns a user's attempt by id while it runs, or
// ErrNotFound.
func RunningAttempt(ctx context.Context, db bun.IDB, id, userID int64, now time.Time) (*Attempt, error) {
	a := new(Attempt)
	err := db.NewSelect().Model(a).Where("id = ? AND user_id = ?", id, userID).Scan(ctx)
	if err == nil && !a.Running(now) {
		return nil, ErrNotFound
	}
	return a, notFound(err)
}

// PointsText and MaxText write the total as people read it.
func (r *CheckResult) PointsText() string { return FormatPoints(r.Points) }

// MaxText is the most points the check gives.
func (r *CheckResult) MaxText() string { return FormatPoints(r.Max) }
