package handlers

import (
	"context"

	"github.com/stripe/stripe-go/v76"
	"github.com/uptrace/bun"
)

// FulfilSession lets the webhook tests call fulfilSession the way the
// success page does, without a Stripe server.
func (h *Handler) FulfilSession(ctx context.Context, db bun.IDB, s *stripe.CheckoutSession) (bool, error) {
	return h.fulfilSession(ctx, db, s)
}
