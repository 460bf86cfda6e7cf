package handlers

import "github.com/gofiber/fiber/v2"

// editProfile is not built yet.
func (h *Handler) editProfile(c *fiber.Ctx) error { return fiber.ErrNotFound }

// saveProfile is not built yet.
func (h *Handler) saveProfile(c *fiber.Ctx) error { return fiber.ErrNotFound }

// addCredential is not built yet.
func (h *Handler) addCredential(c *fiber.Ctx) error { return fiber.ErrNotFound }

// deleteCredential is not built yet.
func (h *Handler) deleteCredential(c *fiber.Ctx) error { return fiber.ErrNotFound }

// uploadResume is not built yet.
func (h *Handler) uploadResume(c *fiber.Ctx) error { return fiber.ErrNotFound }

// downloadOwnResume is not built yet.
func (h *Handler) downloadOwnResume(c *fiber.Ctx) error { return fiber.ErrNotFound }

// deleteResume is not built yet.
func (h *Handler) deleteResume(c *fiber.Ctx) error { return fiber.ErrNotFound }

// exportData is not built yet.
func (h *Handler) exportData(c *fiber.Ctx) error { return fiber.ErrNotFound }

// verifyCredential is not built yet.
func (h *Handler) verifyCredential(c *fiber.Ctx) error { return fiber.ErrNotFound }
