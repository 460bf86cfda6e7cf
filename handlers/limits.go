package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// withinLimit runs do for the signed-in account under limit l (see
// models.WithinAccountLimit): counted when it succeeds, refused with a
// *models.LimitError when the account has no room.
func (h *Handler) withinLimit(c *fiber.Ctx, l models.Limit, do func(ctx context.Context, tx bun.Tx) error) error {
	return models.WithinAccountLimit(c.UserContext(), h.DB, currentUser(c).ID, l, h.now(), do)
}
