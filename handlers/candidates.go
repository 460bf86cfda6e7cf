package handlers

import "github.com/gofiber/fiber/v2"

// searchCandidates is not built yet.
func (h *Handler) searchCandidates(c *fiber.Ctx) error { return fiber.ErrNotFound }

// showCandidate is not built yet.
func (h *Handler) showCandidate(c *fiber.Ctx) error { return fiber.ErrNotFound }
