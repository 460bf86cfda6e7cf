package handlers

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// applyPage is the apply form's data (views/applications/new.html).
type applyPage struct {
	Job       *models.Job
	Resume    *models.Resume // the profile's current resume; nil when none
	AppliedOn time.Time      // set once they applied: no form then
	FileSent  bool           // a file was chosen but the form came back
	Check     checkNotice    // the skills check that follows, if any
}

// withApplyJob runs do with the job of the :id route when it takes
// applications on this site. A quarantined one shows applyPaused instead;
// any other job answers 404 here.
func (h *Handler) withApplyJob(c *fiber.Ctx, do func(c *fiber.Ctx, j *models.Job) error) error {
	j, err := h.jobOfRoute(c)
	if err != nil {
		return err
	}
	if j.Quarantined() && j.Live(h.now()) && j.ApplyMethod == "onsite" {
		return h.applyPaused(c, j)
	}
	if !j.TakesApplications(h.now()) {
		return fiber.ErrNotFound
	}
	return do(c, j)
}

// newApplication shows the apply form: a cover note and the profile's
// resume or a new file; or when they applied already, since when.
func (h *Handler) newApplication(c *fiber.Ctx) error {
	return h.withApplyJob(c, func(c *fiber.Ctx, j *models.Job) error {
		return h.renderApplyForm(c, fiber.StatusOK, j, nil, false)
	})
}

func (h *Handler) renderApplyForm(c *fiber.Ctx, status int, j *models.Job, f *form, fileSent bool) error {
	ctx, u := c.UserContext(), currentUser(c)
	resume, err := models.CurrentResume(ctx, h.DB, u.ID)
	if errors.Is(err, models.ErrNotFound) {
		resume, err = nil, nil
	}
	if err != nil {
		return err
	}
	applied, err := models.AppliedOn(ctx, h.DB, j.ID, u.ID)
	if err != nil {
		return err
	}
	check, err := h.checkNoticeFor(c, j.ID)
	if err != nil {
		return err
	}
	return h.render(c, status, "applications/new", "Apply: "+j.Title, f,
		applyPage{Job: j, Resume: resume, AppliedOn: applied, FileSent: fileSent, Check: check})
}

// createApplication sends the application: a new resume file is stored,
// the application counted on the job, and the candidate and every member
// of the company emailed, all in one transaction. A second application to
// the same job shows when the first was sent.
func (h *Handler) createApplication(c *fiber.Ctx) error { return h.withApplyJob(c, h.sendApplication) }

func (h *Handler) sendApplication(c *fiber.Ctx, j *models.Job) error {
	f := readForm(c, "cover_note", "make_current")
	name, data, err := readUpload(c, "resume_file", models.MaxResumeBytes)
	if err != nil {
		return err
	}
	u := currentUser(c)
	err = h.withinLimit(c, models.LimitApplications, func(ctx context.Context, tx bun.Tx) error {
		resumeID, err := h.resumeForApplication(ctx, tx, u.ID, name, data, f.Get("make_current") != "")
		if err != nil {
			return err
		}
		a, err := models.Apply(ctx, tx, j.ID, u.ID, models.ApplyInput{CoverNote: f.Get("cover_note"), ResumeID: resumeID}, h.now())
		if err != nil {
			return err
		}
		return h.Mail.TellOfApplication(ctx, tx, a, j, u)
	})
	var already *models.AlreadyAppliedError
	if errors.As(err, &already) {
		return h.renderApplyForm(c, fiber.StatusConflict, j, nil, false)
	}
	if v, ok := models.AsValidation(err); ok {
		return h.renderApplyForm(c, fiber.StatusUnprocessableEntity, j, f.failed(v), data != nil)
	}
	if le, ok := models.AsLimit(err); ok {
		f.Error = le.Error()
		return h.renderApplyForm(c, fiber.StatusTooManyRequests, j, f, data != nil)
	}
	if err != nil {
		return err
	}
	check, err := h.checkNoticeFor(c, j.ID)
	if err != nil {
		return err
	}
	if check.Count > 0 { // the skills check is the next step
		return redirect(c, takeCheckPath(j.ID), "Your application for “"+j.Title+"” was sent to "+
			j.Company.Name+". One more step: its skills check.")
	}
	return redirect(c, "/applications", "Your application for “"+j.Title+"” was sent to "+j.Company.Name+".")
}

// resumeForApplication stores a newly chosen file (it becomes the profile's
// resume when asked, or when there is none yet), else picks the profile's
// current resume; 0 when there is neither.
func (h *Handler) resumeForApplication(ctx context.Context, tx bun.IDB, userID int64, name string, data []byte, makeCurrent bool) (int64, error) {
	current, err := models.CurrentResume(ctx, tx, userID)
	if errors.Is(err, models.ErrNotFound) {
		current, err = nil, nil
	}
	if err != nil {
		return 0, err
	}
	if data != nil {
		r, err := models.SaveResume(ctx, tx, h.Files, userID, name, data, makeCurrent || current == nil)
		if err != nil {
			return 0, err
		}
		return r.ID, nil
	}
	if current == nil {
		return 0, nil
	}
	return current.ID, nil
}

// listMyApplications is "My applications": every application with its job,
// company, status and dates.
func (h *Handler) listMyApplications(c *fiber.Ctx) error {
	apps, err := models.ApplicationsForUser(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	checks, err := models.SkillCheckJobsOf(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "applications/index", "My applications", nil,
		myApplicationsPage{Applications: apps, Checks: checks, Now: h.now()})
}

// withdrawApplication takes back one of the candidate's own open
// applications; anyone else's is 404.
func (h *Handler) withdrawApplication(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	_, err = models.WithdrawApplication(c.UserContext(), h.DB, id, currentUser(c).ID, h.now())
	var moveErr *models.ApplicationMoveError
	if errors.As(err, &moveErr) {
		return fail(fiber.StatusConflict, "This application is closed and can no longer be withdrawn.")
	}
	if err != nil {
		return err
	}
	return redirect(c, "/applications", "Your application was withdrawn.")
}

// appliedOn is when the signed-in viewer applied to j on this site; zero for
// guests, for jobs taking applications elsewhere and for those who have not
// applied. The job page shows it in place of the Apply button.
func (h *Handler) appliedOn(c *fiber.Ctx, j *models.Job) (time.Time, error) {
	u := currentUser(c)
	if u == nil || j.ApplyMethod != "onsite" {
		return time.Time{}, nil
	}
	return models.AppliedOn(c.UserContext(), h.DB, j.ID, u.ID)
}
