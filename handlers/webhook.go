package handlers

import (
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stripe/stripe-go/v76"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// stripeEvents are the webhook events we act on (configure the endpoint to
// send these; others are acknowledged and ignored). Each runs inside the
// transaction that records the event.
var stripeEvents = map[stripe.EventType]func(h *Handler, ctx context.Context, tx bun.Tx, ev stripe.Event) error{
	// completed is unpaid for delayed methods (bank debits): the order waits
	// for async_payment_succeeded or _failed. fulfilSession checks.
	"checkout.session.completed":               (*Handler).onSessionPaid,
	"checkout.session.async_payment_succeeded": (*Handler).onSessionPaid,
	"checkout.session.async_payment_failed":    (*Handler).onSessionFailed,
	"checkout.session.expired":                 (*Handler).onSessionExpired,
	"charge.refunded":                          (*Handler).onChargeRefunded,
	"charge.dispute.created":                   (*Handler).onDisputeCreated,
	"customer.subscription.created":            (*Handler).onSubscription,
	"customer.subscription.updated":            (*Handler).onSubscription,
	"customer.subscription.deleted":            (*Handler).onSubscription,
	"invoice.payment_failed":                   (*Handler).onInvoiceFailed,
}

// stripeWebhook receives Stripe's events. The signature (and its age) is
// checked on the raw body; a bad one is refused with 400 and touches
// nothing. Then, in one transaction, the event id is recorded and the event
// applied: a redelivered event finds its id and changes nothing, and an
// error answers 500 and rolls the id back, so Stripe's retry runs it again.
// Emails are queued in the same transaction, never sent from here.
func (h *Handler) stripeWebhook(c *fiber.Ctx) error {
	body := append([]byte(nil), c.Body()...) // Fiber reuses its buffer
	ev, err := h.Pay.Event(body, c.Get("Stripe-Signature"))
	if errors.Is(err, models.ErrPaymentsOff) {
		return fiber.ErrNotFound
	}
	if err != nil || ev.Data == nil {
		h.counters().Webhook("unverified", "rejected")
		return fail(fiber.StatusBadRequest, "This event's signature could not be verified.")
	}
	outcome := "ignored"
	err = h.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
		fresh, err := models.RecordStripeEvent(ctx, tx, ev.ID, string(ev.Type))
		if err != nil || !fresh {
			outcome = "duplicate"
			return err
		}
		if apply, ok := stripeEvents[ev.Type]; ok {
			outcome = "applied"
			return apply(h, ctx, tx, ev)
		}
		return nil
	})
	if err != nil {
		h.counters().Webhook(string(ev.Type), "failed")
		return err
	}
	h.counters().Webhook(string(ev.Type), outcome)
	return c.SendStatus(fiber.StatusOK)
}

// fulfilSession applies a paid Checkout Session to its order, at most once,
// and queues the buyer's confirmation with it (email.Mail.FulfilOrder). The webhook
// and the success page both call it; it reports whether this call fulfilled
// the order. An unpaid session, or one that is not for one of our orders,
// changes nothing.
func (h *Handler) fulfilSession(ctx context.Context, db bun.IDB, s *stripe.CheckoutSession) (bool, error) {
	if s.PaymentStatus != stripe.CheckoutSessionPaymentStatusPaid &&
		s.PaymentStatus != stripe.CheckoutSessionPaymentStatusNoPaymentRequired {
		return false, nil
	}
	id, err := sessionOrder(ctx, db, s)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	paid := models.PaidCheckout{SessionID: s.ID, ReceiptURL: sessionReceipt(s)}
	if s.PaymentIntent != nil {
		paid.PaymentIntentID = s.PaymentIntent.ID
	}
	if s.Subscription != nil {
		paid.SubscriptionID = s.Subscription.ID
	}
	if s.Customer != nil {
		paid.CustomerID = s.Customer.ID
	}
	fulfilled, err := h.Mail.FulfilOrder(ctx, db, id, paid, h.now())
	if errors.Is(err, models.ErrNotFound) { // names an order we do not have
		return false, nil
	}
	return fulfilled, err
}

// sessionOrder finds our order for a session: the id we gave Stripe as
// client_reference_id, else in its metadata, else by the session's own id.
func sessionOrder(ctx context.Context, db bun.IDB, s *stripe.CheckoutSession) (int64, error) {
	for _, ref := range []string{s.ClientReferenceID, s.Metadata["order_id"]} {
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
			return id, nil
		}
	}
	o, err := models.OrderBySession(ctx, db, s.ID)
	if err != nil {
		return 0, err
	}
	return o.ID, nil
}

// sessionReceipt is the receipt's address when Stripe sent the charge along
// (an expanded payment intent); otherwise Stripe's own receipt email has it.
func sessionReceipt(s *stripe.CheckoutSession) string {
	if s.PaymentIntent != nil && s.PaymentIntent.LatestCharge != nil {
		return s.PaymentIntent.LatestCharge.ReceiptURL
	}
	return ""
}
