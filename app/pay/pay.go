// Package pay talks to Stripe: Checkout Sessions for postings and Pro,
// refunds, the customer portal, and webhook signature checks. One client per
// process, built from config, so tests point it at stripe-mock; no library
// globals are touched.
package pay

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
	"github.com/stripe/stripe-go/v76/webhook"

	"careercenter/models"
)

// ErrOff is returned by every call when Stripe is not configured.
var ErrOff = models.ErrPaymentsOff

// CheckoutRequest is one purchase to send to Stripe's hosted page.
type CheckoutRequest = models.CheckoutRequest

// Checkout is the session Stripe created.
type Checkout = models.Checkout

// Stripe is the real client; its zero value (no key) is off.
type Stripe struct {
	api           *client.API
	webhookSecret string
}

// New builds the client. apiURL is empty in production.
func New(secretKey, webhookSecret, apiURL string) *Stripe {
	if secretKey == "" {
		return &Stripe{}
	}
	quiet := &stripe.LeveledLogger{Level: stripe.LevelNull}
	backends := &stripe.Backends{
		API: stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{URL: stripe.String(apiURL),
			LeveledLogger: quiet}),
		Connect: stripe.GetBackend(stripe.ConnectBackend),
		Uploads: stripe.GetBackend(stripe.UploadsBackend),
	}
	if apiURL == "" {
		backends.API = stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{LeveledLogger: quiet})
	}
	return &Stripe{api: client.New(secretKey, backends), webhookSecret: webhookSecret}
}

// Enabled reports whether payments are on.
func (s *Stripe) Enabled() bool { return s.api != nil }

// Checkout creates a Checkout Session for an order, with an idempotency key
// derived from the order so a retried submit never makes a second session.
func (s *Stripe) Checkout(ctx context.Context, r CheckoutRequest) (Checkout, error) {
	if !s.Enabled() {
		return Checkout{}, ErrOff
	}
	order := strconv.FormatInt(r.OrderID, 10)
	price := &stripe.CheckoutSessionLineItemPriceDataParams{
		Currency:    stripe.String(r.Currency),
		UnitAmount:  stripe.Int64(r.AmountCents),
		ProductData: &stripe.CheckoutSessionLineItemPriceDataProductDataParams{Name: stripe.String(r.Name)},
	}
	p := &stripe.CheckoutSessionParams{
		Mode:              stripe.String(string(stripe.CheckoutSessionModePayment)),
		ClientReferenceID: stripe.String(order),
		SuccessURL:        stripe.String(r.SuccessURL),
		CancelURL:         stripe.String(r.CancelURL),
		LineItems:         []*stripe.CheckoutSessionLineItemParams{{PriceData: price, Quantity: stripe.Int64(1)}},
	}
	p.Context = ctx
	p.AddMetadata("order_id", order)
	if r.Subscription {
		p.Mode = stripe.String(string(stripe.CheckoutSessionModeSubscription))
		price.Recurring = &stripe.CheckoutSessionLineItemPriceDataRecurringParams{Interval: stripe.String("month")}
		p.SubscriptionData = &stripe.CheckoutSessionSubscriptionDataParams{
			Metadata: map[string]string{"order_id": order}}
	} else {
		p.PaymentIntentData = &stripe.CheckoutSessionPaymentIntentDataParams{
			Metadata: map[string]string{"order_id": order}}
	}
	if r.CustomerID != "" {
		p.Customer = stripe.String(r.CustomerID)
	} else if r.Email != "" {
		p.CustomerEmail = stripe.String(r.Email)
	}
	p.SetIdempotencyKey("checkout-order-" + order)
	sess, err := s.api.CheckoutSessions.New(p)
	if err != nil {
		return Checkout{}, err
	}
	return Checkout{SessionID: sess.ID, URL: sess.URL}, nil
}

// Session fetches a Checkout Session (the success page asks Stripe rather
// than trusting the browser), with its payment intent expanded.
func (s *Stripe) Session(ctx context.Context, id string) (*stripe.CheckoutSession, error) {
	if !s.Enabled() {
		return nil, ErrOff
	}
	p := &stripe.CheckoutSessionParams{}
	p.Context = ctx
	p.AddExpand("payment_intent.latest_charge")
	return s.api.CheckoutSessions.Get(id, p)
}

// Refund refunds a payment in full. The order changes state when the
// charge.refunded webhook arrives.
func (s *Stripe) Refund(ctx context.Context, paymentIntentID string, orderID int64) error {
	if !s.Enabled() {
		return ErrOff
	}
	p := &stripe.RefundParams{PaymentIntent: stripe.String(paymentIntentID)}
	p.Context = ctx
	p.AddMetadata("order_id", strconv.FormatInt(orderID, 10))
	p.SetIdempotencyKey("refund-order-" + strconv.FormatInt(orderID, 10))
	_, err := s.api.Refunds.New(p)
	return err
}

// PortalURL opens Stripe's customer portal for managing Pro.
func (s *Stripe) PortalURL(ctx context.Context, customerID, returnURL string) (string, error) {
	if !s.Enabled() {
		return "", ErrOff
	}
	p := &stripe.BillingPortalSessionParams{Customer: stripe.String(customerID), ReturnURL: stripe.String(returnURL)}
	p.Context = ctx
	sess, err := s.api.BillingPortalSessions.New(p)
	if err != nil {
		return "", err
	}
	return sess.URL, nil
}

// Event checks a webhook's signature (and its time: at most 5 minutes off) and
// parses it. The endpoint must be configured at API version 2023-10-16.
func (s *Stripe) Event(payload []byte, signature string) (stripe.Event, error) {
	if s.webhookSecret == "" {
		return stripe.Event{}, ErrOff
	}
	ev, err := webhook.ConstructEvent(payload, signature, s.webhookSecret)
	if err != nil {
		return ev, err
	}
	// The library refuses old signatures only; one dated ahead of our clock
	// by more than the same 5 minutes is refused too.
	if at, ok := signedAt(signature); !ok || at.After(time.Now().Add(webhook.DefaultTolerance)) {
		return stripe.Event{}, ErrFutureSignature
	}
	return ev, nil
}

// ErrFutureSignature refuses a webhook signed later than now.
var ErrFutureSignature = errors.New("pay: webhook signed in the future")

// signedAt is the time in a Stripe-Signature header ("t=…,v1=…").
func signedAt(header string) (time.Time, bool) {
	for _, part := range strings.Split(header, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "t="); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			return time.Unix(n, 0), err == nil
		}
	}
	return time.Time{}, false
}
