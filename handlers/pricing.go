package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// showPricing lists what each kind of account may read and what postings
// and Pro cost, from the server's prices. Without payments configured it
// says so: jobs go to review unpaid and Pro cannot be bought.
func (h *Handler) showPricing(c *fiber.Ctx) error {
	p := h.Prices
	return h.render(c, fiber.StatusOK, "pricing/index", "Plans and pricing", nil, pricingPage{
		PaymentsEnabled: h.paymentsEnabled(),
		Standard:        models.PriceText(p.Standard, p.Currency),
		Featured:        models.PriceText(p.Featured, p.Currency),
		Renewal:         models.PriceText(p.Renewal, p.Currency),
		Upgrade:         models.PriceText(p.Upgrade, p.Currency),
		Pro:             models.PriceText(p.Pro, p.Currency),
	})
}
