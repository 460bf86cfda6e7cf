package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/email"
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
	j, err := auditedOnID(h, c, "job.approve", "job", func(ctx context.Context, tx bun.Tx, id int64) (*models.Job, error) {
		j, err := models.ApproveJob(ctx, tx, id, h.now())
		if err != nil {
			return nil, err
		}
		if h.Figures != nil {
			if err := h.Figures.QueueRefresh(ctx, tx); err != nil {
				return nil, err
			}
		}
		return j, h.Mail.TellJobAuthor(ctx, tx, j, h.Mail.JobApproved)
	})
	if err != nil {
		return jobChangeError(err, "approved")
	}
	return redirect(c, "/admin/review", "Approved “"+j.Title+"”. It is live.")
}

// rejectJob turns a job down with the reason its author is emailed; the
// reason is required.
func (h *Handler) rejectJob(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.reviewPage(), "job.reject", "reason", "rejected",
		h.tellingAuthor(models.RejectJob, h.Mail.JobRejected), "Rejected “%s”. Its author has been told why.")
}

// askForChanges sends a job in review back to its author as a draft, with
// the note emailed to them.
func (h *Handler) askForChanges(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.reviewPage(), "job.changes", "note", "sent back for changes",
		h.tellingAuthor(models.AskForChanges, h.Mail.JobChangesRequested), "Sent “%s” back to its author with your note.")
}

func (h *Handler) reviewPage() adminPage { return adminPage{"/admin/review", h.renderReviewQueue} }

// tellingAuthor is a review decision with a note (change) followed, in its
// transaction, by the email build makes for the job's author.
func (h *Handler) tellingAuthor(change func(ctx context.Context, db bun.IDB, id int64, note string, now time.Time) (*models.Job, error),
	build func(author *models.User, j *models.Job) (email.Email, error),
) func(ctx context.Context, tx bun.Tx, id int64, note string) (*models.Job, error) {
	return func(ctx context.Context, tx bun.Tx, id int64, note string) (*models.Job, error) {
		j, err := change(ctx, tx, id, note, h.now())
		if err != nil {
			return nil, err
		}
		return j, h.Mail.TellJobAuthor(ctx, tx, j, build)
	}
}
