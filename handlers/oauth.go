package handlers

import "github.com/gofiber/fiber/v2"

// beginOAuth is not built yet.
func (h *Handler) beginOAuth(c *fiber.Ctx) error { return fiber.ErrNotFound }

// oauthCallback is not built yet.
func (h *Handler) oauthCallback(c *fiber.Ctx) error { return fiber.ErrNotFound }

// newWelcome is not built yet.
func (h *Handler) newWelcome(c *fiber.Ctx) error { return fiber.ErrNotFound }

// saveWelcome is not built yet.
func (h *Handler) saveWelcome(c *fiber.Ctx) error { return fiber.ErrNotFound }

// unlinkIdentity is not built yet.
func (h *Handler) unlinkIdentity(c *fiber.Ctx) error { return fiber.ErrNotFound }
