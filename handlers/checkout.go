package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// purchase is one thing to pay for. Its amount and plan come from the
// server's prices and the job as stored, never from a form.
type purchase struct {
	order        models.Order
	name         string // the line on Stripe's page
	subscription bool
}

// jobPurchase prices a posting, renewal or upgrade of job j.
func (h *Handler) jobPurchase(kind string, j *models.Job) purchase {
	o := models.Order{Kind: kind, Plan: j.Plan, JobID: j.ID, CompanyID: j.CompanyID}
	var name string
	switch kind {
	case models.OrderRenewal:
		o.AmountCents, name = h.Prices.Renewal, "Renewal, 30 more days: "
	case models.OrderUpgrade:
		o.Plan, o.AmountCents, name = models.PlanFeatured, h.Prices.Upgrade, "Upgrade to featured: "
	case models.OrderPosting:
		o.AmountCents, name = h.Prices.Standard, "Standard posting: "
		if j.Plan == models.PlanFeatured {
			o.AmountCents, name = h.Prices.Featured, "Featured posting: "
		}
	}
	return purchase{order: o, name: name + j.Title}
}

// checkout sends the buyer to Stripe's payment page for p. A recent pending
// order of the same purchase is reused (models.OpenOrder): its idempotency
// key gives back the same session, so one job is not paid for twice. When
// there is none, or Stripe refuses the reuse (the job's title changed, so
// the request differs), a new order is made and committed before Stripe is
// called, so no transaction waits on the network; if Stripe makes no
// session the order is discarded, so none is left without one.
func (h *Handler) checkout(c *fiber.Ctx, p purchase) error {
	ctx := c.UserContext()
	u := currentUser(c)
	p.order.BuyerID, p.order.Currency = u.ID, h.Prices.Currency
	req := models.CheckoutRequest{Name: p.name, AmountCents: p.order.AmountCents, Currency: p.order.Currency,
		Subscription: p.subscription, CustomerID: u.StripeCustomer, Email: u.Email}
	open, err := models.OpenOrder(ctx, h.DB, p.order)
	switch {
	case err == nil:
		if url, err := h.openSession(ctx, open, req); err == nil {
			return c.Redirect(url, fiber.StatusSeeOther)
		}
	case !errors.Is(err, models.ErrNotFound):
		return err
	}
	if err := models.CreateOrder(ctx, h.DB, &p.order); err != nil {
		return err
	}
	url, err := h.openSession(ctx, &p.order, req)
	if errors.Is(err, errNoSession) {
		if derr := models.DiscardOrder(ctx, h.DB, p.order.ID); derr != nil {
			return errors.Join(err, derr)
		}
	}
	if err != nil {
		return err
	}
	return c.Redirect(url, fiber.StatusSeeOther)
}

// errNoSession marks a checkout Stripe did not open: nothing can be paid on it.
var errNoSession = errors.New("no checkout session")

// openSession asks Stripe for the Checkout Session of order o and records
// it. Call it outside any transaction: it waits on the network.
func (h *Handler) openSession(ctx context.Context, o *models.Order, req models.CheckoutRequest) (string, error) {
	id := strconv.FormatInt(o.ID, 10)
	req.OrderID = o.ID
	req.SuccessURL = h.BaseURL + "/checkout/success?session_id={CHECKOUT_SESSION_ID}"
	req.CancelURL = h.BaseURL + "/checkout/cancel?order=" + id
	s, err := h.Pay.Checkout(ctx, req)
	if err != nil {
		return "", paymentFailed(fmt.Errorf("%w: %w", errNoSession, err),
			"We could not reach our payment provider. Nothing was charged; try again in a minute.")
	}
	return s.URL, models.SetOrderSession(ctx, h.DB, o.ID, s.SessionID)
}

// paymentFailed tells the user msg (502) and keeps Stripe's error for the log.
func paymentFailed(err error, msg string) error {
	return fmt.Errorf("%w: %w", fail(fiber.StatusBadGateway, msg), err)
}

// ownOrder lets an order's buyer and the members of its company see it;
// everyone else gets 404.
func (h *Handler) ownOrder(c *fiber.Ctx, o *models.Order) error {
	if o.BuyerID != 0 && o.BuyerID == currentUser(c).ID {
		return nil
	}
	if o.CompanyID == 0 {
		return models.ErrNotFound
	}
	_, err := h.memberRole(c, o.CompanyID)
	return err
}

// checkoutSuccess is where Stripe sends the buyer back. It asks Stripe for
// the session rather than trusting the address, applies it (the webhook may
// have done so already: fulfilment happens at most once) and says where the
// order stands.
func (h *Handler) checkoutSuccess(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if !h.paymentsEnabled() {
		return models.ErrNotFound
	}
	o, err := models.OrderBySession(ctx, h.DB, c.Query("session_id"))
	if err != nil {
		return err
	}
	if err := h.ownOrder(c, o); err != nil {
		return err
	}
	s, err := h.Pay.Session(ctx, o.StripeSessionID)
	if err != nil {
		return paymentFailed(err, "We could not confirm your payment with Stripe just now. "+
			"If you paid, it is applied within a few minutes: your billing page will show it.")
	}
	if s.ID != o.StripeSessionID || (s.ClientReferenceID != "" && s.ClientReferenceID != strconv.FormatInt(o.ID, 10)) {
		return models.ErrNotFound
	}
	if _, err := h.fulfilSession(ctx, h.DB, s); err != nil {
		return err
	}
	return h.renderOrderPage(c, "checkout/success", "Thank you", o.ID)
}

// checkoutCancel is where Stripe sends a buyer who turned back: nothing was
// charged, and the job waits as it was.
func (h *Handler) checkoutCancel(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Query("order"), 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	o, err := models.OrderByID(c.UserContext(), h.DB, id)
	if err != nil {
		return err
	}
	if err := h.ownOrder(c, o); err != nil {
		return err
	}
	return h.renderOrderPage(c, "checkout/cancel", "Payment cancelled", o.ID)
}

// renderOrderPage shows order id as it stands now, with its job if any.
func (h *Handler) renderOrderPage(c *fiber.Ctx, view, title string, id int64) error {
	ctx := c.UserContext()
	o, err := models.OrderByID(ctx, h.DB, id)
	if err != nil {
		return err
	}
	var j *models.Job // nil when the order has no job, or it was deleted
	if o.JobID != 0 {
		switch found, err := models.JobByID(ctx, h.DB, o.JobID); {
		case err == nil:
			j = found
		case !errors.Is(err, models.ErrNotFound):
			return err
		}
	}
	return h.render(c, fiber.StatusOK, view, title, nil, checkoutResultPage{
		Order: o, Job: j, Paid: o.Status == models.OrderPaid, Amount: models.PriceText(o.AmountCents, o.Currency)})
}

// upgradeJob makes a live standard job featured for the rest of its period,
// once paid. Without payments it is refused: featuring is what is sold, so
// it is not given away on a server that cannot take payment.
func (h *Handler) upgradeJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	switch {
	case !h.paymentsEnabled():
		return fail(fiber.StatusConflict, "Upgrading a job to featured needs online payment, which is not set up on this server.")
	case !j.Upgradable(h.now()):
		return fail(fiber.StatusConflict, "Only a live standard job can be upgraded to featured.")
	}
	return h.checkout(c, h.jobPurchase(models.OrderUpgrade, j))
}
