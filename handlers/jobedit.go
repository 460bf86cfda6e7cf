package handlers

import "github.com/gofiber/fiber/v2"

// newJob is not built yet.
func (h *Handler) newJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// createJob is not built yet.
func (h *Handler) createJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// editJob is not built yet.
func (h *Handler) editJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// updateJob is not built yet.
func (h *Handler) updateJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// previewJob is not built yet.
func (h *Handler) previewJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// submitJob is not built yet.
func (h *Handler) submitJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// closeJob is not built yet.
func (h *Handler) closeJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// markJobFilled is not built yet.
func (h *Handler) markJobFilled(c *fiber.Ctx) error { return fiber.ErrNotFound }

// duplicateJob is not built yet.
func (h *Handler) duplicateJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// employerDashboard is not built yet.
func (h *Handler) employerDashboard(c *fiber.Ctx) error { return fiber.ErrNotFound }

// adminHome is not built yet.
func (h *Handler) adminHome(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listPendingJobs is not built yet.
func (h *Handler) listPendingJobs(c *fiber.Ctx) error { return fiber.ErrNotFound }

// approveJob is not built yet.
func (h *Handler) approveJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// rejectJob is not built yet.
func (h *Handler) rejectJob(c *fiber.Ctx) error { return fiber.ErrNotFound }
