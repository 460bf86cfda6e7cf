package handlers

import "github.com/gofiber/fiber/v2"

// newApplication is not built yet.
func (h *Handler) newApplication(c *fiber.Ctx) error { return fiber.ErrNotFound }

// createApplication is not built yet.
func (h *Handler) createApplication(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listMyApplications is not built yet.
func (h *Handler) listMyApplications(c *fiber.Ctx) error { return fiber.ErrNotFound }

// withdrawApplication is not built yet.
func (h *Handler) withdrawApplication(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listApplicants is not built yet.
func (h *Handler) listApplicants(c *fiber.Ctx) error { return fiber.ErrNotFound }

// exportApplicants is not built yet.
func (h *Handler) exportApplicants(c *fiber.Ctx) error { return fiber.ErrNotFound }

// bulkApplicationStatus is not built yet.
func (h *Handler) bulkApplicationStatus(c *fiber.Ctx) error { return fiber.ErrNotFound }

// setRejectionEmails is not built yet.
func (h *Handler) setRejectionEmails(c *fiber.Ctx) error { return fiber.ErrNotFound }

// showApplication is not built yet.
func (h *Handler) showApplication(c *fiber.Ctx) error { return fiber.ErrNotFound }

// setApplicationStatus is not built yet.
func (h *Handler) setApplicationStatus(c *fiber.Ctx) error { return fiber.ErrNotFound }

// addApplicationNote is not built yet.
func (h *Handler) addApplicationNote(c *fiber.Ctx) error { return fiber.ErrNotFound }

// downloadApplicantResume is not built yet.
func (h *Handler) downloadApplicantResume(c *fiber.Ctx) error { return fiber.ErrNotFound }
