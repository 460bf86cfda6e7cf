package handlers

import "github.com/gofiber/fiber/v2"

// reportJob is not built yet.
func (h *Handler) reportJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// requestDomainCheck is not built yet.
func (h *Handler) requestDomainCheck(c *fiber.Ctx) error { return fiber.ErrNotFound }

// confirmDomainCheck is not built yet.
func (h *Handler) confirmDomainCheck(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listReports is not built yet.
func (h *Handler) listReports(c *fiber.Ctx) error { return fiber.ErrNotFound }

// resolveReport is not built yet.
func (h *Handler) resolveReport(c *fiber.Ctx) error { return fiber.ErrNotFound }
