package handlers

import "github.com/gofiber/fiber/v2"

// newCompany is not built yet.
func (h *Handler) newCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// createCompany is not built yet.
func (h *Handler) createCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// showCompany is not built yet.
func (h *Handler) showCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// companyLogo is not built yet.
func (h *Handler) companyLogo(c *fiber.Ctx) error { return fiber.ErrNotFound }

// editCompany is not built yet.
func (h *Handler) editCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// updateCompany is not built yet.
func (h *Handler) updateCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listMembers is not built yet.
func (h *Handler) listMembers(c *fiber.Ctx) error { return fiber.ErrNotFound }

// inviteMember is not built yet.
func (h *Handler) inviteMember(c *fiber.Ctx) error { return fiber.ErrNotFound }

// removeMember is not built yet.
func (h *Handler) removeMember(c *fiber.Ctx) error { return fiber.ErrNotFound }

// leaveCompany is not built yet.
func (h *Handler) leaveCompany(c *fiber.Ctx) error { return fiber.ErrNotFound }

// showInvite is not built yet.
func (h *Handler) showInvite(c *fiber.Ctx) error { return fiber.ErrNotFound }

// acceptInvite is not built yet.
func (h *Handler) acceptInvite(c *fiber.Ctx) error { return fiber.ErrNotFound }
