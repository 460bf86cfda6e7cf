package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// employerDashboard lists each of the user's companies with all its jobs,
// their status, expiry, views and applications, and what can be done next.
func (h *Handler) employerDashboard(c *fiber.Ctx) error {
	companies, err := models.JobsForMember(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	answers, err := h.employerAnswers(c.UserContext(), companies)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "employer/index", "Your jobs", nil,
		fiber.Map{"Companies": companies, "Now": h.now(), "PaymentsEnabled": h.paymentsEnabled(), "Answers": answers})
}
