package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// home is the front page: a search box and the newest jobs (featured first).
func (h *Handler) home(c *fiber.Ctx) error {
	answer, err := h.searchAnswer(c.UserContext(), models.JobFilter{}, h.now(), 8, false)
	if err != nil {
		return err
	}
	page := answer.Page
	saved, err := h.savedAmong(c, page.Jobs)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "home/index", "Medical coding jobs", nil,
		homePage{Jobs: page.Jobs, Total: page.Total, Capped: page.Capped, Saved: saved})
}
