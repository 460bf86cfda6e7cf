package handlers

import "github.com/gofiber/fiber/v2"

// askForChanges is not built yet.
func (h *Handler) askForChanges(c *fiber.Ctx) error { return fiber.ErrNotFound }

// adminJobs is not built yet.
func (h *Handler) adminJobs(c *fiber.Ctx) error { return fiber.ErrNotFound }

// removeJob is not built yet.
func (h *Handler) removeJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// featureJob is not built yet.
func (h *Handler) featureJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// extendJob is not built yet.
func (h *Handler) extendJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// unhideJob is not built yet.
func (h *Handler) unhideJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// adminUsers is not built yet.
func (h *Handler) adminUsers(c *fiber.Ctx) error { return fiber.ErrNotFound }

// banUser is not built yet.
func (h *Handler) banUser(c *fiber.Ctx) error { return fiber.ErrNotFound }

// unbanUser is not built yet.
func (h *Handler) unbanUser(c *fiber.Ctx) error { return fiber.ErrNotFound }

// setAdmin is not built yet.
func (h *Handler) setAdmin(c *fiber.Ctx) error { return fiber.ErrNotFound }

// adminCompanies is not built yet.
func (h *Handler) adminCompanies(c *fiber.Ctx) error { return fiber.ErrNotFound }

// verifyCompany is not built yet.
func (h *Handler) verifyCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// trustCompany is not built yet.
func (h *Handler) trustCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listBannedDomains is not built yet.
func (h *Handler) listBannedDomains(c *fiber.Ctx) error { return fiber.ErrNotFound }

// banDomain is not built yet.
func (h *Handler) banDomain(c *fiber.Ctx) error { return fiber.ErrNotFound }

// unbanDomain is not built yet.
func (h *Handler) unbanDomain(c *fiber.Ctx) error { return fiber.ErrNotFound }

// auditLog is not built yet.
func (h *Handler) auditLog(c *fiber.Ctx) error { return fiber.ErrNotFound }
