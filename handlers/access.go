package handlers

import (
	"github.com/gofiber/fiber/v2"

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
