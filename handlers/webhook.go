package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/stripe/stripe-go/v76"
	"github.com/uptrace/bun"
)

// stripeWebhook is not built yet.
func (h *Handler) stripeWebhook(c *fiber.Ctx) error { return fiber.ErrNotFound }

// fulfilSession applies a paid Checkout Session to its order, at most once.
// The webhook and the success page both call it. Not built yet.
func (h *Handler) fulfilSession(ctx context.Context, db bun.IDB, s *stripe.CheckoutSession) (bool, error) {
	return false, nil
}
