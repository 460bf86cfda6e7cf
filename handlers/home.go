package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// home is the front page: a search box and the newest jobs (featured first).
func (h *Handler) home(c *fiber.Ctx) error {
	page, err := models.SearchJobs(c.UserContext(), h.DB, models.JobFilter{}, h.now(), 8)
	if err != nil {
		return err
	}
	saved, err := h.savedAmong(c, page.Jobs)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "home/index", "Medical coding jobs", nil,
		homePage{Jobs: page.Jobs, Total: page.Total, Capped: page.Capped, Saved: saved})
}
