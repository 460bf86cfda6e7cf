package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// proCheckout starts the Pro subscription on Stripe's page.
func (h *Handler) proCheckout(c *fiber.Ctx) error {
	switch {
	case currentUser(c).Plan == models.PlanPro:
		return redirect(c, "/account", "You are already on Pro.")
	case !h.paymentsEnabled():
		return redirect(c, "/pricing", "Pro cannot be bought on this server: online payment is not set up.")
	}
	return h.checkout(c, purchase{
		order: models.Order{Kind: models.OrderPro, Plan: models.PlanPro, AmountCents: h.Prices.Pro},
		name:  "CareerCenter Pro, monthly", subscription: true})
}

// billingPortal opens Stripe's customer portal, where Pro is managed or
// cancelled; it comes back to the account page.
func (h *Handler) billingPortal(c *fiber.Ctx) error {
	u := currentUser(c)
	if u.StripeCustomer == "" || !h.paymentsEnabled() {
		return redirect(c, "/account", "There is no subscription to manage: you have not bought anything here yet.")
	}
	url, err := h.Pay.PortalURL(c.UserContext(), u.StripeCustomer, h.BaseURL+"/account")
	if err != nil {
		return paymentFailed(err, "We could not reach our payment provider. Try again in a minute.")
	}
	return c.Redirect(url, fiber.StatusSeeOther)
}

// employerBilling lists the orders of the user's companies and their own Pro
// orders, newest first.
func (h *Handler) employerBilling(c *fiber.Ctx) error {
	lines, err := models.OrdersForMember(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "employer/billing", "Billing", nil, billingPage{Orders: orderRows(lines)})
}

// orderRow is an order as the billing and payments pages show it.
type orderRow struct {
	models.OrderLine
	Amount string // "$149.00"
	What   string // "Featured posting"
	State  string // "Paid"
}

func orderRows(lines []models.OrderLine) []orderRow {
	rows := make([]orderRow, len(lines))
	for i, l := range lines {
		rows[i] = orderRow{OrderLine: l, Amount: models.PriceText(l.AmountCents, l.Currency),
			What: models.OrderWhat(l.Kind, l.Plan), State: orderStates[l.Status]}
	}
	return rows
}

var orderStates = map[string]string{
	models.OrderPending: "Not paid yet", models.OrderPaid: "Paid", models.OrderRefunded: "Refunded",
	models.OrderExpired: "Expired unpaid", models.OrderFailed: "Payment failed",
}
