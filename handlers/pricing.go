package handlers

import "github.com/gofiber/fiber/v2"

// showPricing lists what each kind of account may read and what postings
// and Pro cost, from the server's prices. Without payments configured it
// says so: jobs go to review unpaid and Pro cannot be bought.
func (h *Handler) showPricing(c *fiber.Ctx) error {
	p := h.Prices
	return h.render(c, fiber.StatusOK, "pricing/index", "Plans and pricing", nil, pricingPage{
		PaymentsEnabled: h.paymentsEnabled(),
		Standard:        priceText(p.Standard, p.Currency),
		Featured:        priceText(p.Featured, p.Currency),
		Renewal:         priceText(p.Renewal, p.Currency),
		Upgrade:         priceText(p.Upgrade, p.Currency),
		Pro:             priceText(p.Pro, p.Currency),
	})
}
