package handlers

import "github.com/gofiber/fiber/v2"

// toggleSavedJob is not built yet.
func (h *Handler) toggleSavedJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listSavedJobs is not built yet.
func (h *Handler) listSavedJobs(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listAlerts is not built yet.
func (h *Handler) listAlerts(c *fiber.Ctx) error { return fiber.ErrNotFound }

// createAlert is not built yet.
func (h *Handler) createAlert(c *fiber.Ctx) error { return fiber.ErrNotFound }

// confirmAlert is not built yet.
func (h *Handler) confirmAlert(c *fiber.Ctx) error { return fiber.ErrNotFound }

// unsubscribeAlert is not built yet.
func (h *Handler) unsubscribeAlert(c *fiber.Ctx) error { return fiber.ErrNotFound }

// updateAlert is not built yet.
func (h *Handler) updateAlert(c *fiber.Ctx) error { return fiber.ErrNotFound }

// deleteAlert is not built yet.
func (h *Handler) deleteAlert(c *fiber.Ctx) error { return fiber.ErrNotFound }
