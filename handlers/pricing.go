package handlers

import "github.com/gofiber/fiber/v2"

// showPricing lists what each kind of account may read. Buying Pro online
// needs payments, which this server may not have configured.
func (h *Handler) showPricing(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "pricing/index", "Plans and pricing", nil,
		fiber.Map{"PaymentsEnabled": false})
}
