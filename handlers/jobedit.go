package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// paymentsEnabled tells whether a submitted job waits for payment: only
// when Stripe is configured.
func (h *Handler) paymentsEnabled() bool { return h.Pay != nil && h.Pay.Enabled() }

// jobForMember loads the job of the :id route for a member of its company
// (and for admins when adminsToo). Everyone else gets 404, as if the job did
// not exist.
func (h *Handler) jobForMember(c *fiber.Ctx, adminsToo bool) (*models.Job, error) {
	j, err := h.jobOfRoute(c)
	if err != nil {
		return nil, err
	}
	if u := currentUser(c); adminsToo && u != nil && u.IsAdmin {
		return j, nil
	}
	if _, err := h.memberRole(c, j.CompanyID); err != nil {
		return nil, err
	}
	return j, nil
}

// jobChangeError explains a refused change of a job's status (409) in
// words; other errors pass through. doing completes "it cannot be …".
func jobChangeError(err error, doing string) error {
	var te *models.TransitionError
	switch {
	case errors.As(err, &te):
		return fail(fiber.StatusConflict, "This job is "+strings.ToLower(jobStatusLabel(te.From))+
			", so it cannot be "+doing+".")
	case errors.Is(err, models.ErrNotEditable):
		return fail(fiber.StatusConflict, "This job is closed and can no longer be edited. Duplicate it to post it again.")
	case errors.Is(err, models.ErrNotRenewable):
		return fail(fiber.StatusConflict, "A live job can be renewed in its last 7 days.")
	case errors.Is(err, models.ErrNotReopenable):
		return fail(fiber.StatusConflict, "A filled or closed job can be reopened within 7 days, before it would have expired.")
	}
	return err
}

// previewJob shows the job exactly as it will look, to its company's members
// and to admins reviewing it.
func (h *Handler) previewJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, true)
	if err != nil {
		return err
	}
	data, err := h.jobPageBase(c.UserContext(), j, true)
	if err != nil {
		return err
	}
	return h.renderJobPage(c, data)
}

// submitJob sends a complete draft on: to Stripe's payment page when
// payments are on (the job waits as pending_payment), else to review. A job
// already awaiting payment is paid for again the same way ("Pay now"). An
// incomplete draft comes back as the form with the fields to fill in.
func (h *Handler) submitJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if h.paymentsEnabled() && j.Status == models.JobPendingPayment {
		return h.checkout(c, h.jobPurchase(models.OrderPosting, j))
	}
	prepaid, err := models.PrepaidJob(c.UserContext(), h.DB, j.ID)
	if err != nil {
		return err
	}
	done, err := models.SubmitJob(c.UserContext(), h.DB, j.ID, h.paymentsEnabled() && !prepaid, h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.renderJobForm(c, fiber.StatusUnprocessableEntity, j, models.InputFromJob(j), v,
			"Complete the fields marked below and save, then submit the job.")
	}
	var te *models.TransitionError
	if errors.As(err, &te) && te.From == models.JobPendingPayment && h.paymentsEnabled() {
		// A second click while the first was on its way to Stripe.
		return h.checkout(c, h.jobPurchase(models.OrderPosting, j))
	}
	if errors.Is(err, models.ErrPostingLimit) {
		return fail(fiber.StatusTooManyRequests, models.PostingLimitMessage)
	}
	if err != nil {
		return jobChangeError(err, "submitted")
	}
	if done.Status == models.JobPendingPayment {
		return h.checkout(c, h.jobPurchase(models.OrderPosting, done))
	}
	flash := map[string]string{models.JobPendingReview: "Submitted for review.", models.JobActive: "Your job is live."}
	return redirect(c, "/employer", flash[done.Status])
}

// closeJob takes a live job down early (it is withdrawn, not deleted).
func (h *Handler) closeJob(c *fiber.Ctx) error {
	j, err := h.changeJobAsMember(c, models.WithdrawJob, "closed")
	if err != nil {
		return err
	}
	return redirect(c, "/employer", "Closed “"+j.Title+"”. It is no longer on the site.")
}

// markJobFilled closes a live or expired job as filled; its page stays up.
func (h *Handler) markJobFilled(c *fiber.Ctx) error {
	j, err := h.changeJobAsMember(c, models.MarkJobFilled, "marked filled")
	if err != nil {
		return err
	}
	return redirect(c, "/employer", "Marked “"+j.Title+"” as filled.")
}

// changeJobAsMember runs change, one of the lifecycle steps a member of the
// company takes, on the route's job; it returns the job as it was before,
// or the refusal in words (doing is the step's past participle).
func (h *Handler) changeJobAsMember(c *fiber.Ctx,
	change func(ctx context.Context, db bun.IDB, id int64, now time.Time) (*models.Job, error), doing string) (*models.Job, error) {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return nil, err
	}
	if _, err := change(c.UserContext(), h.DB, j.ID, h.now()); err != nil {
		return nil, jobChangeError(err, doing)
	}
	return j, nil
}

// duplicateJob copies any job of the company into a new draft and opens it.
func (h *Handler) duplicateJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	var copied *models.Job
	err = h.withinLimit(c, models.LimitDrafts, func(ctx context.Context, tx bun.Tx) (err error) {
		copied, err = models.DuplicateJob(ctx, tx, j.ID, currentUser(c).ID, h.now())
		return err
	})
	if err != nil { // a reached limit shows its message on the error page
		return err
	}
	return redirect(c, "/jobs/"+strconv.FormatInt(copied.ID, 10)+"/edit", "Copied. Edit the copy, then submit it.")
}

// renewJob extends a live job in its last 7 days by another 30 days: after
// payment when payments are on, at once otherwise.
func (h *Handler) renewJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if h.paymentsEnabled() {
		if !j.Renewable(h.now()) {
			return jobChangeError(renewRefusal(j), "renewed")
		}
		return h.checkout(c, h.jobPurchase(models.OrderRenewal, j))
	}
	renewed, err := models.RenewJob(c.UserContext(), h.DB, j.ID, h.now())
	if err != nil {
		return jobChangeError(err, "renewed")
	}
	return redirect(c, "/employer", "Renewed “"+j.Title+"” until "+models.DayText(renewed.ExpiresAt)+".")
}

// renewRefusal is the error RenewJob would give for a job not renewable now,
// so a renewal is refused in the same words before anything is charged.
func renewRefusal(j *models.Job) error {
	if j.Status != models.JobActive {
		return &models.TransitionError{From: j.Status, To: models.JobActive}
	}
	return models.ErrNotRenewable
}
