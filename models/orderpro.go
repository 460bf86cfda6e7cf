package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/uptrace/bun"
)

// ProSubscription is a Pro subscription as a Stripe event reports it.
type ProSubscription struct {
	ID         string
	CustomerID string
	Status     string    // Stripe's: active, trialing, past_due, canceled, unpaid…
	Deleted    bool      // customer.subscription.deleted
	OrderID    int64     // our Pro order, from the subscription's metadata
	EventAt    time.Time // the event's `created`: which of two events is newer
}

// Subscription statuses that give Pro (past_due: Stripe is still retrying
// the card), and those that end it. incomplete (the first payment is being
// made) leaves the plan as it is.
var (
	proStatuses  = []string{"active", "trialing", "past_due"}
	freeStatuses = []string{"canceled", "unpaid", "incomplete_expired", "paused"}
)

// ApplyProSubscription sets the plan of the subscription's account from
// Stripe's latest word on it: Pro while it is active, free once it has ended
// or stopped being paid. Events may arrive in any order, so an event older
// than the last one applied to the subscription changes nothing, and a
// deleted subscription stays deleted. The account is the one holding the
// Stripe customer, or, when the subscription's event arrives before its
// checkout was recorded, the buyer of the Pro order named in its metadata
// (who then gets the customer id). The end of an older subscription does not
// take Pro from an account that has a newer one. It reports whether the
// event was applied to an account.
func ApplyProSubscription(ctx context.Context, db bun.IDB, s ProSubscription) (bool, error) {
	applied := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		fresh, err := recordSubscriptionEvent(ctx, tx, s)
		if err != nil || !fresh {
			return err
		}
		u, err := lockSubscriber(ctx, tx, s)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		applied = true
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
	return applied, err
}

// recordSubscriptionEvent stores the subscription's state from an event and
// reports whether the event is the newest seen (ties go to the later
// arrival). A deleted subscription keeps its end whatever arrives after.
func recordSubscriptionEvent(ctx context.Context, tx bun.IDB, s ProSubscription) (bool, error) {
	var ids []string
	err := tx.NewRaw(`INSERT INTO stripe_subscriptions AS s (id, status, ended, event_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, ended = EXCLUDED.ended,
			event_at = EXCLUDED.event_at, updated_at = now()
		WHERE NOT s.ended AND s.event_at <= EXCLUDED.event_at
		RETURNING id`, s.ID, s.Status, s.Deleted, s.EventAt).Scan(ctx, &ids)
	return len(ids) == 1, err
}

// SubscriptionEnded reports whether Stripe has told us that a subscription
// ended or stopped being paid; a checkout or an invoice about it arriving
// late must not turn Pro back on or ask for a card again.
func SubscriptionEnded(ctx context.Context, db bun.IDB, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	return db.NewSelect().Table("stripe_subscriptions").
		Where("id = ? AND (ended OR status IN (?))", id, bun.In(freeStatuses)).Exists(ctx)
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
