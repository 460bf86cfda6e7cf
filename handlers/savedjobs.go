package handlers

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// saveButton is the data of views/partials/save_button.html.
type saveButton struct {
	JobID int64
	Saved bool
	CSRF  string
	Next  string
}

// toggleSavedJob saves or unsaves a job. The button sends the state it
// wants ("saved"), so a repeated click never undoes itself; without one the
// state flips. htmx gets the new button, a plain form goes back.
func (h *Handler) toggleSavedJob(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	want := c.FormValue("saved") == "1"
	if c.FormValue("saved") == "" {
		was, err := models.JobSaved(ctx, h.DB, u.ID, id)
		if err != nil {
			return err
		}
		want = !was
	}
	if err := models.SetJobSaved(ctx, h.DB, u.ID, id, want, h.now()); err != nil {
		return err
	}
	back := localPath(c.FormValue("next"), "")
	if back == "" {
		back = refererPath(c, "/saved")
	}
	c.Vary("HX-Request")
	if c.Get("HX-Request") == "true" {
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Render("saved/index", saveButton{JobID: id, Saved: want, CSRF: csrfToken(c), Next: back},
			"partials/save_button")
	}
	msg := "Job saved."
	if !want {
		msg = "Job removed from your saved jobs."
	}
	return redirect(c, back, msg)
}

// refererPath is the local path of the page a form was sent from.
func refererPath(c *fiber.Ctx, fallback string) string {
	ref, err := url.Parse(c.Get(fiber.HeaderReferer))
	if err != nil || ref.Host != c.Hostname() {
		return fallback
	}
	p := ref.EscapedPath()
	if ref.RawQuery != "" {
		p += "?" + ref.RawQuery
	}
	return localPath(p, fallback)
}

// listSavedJobs is the "Saved jobs" page.
func (h *Handler) listSavedJobs(c *fiber.Ctx) error {
	jobs, err := models.SavedJobs(c.UserContext(), h.DB, currentUser(c).ID, h.now())
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "saved/index", "Saved jobs", nil, savedJobsPage{Jobs: jobs})
}

// savedAmong tells which of a list's jobs the signed-in reader has saved.
func (h *Handler) savedAmong(c *fiber.Ctx, jobs []models.Job) (map[int64]bool, error) {
	u := currentUser(c)
	if u == nil {
		return nil, nil
	}
	ids := make([]int64, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	return models.SavedAmong(c.UserContext(), h.DB, u.ID, ids)
}
