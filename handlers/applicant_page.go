package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// applicationPage is one application as its employer sees it
// (views/employer/application.html).
type applicationPage struct {
	Application *models.Application
	Row         applicantRow
	Resume      *models.Resume // nil when there is none (or it is gone)
	Notes       []models.ApplicationNote
}

// applicationForMember loads the application of the :id route for a member
// of the hiring company; everyone else gets 404.
func (h *Handler) applicationForMember(c *fiber.Ctx) (*models.Application, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	a, err := models.ApplicationByID(c.UserContext(), h.DB, id)
	if err != nil {
		return nil, err
	}
	if _, err := h.memberRole(c, a.Job.CompanyID); err != nil {
		return nil, err
	}
	return a, nil
}

// showApplication is one application: cover note, resume, status and the
// company's private notes.
func (h *Handler) showApplication(c *fiber.Ctx) error {
	a, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	return h.renderApplication(c, fiber.StatusOK, a, nil)
}

func (h *Handler) renderApplication(c *fiber.Ctx, status int, a *models.Application, f *form) error {
	ctx := c.UserContext()
	row, err := models.ApplicantByID(ctx, h.DB, a.ID)
	if err != nil {
		return err
	}
	notes, err := models.NotesForApplication(ctx, h.DB, a.ID)
	if err != nil {
		return err
	}
	undos, err := models.PendingUndos(ctx, h.DB, a.JobID, h.now())
	if err != nil {
		return err
	}
	p := applicationPage{Application: a, Notes: notes, Row: pipelineRow(c, *row, a.Job, c.Path(), undos)}
	if a.ResumeID != 0 {
		p.Resume, err = models.ResumeByID(ctx, h.DB, a.ResumeID)
		if errors.Is(err, models.ErrNotFound) {
			p.Resume, err = nil, nil
		}
		if err != nil {
			return err
		}
	}
	name := row.Name
	if row.Gone() {
		name = "Withdrawn candidate"
	}
	return h.render(c, status, "employer/application", name+": "+a.Job.Title, f, p)
}

// addApplicationNote keeps a private note of the company on an application.
func (h *Handler) addApplicationNote(c *fiber.Ctx) error {
	a, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	f := readForm(c, "body")
	_, err = models.AddApplicationNote(c.UserContext(), h.DB, a.ID, currentUser(c).ID, f.Get("body"), h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.renderApplication(c, fiber.StatusUnprocessableEntity, a, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/employer/applications/"+strconv.FormatInt(a.ID, 10)+"#notes", "Note added.")
}

// downloadApplicantResume serves the resume sent with an application, to
// members of the hiring company only, as an attachment that a browser will
// neither sniff nor run.
func (h *Handler) downloadApplicantResume(c *fiber.Ctx) error {
	a, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	if a.ResumeID == 0 {
		return fiber.ErrNotFound
	}
	r, err := models.ResumeByID(c.UserContext(), h.DB, a.ResumeID)
	if err != nil {
		return err
	}
	return h.sendResume(c, r)
}
