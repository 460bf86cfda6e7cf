package handlers

import (
	"encoding/hex"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// recordJobView counts the viewer's view of j: into the buffer, which
// writes views in batches, or straight to the database without one.
func (h *Handler) recordJobView(c *fiber.Ctx, j *models.Job, now time.Time) error {
	if h.JobViews != nil {
		return h.JobViews.Add(c.UserContext(), j.ID, h.jobViewer(c, now), now)
	}
	_, err := models.RecordJobView(c.UserContext(), h.DB, j.ID, h.jobViewer(c, now), now)
	return err
}

// jobViewer is the key under which a job view is counted once a day: the
// account, else the guest cookie, else the (already keyed) client address.
// No cookie is set for this: a guest without one counts by address. It is an
// HMAC with the day in it, so job_views rows of different days cannot be
// joined into one person's reading history.
func (h *Handler) jobViewer(c *fiber.Ctx, day time.Time) []byte {
	who := "ip:" + hex.EncodeToString(h.ipHash(c))
	if u := currentUser(c); u != nil {
		who = "user:" + strconv.FormatInt(u.ID, 10)
	} else if id := h.guestID(c); id != "" {
		who = "guest:" + id
	}
	return models.KeyedSum(h.Secret, "job-view|", day.UTC().Format(time.DateOnly), "|", who)
}
