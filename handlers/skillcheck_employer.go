package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// skillCheckPage is the employer's editor of a job's skills check
// (views/skillcheck/edit.html).
type skillCheckPage struct {
	Job     *models.Job
	Check   *models.SkillCheck
	Library []models.LibraryScenario
	Rules   []string
	Min     int
	Max     int
}

// scenarioPage is the form of one scenario (views/skillcheck/scenario.html).
type scenarioPage struct {
	Job      *models.Job
	ID       int64 // the scenario edited; 0 for a new one
	Rules    []models.Term
	FromName string // the library scenario copied, if any
}

func skillCheckPath(jobID int64) string {
	return "/employer/jobs/" + strconv.FormatInt(jobID, 10) + "/check"
}

// checkChangeError turns a refused change of a started check into words.
func checkChangeError(err error) error {
	if errors.Is(err, models.ErrCheckStarted) {
		return fail(fiber.StatusConflict, "Candidates have started this skills check, so its scenarios can no longer change.")
	}
	return err
}

// editSkillCheck shows a job's check to members of its company: the
// settings, the scenarios, and the library to add from.
func (h *Handler) editSkillCheck(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	return h.renderSkillCheck(c, fiber.StatusOK, j, nil)
}

func (h *Handler) renderSkillCheck(c *fiber.Ctx, status int, j *models.Job, f *form) error {
	s, err := models.SkillCheckForJob(c.UserContext(), h.DB, j.ID)
	if errors.Is(err, models.ErrNotFound) {
		s, err = &models.SkillCheck{JobID: j.ID, TimeLimitMinutes: models.DefaultCheckTime}, nil
	}
	if err != nil {
		return err
	}
	if f == nil {
		f = &form{Errors: models.ValidationErrors{}}
	}
	if f.Name != "settings" { // the settings form shows what is saved
		f.Values = map[string]string{"time_limit": strconv.Itoa(s.TimeLimitMinutes)}
		if s.ShowScore {
			f.Values["show_score"] = "1"
		}
	}
	return h.render(c, status, "skillcheck/edit", "Skills check: "+j.Title, f, skillCheckPage{Job: j, Check: s,
		Library: models.ScenarioLibrary, Rules: models.ScoreRules, Min: models.MinScenarios, Max: models.MaxScenarios})
}

// saveSkillCheck saves the check's time limit and whether candidates see
// their score.
func (h *Handler) saveSkillCheck(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	f := readForm(c, "time_limit", "show_score")
	f.Name = "settings"
	err = models.SaveSkillCheckSettings(c.UserContext(), h.DB, j.ID,
		models.SkillCheckSettings{TimeLimit: f.Get("time_limit"), ShowScore: f.Get("show_score") != ""})
	if v, ok := models.AsValidation(err); ok {
		return h.renderSkillCheck(c, fiber.StatusUnprocessableEntity, j, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, skillCheckPath(j.ID), "Skills check settings saved.")
}

// newScenario shows an empty scenario form, or one filled from the
// library to copy and edit (?from=key).
func (h *Handler) newScenario(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	f := &form{Values: map[string]string{"modifier_rule": models.ModifiersIgnored}, Errors: models.ValidationErrors{}}
	from := ""
	if l := models.LibraryScenarioByKey(c.Query("from")); l != nil {
		in := l.Input()
		f.Values = map[string]string{"title": in.Title, "description": in.Description,
			"modifier_rule": in.ModifierRule, "expected": in.Expected}
		from = l.Title
	}
	return h.render(c, fiber.StatusOK, "skillcheck/scenario", "New scenario: "+j.Title, f,
		scenarioPage{Job: j, Rules: models.ModifierRules, FromName: from})
}

func scenarioInput(f *form) models.ScenarioInput {
	return models.ScenarioInput{Title: f.Get("title"), Description: f.Get("description"),
		ModifierRule: f.Get("modifier_rule"), Expected: f.Get("expected")}
}

// createScenario adds a scenario: a library one as it is (library=key), or
// the one written in the form.
func (h *Handler) createScenario(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if key := c.FormValue("library"); key != "" {
		_, err := models.AddLibraryScenario(c.UserContext(), h.DB, j.ID, key)
		if v, ok := models.AsValidation(err); ok {
			f := &form{Values: map[string]string{}, Errors: models.ValidationErrors{}, Name: "library"}
			return h.renderSkillCheck(c, fiber.StatusUnprocessableEntity, j, f.failed(v))
		}
		if err != nil {
			return checkChangeError(err)
		}
		return redirect(c, skillCheckPath(j.ID)+"#scenarios", "Scenario added from the library.")
	}
	f := readForm(c, "title", "description", "modifier_rule", "expected")
	_, err = models.AddScenario(c.UserContext(), h.DB, j.ID, scenarioInput(f))
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "skillcheck/scenario", "New scenario: "+j.Title, f.failed(v),
			scenarioPage{Job: j, Rules: models.ModifierRules})
	}
	if err != nil {
		return checkChangeError(err)
	}
	return redirect(c, skillCheckPath(j.ID)+"#scenarios", "Scenario added.")
}

// scenarioForMember loads the :sid scenario of the :id job for a member of
// the job's company.
func (h *Handler) scenarioForMember(c *fiber.Ctx) (*models.Job, *models.Scenario, error) {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return nil, nil, err
	}
	sid, err := paramNamed(c, "sid")
	if err != nil {
		return nil, nil, err
	}
	sc, err := models.ScenarioOfJob(c.UserContext(), h.DB, j.ID, sid)
	return j, sc, err
}

// editScenario shows a scenario's form filled in.
func (h *Handler) editScenario(c *fiber.Ctx) error {
	j, sc, err := h.scenarioForMember(c)
	if err != nil {
		return err
	}
	f := &form{Values: map[string]string{"title": sc.Title, "description": sc.Description,
		"modifier_rule": sc.ModifierRule, "expected": sc.ExpectedText()}, Errors: models.ValidationErrors{}}
	return h.render(c, fiber.StatusOK, "skillcheck/scenario", "Edit scenario: "+sc.Title, f,
		scenarioPage{Job: j, ID: sc.ID, Rules: models.ModifierRules})
}

// updateScenario saves a scenario's form.
func (h *Handler) updateScenario(c *fiber.Ctx) error {
	j, sc, err := h.scenarioForMember(c)
	if err != nil {
		return err
	}
	f := readForm(c, "title", "description", "modifier_rule", "expected")
	err = models.UpdateScenario(c.UserContext(), h.DB, j.ID, sc.ID, scenarioInput(f))
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "skillcheck/scenario", "Edit scenario: "+sc.Title, f.failed(v),
			scenarioPage{Job: j, ID: sc.ID, Rules: models.ModifierRules})
	}
	if err != nil {
		return checkChangeError(err)
	}
	return redirect(c, skillCheckPath(j.ID)+"#scenarios", "Scenario saved.")
}

// deleteScenario removes a scenario from the check.
func (h *Handler) deleteScenario(c *fiber.Ctx) error {
	j, sc, err := h.scenarioForMember(c)
	if err != nil {
		return err
	}
	if err := models.DeleteScenario(c.UserContext(), h.DB, j.ID, sc.ID); err != nil {
		return checkChangeError(err)
	}
	return redirect(c, skillCheckPath(j.ID)+"#scenarios", "Scenario removed.")
}
