package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// confirmPage asks before an action that is hard to take back
// (views/confirm/show.html). It works without JavaScript: the page is a GET
// and its form posts the action.
type confirmPage struct {
	Heading string
	Lines   []string // what will happen, one sentence each
	Action  string   // where the form posts
	Button  string
	Danger  bool   // draw the button as destructive
	Back    string // where "Cancel" goes
}

// confirmFillJob asks before marking a job filled.
func (h *Handler) confirmFillJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if !j.CanMarkFilled() {
		return jobChangeError(&models.TransitionError{From: j.Status, To: models.JobFilled}, "marked filled")
	}
	page := endJobPage(j, "fill",
		"The job leaves search, saved-search alerts and the sitemap, and stops taking applications.",
		"Its page stays readable with a “This position has been filled” notice.")
	page.Heading, page.Button = "Mark “"+j.Title+"” as filled?", "Mark filled"
	return h.render(c, fiber.StatusOK, "confirm/show", "Mark “"+j.Title+"” filled?", nil, page)
}

// confirmCloseJob asks before taking a live job down.
func (h *Handler) confirmCloseJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if j.Status != models.JobActive {
		return jobChangeError(&models.TransitionError{From: j.Status, To: models.JobWithdrawn}, "closed")
	}
	page := endJobPage(j, "close",
		"The job leaves the site at once: its page answers that it is gone, and nobody can apply.",
		"The posting is not refunded.")
	page.Heading, page.Button, page.Danger = "Take down “"+j.Title+"”?", "Take the job down", true
	return h.render(c, fiber.StatusOK, "confirm/show", page.Heading, nil, page)
}

// endJobPage is the confirm page of filling or closing j (posted to
// /jobs/:id/step): what happens (effects), then what both keep: the
// applicants, and 7 days to change one's mind.
func endJobPage(j *models.Job, step string, effects ...string) confirmPage {
	return confirmPage{
		Lines: append(effects, "Applicants and their statuses stay as they are.",
			"Changed your mind? You can reopen it from your jobs within 7 days, until it would have expired ("+models.DayText(j.ExpiresAt)+")."),
		Action: "/jobs/" + strconv.FormatInt(j.ID, 10) + "/" + step,
		Back:   "/employer",
	}
}

// reopenJob puts a job filled or closed in the last 7 days back up.
func (h *Handler) reopenJob(c *fiber.Ctx) error {
	j, err := h.changeJobAsMember(c, models.ReopenJob, "reopened")
	if err != nil {
		return err
	}
	return redirect(c, "/employer", "Reopened “"+j.Title+"”. It is live again until "+models.DayText(j.ExpiresAt)+".")
}

// confirmRemoveMember asks the owner before taking someone out of the company.
func (h *Handler) confirmRemoveMember(c *fiber.Ctx) error {
	co, userID, err := h.memberOfRoute(c)
	if err != nil {
		return err
	}
	members, err := models.CompanyMembers(c.UserContext(), h.DB, co.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.UserID != userID {
			continue
		}
		return h.render(c, fiber.StatusOK, "confirm/show", "Remove "+m.Name+"?", nil, confirmPage{
			Heading: "Remove " + m.Name + " from " + co.Name + "?",
			Lines: []string{
				m.Name + " (" + m.Email + ") will no longer see or manage " + co.Name + "’s jobs, applicants or billing.",
				"Jobs they wrote stay up, and stay with the company.",
				"To bring them back, invite them again from this page.",
			},
			Action: co.Path() + "/members/" + strconv.FormatInt(userID, 10) + "/remove", Button: "Remove " + m.Name,
			Danger: true, Back: co.Path() + "/members"})
	}
	return fiber.ErrNotFound
}
