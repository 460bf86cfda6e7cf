package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// listDevMail shows the development outbox: mail kept instead of sent.
func (h *Handler) listDevMail(c *fiber.Ctx) error {
	mails, err := models.DevMails(c.UserContext(), h.DB, 100)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "devmail/index", "Development outbox", nil, mails)
}

// devMailPage is the data of one kept message's page.
type devMailPage struct {
	Mail    *models.DevMail
	Headers []models.Header
}

// showDevMail shows one kept message: its header lines, its text part with
// the links in it, and its HTML part.
func (h *Handler) showDevMail(c *fiber.Ctx) error {
	m, err := h.devMail(c)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "devmail/show", m.Subject, nil, devMailPage{Mail: m, Headers: m.HeaderLines()})
}

// showDevMailHTML serves a kept message's HTML part as its own document, for
// the frame on its page: sandboxed (no script, no form, no navigation of the
// page around it), with the inline styles that emails use allowed.
func (h *Handler) showDevMailHTML(c *fiber.Ctx) error {
	m, err := h.devMail(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentSecurityPolicy, "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'")
	c.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Type("html", "utf-8")
	return c.SendString(m.HTML)
}

func (h *Handler) devMail(c *fiber.Ctx) (*models.DevMail, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	return models.DevMailByID(c.UserContext(), h.DB, id)
}
