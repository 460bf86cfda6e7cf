package handlers

import "github.com/gofiber/fiber/v2"

// home is the front page.
func (h *Handler) home(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "home/index", "Medical coding jobs", nil, nil)
}
