package handlers

import (
	"errors"
	"sort"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// checkResultPage is one applicant's skills check, scenario by scenario
// (views/skillcheck/result.html).
type checkResultPage struct {
	Application *models.Application
	Name        string
	Running     bool
	Result      *models.CheckResult
	Rules       []string
}

// checkCell is a pipeline row's skills check score.
type checkCell struct {
	CheckOn bool               // the job has a skills check
	Check   *models.CheckScore // nil: the check was not started
}

// addCheckScores puts each applicant's check standing on the pipeline's
// rows when the job has a check, and with byScore orders the rows best
// first (those without a final score last, oldest first among equals).
func (h *Handler) addCheckScores(c *fiber.Ctx, jobID int64, rows []applicantRow, byScore bool) (bool, error) {
	s, err := models.SkillCheckForJob(c.UserContext(), h.DB, jobID)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	scores, err := models.CheckScoresForJob(c.UserContext(), h.DB, jobID, h.now())
	if err != nil {
		return false, err
	}
	if !s.Ready() && len(scores) == 0 {
		return false, nil
	}
	for i := range rows {
		rows[i].CheckOn = true
		if sc, ok := scores[rows[i].UserID]; ok && rows[i].UserID != 0 {
			rows[i].Check = &sc
		}
	}
	if byScore {
		rank := func(r applicantRow) int {
			if r.Check == nil || !r.Check.Done {
				return -1
			}
			return r.Check.Percent
		}
		sort.SliceStable(rows, func(i, j int) bool { return rank(rows[i]) > rank(rows[j]) })
	}
	return true, nil
}

// showCheckResult shows a member of the hiring company one applicant's
// check: per scenario what they entered and what was expected.
func (h *Handler) showCheckResult(c *fiber.Ctx) error {
	app, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	if app.UserID == 0 {
		return fiber.ErrNotFound
	}
	a, err := models.AttemptFor(c.UserContext(), h.DB, app.JobID, app.UserID)
	if err != nil {
		return err
	}
	p := checkResultPage{Application: app, Name: app.User.Name, Running: a.Running(h.now()), Rules: models.ScoreRules}
	if !p.Running {
		if p.Result, err = models.ScoreAttempt(c.UserContext(), h.DB, a); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "skillcheck/result", "Skills check: "+p.Name, nil, p)
}
