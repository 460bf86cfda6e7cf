package handlers

import "github.com/gofiber/fiber/v2"

// upgradeJob is not built yet.
func (h *Handler) upgradeJob(c *fiber.Ctx) error { return fiber.ErrNotFound }

// checkoutSuccess is not built yet.
func (h *Handler) checkoutSuccess(c *fiber.Ctx) error { return fiber.ErrNotFound }

// checkoutCancel is not built yet.
func (h *Handler) checkoutCancel(c *fiber.Ctx) error { return fiber.ErrNotFound }

// proCheckout is not built yet.
func (h *Handler) proCheckout(c *fiber.Ctx) error { return fiber.ErrNotFound }

// billingPortal is not built yet.
func (h *Handler) billingPortal(c *fiber.Ctx) error { return fiber.ErrNotFound }

// employerBilling is not built yet.
func (h *Handler) employerBilling(c *fiber.Ctx) error { return fiber.ErrNotFound }

// listPayments is not built yet.
func (h *Handler) listPayments(c *fiber.Ctx) error { return fiber.ErrNotFound }

// refundOrder is not built yet.
func (h *Handler) refundOrder(c *fiber.Ctx) error { return fiber.ErrNotFound }
