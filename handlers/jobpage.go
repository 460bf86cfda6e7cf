package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// showJob is not built yet.
func (h *Handler) showJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// renderJobPage draws a job page; preview shows a draft exactly as it will
// look, marked as a preview. Not built yet.
func (h *Handler) renderJobPage(c *fiber.Ctx, j *models.Job, preview bool) error {
	return fiber.ErrNotFound
}
