package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/uptrace/bun"
)

// ProSubscription is a Pro subscription as a Stripe event reports it.
type ProSubscription struct {
	ID         string
	CustomerID string
	Status     string // Stripe's: active, trialing, past_due, canceled, unpaid…
	Deleted    bool   // customer.subscription.deleted
	OrderID    int64  // our Pro order, from the subscription's metadata
}

// Subscription statuses that give Pro, and those that end it. Others
// (past_due while Stripe retries the card, incomplete while the first
// payment is made) leave the plan as it is.
var (
	proStatuses  = []string{"active", "trialing"}
	freeStatuses = []string{"canceled", "unpaid", "incomplete_expired", "paused"}
)

// ApplyProSubscription sets the plan of the subscription's account: Pro
// while it is active, free once it has ended or stopped being paid. The
// account is the one holding the Stripe customer, or, when the subscription's
// event arrives before its checkout was recorded, the buyer of the Pro order
// named in its metadata (who then gets the customer id). The end of an older
// subscription does not take Pro from an account that has a newer one. It
// reports whether an account was found.
func ApplyProSubscription(ctx context.Context, db bun.IDB, s ProSubscription) (bool, error) {
	found := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := lockSubscriber(ctx, tx, s)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		q := tx.NewUpdate().Model(u).Set("updated_at = now()").WherePK()
		if u.StripeCustomer == "" && s.CustomerID != "" {
			q.Set("stripe_customer_id = ?", s.CustomerID)
		}
		current := u.ProSubscription == "" || u.ProSubscription == s.ID
		switch {
		case !s.Deleted && slices.Contains(proStatuses, s.Status):
			q.Set("plan = ?", PlanPro).Set("pro_subscription_id = ?", s.ID)
		case (s.Deleted || slices.Contains(freeStatuses, s.Status)) && current:
			q.Set("plan = ?", PlanFree)
			if s.Deleted || s.Status == "canceled" {
				q.Set("pro_subscription_id = NULL")
			}
		}
		_, err = q.Exec(ctx)
		return err
	})
	return found, err
}

func lockSubscriber(ctx context.Context, tx bun.IDB, s ProSubscription) (*User, error) {
	u := new(User)
	if s.CustomerID != "" {
		err := tx.NewSelect().Model(u).Where("stripe_customer_id = ?", s.CustomerID).For("UPDATE").Scan(ctx)
		if !errors.Is(err, sql.ErrNoRows) {
			return u, err
		}
	}
	if s.OrderID == 0 {
		return u, ErrNotFound
	}
	err := tx.NewSelect().Model(u).
		Where("id = (SELECT buyer_id FROM orders WHERE id = ? AND kind = ?)", s.OrderID, OrderPro).
		Where("stripe_customer_id IS NULL OR stripe_customer_id = ?", s.CustomerID).
		For("UPDATE").Scan(ctx)
	return u, notFound(err)
}

// UserByStripeCustomer returns the account of a Stripe customer, or
// ErrNotFound.
func UserByStripeCustomer(ctx context.Context, db bun.IDB, customerID string) (*User, error) {
	u := new(User)
	if customerID == "" {
		return u, ErrNotFound
	}
	err := db.NewSelect().Model(u).Where("stripe_customer_id = ?", customerID).Scan(ctx)
	return u, notFound(err)
}
