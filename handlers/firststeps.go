package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// firstStepsPage is where a new account lands after confirming its email
// (views/start/index.html): the few steps that make the site useful, each
// ticked once done.
type firstStepsPage struct {
	Employer bool
	Steps    models.FirstSteps
	Done     int // steps done
	Total    int
}

// showFirstSteps lists a coder's next steps (profile, resume, first saved
// search) or an employer's (company, then a job).
func (h *Handler) showFirstSteps(c *fiber.Ctx) error {
	u := currentUser(c)
	steps, err := models.FirstStepsOf(c.UserContext(), h.DB, u.ID)
	if err != nil {
		return err
	}
	p := firstStepsPage{Employer: u.AccountType == models.AccountEmployer, Steps: steps}
	done := []bool{steps.Profile, steps.Resume, steps.SavedSearch}
	title := "Build your profile"
	if p.Employer {
		done, title = []bool{steps.Company, steps.Job}, "Create your company, then post a job"
	}
	for _, d := range done {
		if d {
			p.Done++
		}
	}
	p.Total = len(done)
	return h.render(c, fiber.StatusOK, "start/index", title, nil, p)
}
