package handlers

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// takeCheckPage is the candidate's check (views/skillcheck/take.html). It
// carries the scenarios without their key: the key never reaches the page.
type takeCheckPage struct {
	Job      *models.Job
	Minutes  int
	Count    int
	Rules    []string
	Started  bool
	Running  bool
	Deadline time.Time
	Left     int // whole minutes left, rounded up
	Paper    []models.PaperScenario
	One      int // the scenario shown alone (1-based); 0 shows all
	Prev     int // the scenarios before and after it; 0: none
	Next     int
	Token    string
	Score    *models.CheckResult // when the check is over and the employer shows scores
}

// checkForCandidate loads the :id job's ready check for a signed-in
// candidate who applied to the job, and their attempt when they started.
// Everyone else gets 404.
func (h *Handler) checkForCandidate(c *fiber.Ctx) (*models.Job, *models.SkillCheck, *models.Attempt, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, u := c.UserContext(), currentUser(c)
	applied, err := models.AppliedOn(ctx, h.DB, id, u.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := models.ReadySkillCheck(ctx, h.DB, id)
	if err != nil {
		return nil, nil, nil, err
	}
	if applied.IsZero() || s == nil {
		return nil, nil, nil, models.ErrNotFound
	}
	j, err := models.JobByID(ctx, h.DB, id)
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := models.AttemptFor(ctx, h.DB, j.ID, u.ID)
	if errors.Is(err, models.ErrNotFound) {
		return j, s, nil, nil
	}
	return j, s, a, err
}

func takeCheckPath(jobID int64) string { return "/jobs/" + strconv.FormatInt(jobID, 10) + "/check" }

// showSkillCheck is the check as the candidate sees it: the rules and a
// start button; the running check (all scenarios, or one with ?n=); or,
// when over, that it was handed in and the score if the employer shows it.
func (h *Handler) showSkillCheck(c *fiber.Ctx) error {
	j, s, a, err := h.checkForCandidate(c)
	if err != nil {
		return err
	}
	now := h.now()
	p := takeCheckPage{Job: j, Minutes: s.TimeLimitMinutes, Count: len(s.Scenarios), Rules: models.ScoreRules}
	if a != nil {
		p.Started, p.Running, p.Deadline = true, a.Running(now), a.Deadline
		p.Left = int((a.Left(now) + time.Minute - 1) / time.Minute)
	}
	switch {
	case p.Running:
		if p.Paper, err = models.Paper(c.UserContext(), h.DB, a); err != nil {
			return err
		}
		p.Token = h.checkToken(a)
		if n, _ := strconv.Atoi(c.Query("n")); n >= 1 && n <= len(p.Paper) {
			p.One = n
			p.Prev = n - 1
			if n < len(p.Paper) {
				p.Next = n + 1
			}
		}
	case p.Started && s.ShowScore:
		if p.Score, err = models.ScoreAttempt(c.UserContext(), h.DB, a); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "skillcheck/take", "Skills check: "+j.Title, nil, p)
}

// startSkillCheck starts the candidate's clock; starting again changes
// nothing.
func (h *Handler) startSkillCheck(c *fiber.Ctx) error {
	j, s, _, err := h.checkForCandidate(c)
	if err != nil {
		return err
	}
	if _, err := models.StartAttempt(c.UserContext(), h.DB, s, currentUser(c).ID, h.now()); err != nil {
		return err
	}
	return redirect(c, takeCheckPath(j.ID), "")
}

// saveSkillCheckAnswers keeps the answers sent (fields answer-<scenario
// id>). With htmx it answers with the "saved" note of one answer; else it
// goes on to the scenario asked for (go=<n>), to all, or hands the check in
// (go=submit). Answers after the time limit are refused, not counted.
func (h *Handler) saveSkillCheckAnswers(c *fiber.Ctx) error {
	j, _, a, err := h.checkForCandidate(c)
	if err != nil {
		return err
	}
	if a == nil {
		return redirect(c, takeCheckPath(j.ID), "")
	}
	answers := map[int64]string{}
	for _, id := range a.ScenarioOrder {
		if v := c.Request().PostArgs().Peek("answer-" + strconv.FormatInt(id, 10)); v != nil {
			answers[id] = string(v)
		}
	}
	next := c.FormValue("go")
	err = models.SaveAnswers(c.UserContext(), h.DB, a.ID, answers, next == "submit", h.now())
	htmx := c.Get("HX-Request") == "true"
	if errors.Is(err, models.ErrTimeUp) {
		if htmx {
			return c.SendString("Time is up: this answer was not saved.")
		}
		return redirect(c, takeCheckPath(j.ID), "The time limit has passed: answers sent after it are not counted.")
	}
	if err != nil {
		return err
	}
	switch {
	case htmx:
		return c.SendString("Saved at " + h.now().UTC().Format("15:04:05") + " UTC.")
	case next == "submit":
		return redirect(c, takeCheckPath(j.ID), "Your skills check was handed in.")
	case strings.TrimSpace(next) != "" && next != "save" && next != "all":
		return redirect(c, takeCheckPath(j.ID)+"?n="+strconv.Itoa(max(1, atoi(next))), "")
	}
	return redirect(c, takeCheckPath(j.ID), "Answers saved.")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// checkNotice tells the apply form of the skills check that follows: how
// many scenarios and minutes; zero when the job has no ready check.
type checkNotice struct {
	Count   int
	Minutes int
}

func (h *Handler) checkNoticeFor(c *fiber.Ctx, jobID int64) (checkNotice, error) {
	s, err := models.ReadySkillCheck(c.UserContext(), h.DB, jobID)
	if err != nil || s == nil {
		return checkNotice{}, err
	}
	return checkNotice{Count: len(s.Scenarios), Minutes: s.TimeLimitMinutes}, nil
}
