package handlers

import "github.com/gofiber/fiber/v2"

// listJobs is not built yet.
func (h *Handler) listJobs(c *fiber.Ctx) error { return fiber.ErrNotFound }

// jobsFeed is not built yet.
func (h *Handler) jobsFeed(c *fiber.Ctx) error { return fiber.ErrNotFound }

// sitemap is not built yet.
func (h *Handler) sitemap(c *fiber.Ctx) error { return fiber.ErrNotFound }

// robots is not built yet.
func (h *Handler) robots(c *fiber.Ctx) error { return fiber.ErrNotFound }
