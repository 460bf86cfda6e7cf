package handlers

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// adminHome is the dashboard: what waits for an admin, and how big the site is.
func (h *Handler) adminHome(c *fiber.Ctx) error {
	n, err := models.CountForAdmin(c.UserContext(), h.DB, h.now())
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "admin/index", "Admin", nil, adminHomePage{Counts: n})
}

// auditLog lists admin actions, newest first, filtered by action and actor,
// a page at a time ("before" is the last id of the previous page).
func (h *Handler) auditLog(c *fiber.Ctx) error {
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	filter := models.AuditFilter{Action: c.Query("action"), Actor: c.Query("actor"), Before: before}
	entries, err := models.AuditLog(c.UserContext(), h.DB, filter)
	if err != nil {
		return err
	}
	actions, err := models.AuditActions(c.UserContext(), h.DB)
	if err != nil {
		return err
	}
	var next int64
	if len(entries) == models.AuditPageSize {
		next = entries[len(entries)-1].ID
	}
	return h.render(c, fiber.StatusOK, "admin/audit", "Audit log", nil,
		auditPage{Entries: entries, Filter: filter, Actions: actions, Next: next})
}

// listPendingJobs is the review queue, oldest submission first.
func (h *Handler) listPendingJobs(c *fiber.Ctx) error {
	return h.renderReviewQueue(c, fiber.StatusOK, nil)
}

func (h *Handler) renderReviewQueue(c *fiber.Ctx, status int, f *form) error {
	jobs, err := models.PendingJobs(c.UserContext(), h.DB)
	if err != nil {
		return err
	}
	return h.render(c, status, "admin/review", "Review queue", f, reviewPage{Jobs: jobs})
}

// approveJob publishes a job and tells its author, in one transaction.
func (h *Handler) approveJob(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	var j *models.Job
	err = h.audited(c, "job.approve", "job", id, "", func(ctx context.Context, tx bun.Tx) error {
		if j, err = models.ApproveJob(ctx, tx, id, h.now()); err != nil {
			return err
		}
		if h.Figures != nil {
			if err := h.Figures.QueueRefresh(ctx, tx); err != nil {
				return err
			}
		}
		return h.Mail.TellJobAuthor(ctx, tx, j, h.Mail.JobApproved)
	})
	if err != nil {
		return jobChangeError(err, "approved")
	}
	return redirect(c, "/admin/review", "Approved “"+j.Title+"”. It is live.")
}

// rejectJob turns a job down with the reason its author is emailed; the
// reason is required.
func (h *Handler) rejectJob(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := readForm(c, "reason")
	f.Name = "reject-" + strconv.FormatInt(id, 10)
	var j *models.Job
	err = h.audited(c, "job.reject", "job", id, f.Get("reason"), func(ctx context.Context, tx bun.Tx) error {
		if j, err = models.RejectJob(ctx, tx, id, f.Get("reason"), h.now()); err != nil {
			return err
		}
		return h.Mail.TellJobAuthor(ctx, tx, j, h.Mail.JobRejected)
	})
	if v, ok := models.AsValidation(err); ok {
		return h.renderReviewQueue(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return jobChangeError(err, "rejected")
	}
	return redirect(c, "/admin/review", "Rejected “"+j.Title+"”. Its author has been told why.")
}
