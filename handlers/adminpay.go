package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// paymentsPage is how many orders the admin payments page lists at a time.
const paymentsPage = 100

// listPayments lists every order, newest first, a page at a time
// (?before=<order id> pages back).
func (h *Handler) listPayments(c *fiber.Ctx) error {
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	lines, err := models.AllOrders(c.UserContext(), h.DB, before, paymentsPage)
	if err != nil {
		return err
	}
	var older int64
	if len(lines) == paymentsPage {
		older = lines[len(lines)-1].ID
	}
	return h.render(c, fiber.StatusOK, "admin/payments", "Payments", nil,
		adminPaymentsPage{Orders: orderRows(lines), Older: older, Paged: before > 0})
}

// refundOrder asks Stripe to refund a paid order in full. Nothing changes
// here yet: the order is marked refunded (and its job withdrawn) when
// Stripe's charge.refunded event arrives.
func (h *Handler) refundOrder(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	o, err := models.OrderByID(c.UserContext(), h.DB, id)
	if err != nil {
		return err
	}
	if !o.Refundable() {
		return fail(fiber.StatusConflict, "Only a paid order with a card payment can be refunded here.")
	}
	if err := h.Pay.Refund(c.UserContext(), o.StripePaymentIntentID, o.ID); err != nil {
		return paymentFailed(err, "Stripe did not accept the refund. Try again in a minute, or refund it in Stripe's dashboard.")
	}
	return redirect(c, "/admin/payments", "Refund requested for order "+strconv.FormatInt(o.ID, 10)+
		"; the order changes when Stripe confirms it.")
}
