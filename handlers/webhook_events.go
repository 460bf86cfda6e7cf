package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// The effects of the webhook events of webhook.go, one function each. An
// event about something that is not ours (another integration on the same
// Stripe account) changes nothing and is acknowledged.

// onSessionPaid fulfils a completed or async-succeeded Checkout Session when
// it is paid.
func (h *Handler) onSessionPaid(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	var s stripe.CheckoutSession
	if err := json.Unmarshal(ev.Data.Raw, &s); err != nil {
		return err
	}
	_, err := h.fulfilSession(ctx, tx, &s)
	return err
}

// onSessionFailed marks the order of a delayed payment that failed, and tells
// the buyer they can pay again.
func (h *Handler) onSessionFailed(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	id, err := eventSessionOrder(ctx, tx, ev)
	if err != nil || id == 0 {
		return err
	}
	return h.Mail.FailOrder(ctx, tx, id, h.now())
}

// onSessionExpired marks the order of a Checkout Session left unpaid. A
// posting's job stays pending_payment: the employer pays again from the
// dashboard, which opens a new order.
func (h *Handler) onSessionExpired(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	id, err := eventSessionOrder(ctx, tx, ev)
	if err != nil || id == 0 {
		return err
	}
	_, err = models.ExpireOrder(ctx, tx, id, h.now())
	return err
}

// eventSessionOrder is the order of the event's Checkout Session; 0 when it
// is not ours.
func eventSessionOrder(ctx context.Context, tx bun.Tx, ev stripe.Event) (int64, error) {
	var s stripe.CheckoutSession
	if err := json.Unmarshal(ev.Data.Raw, &s); err != nil {
		return 0, err
	}
	id, err := sessionOrder(ctx, tx, &s)
	if errors.Is(err, models.ErrNotFound) {
		return 0, nil
	}
	return id, err
}

// onChargeRefunded records a full refund (from the admin payments page or
// Stripe's dashboard): the order is refunded and its job taken down. A
// partial refund is a gesture that leaves the purchase standing.
func (h *Handler) onChargeRefunded(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	var ch stripe.Charge
	if err := json.Unmarshal(ev.Data.Raw, &ch); err != nil {
		return err
	}
	if !ch.Refunded || ch.PaymentIntent == nil {
		return nil
	}
	// The payment intent's metadata (our order id) is copied to its charge.
	orderID, _ := strconv.ParseInt(ch.Metadata["order_id"], 10, 64)
	return h.Mail.RefundOrder(ctx, tx, ch.PaymentIntent.ID, orderID, h.now())
}

// onDisputeCreated flags the disputed order and tells the admins, who answer
// the dispute in Stripe's dashboard.
func (h *Handler) onDisputeCreated(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	var d stripe.Dispute
	if err := json.Unmarshal(ev.Data.Raw, &d); err != nil {
		return err
	}
	pi := ""
	if d.PaymentIntent != nil {
		pi = d.PaymentIntent.ID
	}
	return h.Mail.DisputeOrder(ctx, tx, pi, h.now())
}

// onSubscription follows a Pro subscription: Pro while it is active, free
// once it ends or stops being paid.
func (h *Handler) onSubscription(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	var sub stripe.Subscription
	if err := json.Unmarshal(ev.Data.Raw, &sub); err != nil {
		return err
	}
	s := models.ProSubscription{ID: sub.ID, Status: string(sub.Status),
		Deleted: ev.Type == "customer.subscription.deleted", EventAt: time.Unix(ev.Created, 0)}
	if sub.Customer != nil {
		s.CustomerID = sub.Customer.ID
	}
	s.OrderID, _ = strconv.ParseInt(sub.Metadata["order_id"], 10, 64)
	_, err := models.ApplyProSubscription(ctx, tx, s)
	return err
}

// onInvoiceFailed tells a Pro subscriber that a renewal payment failed;
// Stripe retries the card, and the plan follows the subscription's status.
func (h *Handler) onInvoiceFailed(ctx context.Context, tx bun.Tx, ev stripe.Event) error {
	var in stripe.Invoice
	if err := json.Unmarshal(ev.Data.Raw, &in); err != nil {
		return err
	}
	if in.Customer == nil {
		return nil
	}
	if in.Subscription != nil { // a late invoice of a subscription that has ended
		if ended, err := models.SubscriptionEnded(ctx, tx, in.Subscription.ID); err != nil || ended {
			return err
		}
	}
	u, err := invoiceBuyer(ctx, tx, &in)
	if err != nil || u == nil {
		return err
	}
	return h.Mail.TellInvoiceFailed(ctx, tx, u, in.AmountDue, string(in.Currency), in.HostedInvoiceURL)
}

// invoiceBuyer is the account an invoice is for: the holder of its Stripe
// customer, or, when the invoice arrives before any other event of its
// subscription, the buyer of the Pro order named in the subscription's
// metadata. nil when it is not ours.
func invoiceBuyer(ctx context.Context, tx bun.Tx, in *stripe.Invoice) (*models.User, error) {
	u, err := models.UserByStripeCustomer(ctx, tx, in.Customer.ID)
	if !errors.Is(err, models.ErrNotFound) {
		return u, err
	}
	if in.SubscriptionDetails == nil {
		return nil, nil
	}
	orderID, _ := strconv.ParseInt(in.SubscriptionDetails.Metadata["order_id"], 10, 64)
	if orderID == 0 {
		return nil, nil
	}
	n, err := models.NoticeForOrder(ctx, tx, orderID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && n.Order.Kind != models.OrderPro) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return n.Buyer, nil
}
