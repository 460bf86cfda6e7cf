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

// showDevMail shows one kept message: its text and the links in it.
func (h *Handler) showDevMail(c *fiber.Ctx) error {
	id, err := c.ParamsInt("id")
	if err != nil {
		return fiber.ErrNotFound
	}
	m, err := models.DevMailByID(c.UserContext(), h.DB, int64(id))
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "devmail/show", m.Subject, nil, m)
}
