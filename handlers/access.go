package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// memberRole returns the signed-in user's role in a company. Non-members get
// ErrNotFound, so another company's drafts and settings look absent (404),
// never forbidden.
func (h *Handler) memberRole(c *fiber.Ctx, companyID int64) (string, error) {
	u := currentUser(c)
	if u == nil {
		return "", models.ErrNotFound
	}
	role, err := models.MemberRole(c.UserContext(), h.DB, companyID, u.ID)
	if err != nil {
		return "", err
	}
	if role == "" {
		return "", models.ErrNotFound
	}
	return role, nil
}

// requireAdmin hides the admin area from everyone else (404).
func requireAdmin(c *fiber.Ctx) error {
	if u := currentUser(c); u == nil || !u.IsAdmin {
		return fiber.ErrNotFound
	}
	return c.Next()
}

// deleteOwn deletes the signed-in person's row that the route's :id names
// (del answers ErrNotFound for anyone else's) and goes back with flash.
func (h *Handler) deleteOwn(c *fiber.Ctx, del func(ctx context.Context, db bun.IDB, userID, id int64) error,
	back, flash string) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := del(c.UserContext(), h.DB, currentUser(c).ID, id); err != nil {
		return err
	}
	return redirect(c, back, flash)
}
