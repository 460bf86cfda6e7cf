package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthz says the process is up.
func (h *Handler) healthz(c *fiber.Ctx) error {
	return c.SendString("ok")
}

// readyz says the process can reach its database.
func (h *Handler) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.Ready(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unreachable")
	}
	return c.SendString("ready")
}
