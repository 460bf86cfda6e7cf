package handlers

import "github.com/gofiber/fiber/v2"

// showJob is not built yet.
func (h *Handler) showJob(c *fiber.Ctx) error { return fiber.ErrNotFound }
