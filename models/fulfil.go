package models

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// PaidCheckout is what Stripe tells us about a paid Checkout Session; empty
// fields are left as they were.
type PaidCheckout struct {
	SessionID       string
	PaymentIntentID string
	SubscriptionID  string
	CustomerID      string
	ReceiptURL      string
}

// FulfilOrder records an order as paid and delivers what it bought, in one
// transaction and at most once: the webhook and the success page may both
// call it, at the same moment, any number of times. The order row is locked;
// only a pending order (or a failed one: an async payment may fail and then
// be retried and succeed; or an expired one: a session's expiry may be
// delivered before its payment) is fulfilled, and the function reports
// whether this call did it. A refunded order is never fulfilled, so a refund recorded
// before its payment wins.
//
// What is delivered, by kind:
//   - posting: the job leaves pending_payment for review, or goes live at
//     once for a trusted company (featured for the whole period on the
//     featured plan);
//   - renewal: 30 more days (see RenewPaidJob);
//   - upgrade: featured until the job expires (see FeatureJob);
//   - pro: the buyer's plan becomes Pro, with their Stripe customer and
//     subscription stored.
//
// When the job no longer wants what was bought (paid twice, closed or
// relisted meanwhile) the job is left alone and the order still becomes paid:
// admins see it on the payments page and refund it.
func FulfilOrder(ctx context.Context, db bun.IDB, orderID int64, paid PaidCheckout, now time.Time) (bool, error) {
	fulfilled := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		o, err := lockOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if o.Status != OrderPending && o.Status != OrderFailed && o.Status != OrderExpired {
			return nil
		}
		if err := deliverOrder(ctx, tx, o, paid, now); err != nil {
			return err
		}
		o.Status, o.PaidAt, o.UpdatedAt = OrderPaid, now, now
		setIfEmpty := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		setIfEmpty(&o.StripeSessionID, paid.SessionID)
		setIfEmpty(&o.StripePaymentIntentID, paid.PaymentIntentID)
		setIfEmpty(&o.StripeSubscriptionID, paid.SubscriptionID)
		setIfEmpty(&o.ReceiptURL, paid.ReceiptURL)
		_, err = tx.NewUpdate().Model(o).Column("status", "paid_at", "updated_at", "stripe_session_id",
			"stripe_payment_intent_id", "stripe_subscription_id", "receipt_url").WherePK().Exec(ctx)
		fulfilled = err == nil
		return err
	})
	return fulfilled, err
}

// lockOrder reads an order and holds its row until the transaction ends, so
// the webhook, the success page and a refund take their turns.
func lockOrder(ctx context.Context, tx bun.IDB, id int64) (*Order, error) {
	return lockByID[Order](ctx, tx, id)
}

// deliverOrder gives the buyer what the order bought.
func deliverOrder(ctx context.Context, tx bun.Tx, o *Order, paid PaidCheckout, now time.Time) error {
	var err error
	switch o.Kind {
	case OrderPro:
		return makePro(ctx, tx, o.BuyerID, paid.CustomerID, paid.SubscriptionID)
	case OrderPosting:
		if o.JobID != 0 {
			_, err = PayJob(ctx, tx, o.JobID, now)
		}
	case OrderRenewal:
		if o.JobID != 0 {
			_, err = RenewPaidJob(ctx, tx, o.JobID, now)
		}
	case OrderUpgrade:
		if o.JobID != 0 {
			_, err = FeatureJob(ctx, tx, o.JobID, now)
		}
	}
	if errors.Is(err, ErrInvalidTransition) || errors.Is(err, ErrNotFound) {
		return nil // the job does not want it any more: see FulfilOrder
	}
	return err
}

// makePro turns a buyer's plan to Pro and remembers their Stripe customer
// (the portal and subscription events find them by it).
func makePro(ctx context.Context, tx bun.IDB, userID int64, customerID, subscriptionID string) error {
	if userID == 0 { // the account was deleted meanwhile
		return nil
	}
	// The subscription's end may have arrived before its checkout: the
	// purchase is recorded, but Pro stays off.
	if ended, err := SubscriptionEnded(ctx, tx, subscriptionID); err != nil || ended {
		return err
	}
	_, err := tx.NewUpdate().Model((*User)(nil)).Set("plan = ?", PlanPro).
		Set("stripe_customer_id = COALESCE(NULLIF(?, ''), stripe_customer_id)", customerID).
		Set("pro_subscription_id = COALESCE(NULLIF(?, ''), pro_subscription_id)", subscriptionID).
		Set("updated_at = now()").Where("id = ?", userID).Exec(ctx)
	return err
}
