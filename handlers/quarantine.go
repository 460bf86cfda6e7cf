package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// quarantineBanner is what a quarantined job's page says above the job.
type quarantineBanner struct {
	Notice string // for readers
	Admin  bool   // the viewer is an admin: they see the job in full
	Job    *models.Job
	CSRF   string
}

// quarantine turns a live job's page into a quarantined one: readers get
// the warning and no way to apply; admins still see everything, with the
// reason and a way to unhide it. No viewer gets JSON-LD or an indexable page.
func (d *jobPageData) quarantine(j *models.Job, admin bool, csrf string) {
	d.Quarantine = &quarantineBanner{Notice: models.QuarantineNotice, Admin: admin, Job: j, CSRF: csrf}
	d.Head.NoIndex = true
	d.JSONLD = ""
	if !admin {
		d.ShowApply, d.ApplyHref = false, ""
	}
}

// applyPaused explains, instead of the form, that a quarantined job takes
// no applications (403): nothing a candidate sends reaches it.
func (h *Handler) applyPaused(c *fiber.Ctx, j *models.Job) error {
	return h.render(c, fiber.StatusForbidden, "applications/paused", "Applications paused: "+j.Title, nil,
		struct {
			Job    *models.Job
			Notice string
		}{j, models.QuarantineNotice})
}
