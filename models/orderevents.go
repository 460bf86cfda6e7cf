package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// What Stripe's webhook events do to orders. Each function changes one order
// at most once, so events delivered twice, late or out of order end in the
// same place.

// RecordStripeEvent stores a webhook event's id and reports whether it is
// new. Call it in the transaction of the event's effect: a redelivered event
// (false) must change nothing, and a failed effect rolls the id back so
// Stripe's retry runs it again. Concurrent deliveries of one event wait for
// the first to commit, then see it recorded.
func RecordStripeEvent(ctx context.Context, db bun.IDB, id, eventType string) (bool, error) {
	res, err := db.NewRaw(`INSERT INTO stripe_events (id, type) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
		id, eventType).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ExpireOrder marks a pending order whose Checkout Session expired unpaid.
// Its job stays pending_payment, so the employer can pay again.
func ExpireOrder(ctx context.Context, db bun.IDB, id int64, now time.Time) (bool, error) {
	return moveOrder(ctx, db, id, OrderExpired, now, OrderPending)
}

// FailOrder marks a pending order whose delayed payment (a bank debit, say)
// failed. A later success still fulfils it.
func FailOrder(ctx context.Context, db bun.IDB, id int64, now time.Time) (bool, error) {
	return moveOrder(ctx, db, id, OrderFailed, now, OrderPending)
}

func moveOrder(ctx context.Context, db bun.IDB, id int64, to string, now time.Time, from ...string) (bool, error) {
	res, err := db.NewUpdate().Model((*Order)(nil)).Set("status = ?", to).Set("updated_at = ?", now).
		Where("id = ? AND status IN (?)", id, bun.In(from)).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RefundOrder records the full refund of a payment and takes down the job it
// paid for (posting, renewal or upgrade; a job already closed stays as it
// is). The order is found by its payment intent or, when the refund arrives
// before the payment was recorded, by the order id Stripe copied into the
// charge's metadata; it then stays refunded, because FulfilOrder never
// fulfils a refunded order. Pro is not touched: the subscription's own
// events decide the plan. It returns the order (nil when it is not ours)
// and whether this call refunded it.
func RefundOrder(ctx context.Context, db bun.IDB, paymentIntentID string, orderID int64, now time.Time) (*Order, bool, error) {
	var o *Order
	refunded := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if o, err = lockOrderByPayment(ctx, tx, paymentIntentID, orderID); err != nil || o.Status == OrderRefunded {
			return err
		}
		o.Status, o.RefundedAt, o.UpdatedAt = OrderRefunded, now, now
		if o.StripePaymentIntentID == "" {
			o.StripePaymentIntentID = paymentIntentID
		}
		_, err = tx.NewUpdate().Model(o).Column("status", "refunded_at", "updated_at", "stripe_payment_intent_id").
			WherePK().Exec(ctx)
		if err != nil {
			return err
		}
		refunded = true
		if o.Kind == OrderPro || o.JobID == 0 {
			return nil
		}
		_, err = WithdrawRefundedJob(ctx, tx, o.JobID, now)
		if errors.Is(err, ErrInvalidTransition) {
			return nil
		}
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	return o, refunded, err
}

// lockOrderByPayment finds and locks the order of a payment intent, falling
// back to orderID for an order that has no payment intent recorded yet.
func lockOrderByPayment(ctx context.Context, tx bun.IDB, paymentIntentID string, orderID int64) (*Order, error) {
	o := new(Order)
	if paymentIntentID != "" {
		err := tx.NewSelect().Model(o).Where("stripe_payment_intent_id = ?", paymentIntentID).
			Order("id").Limit(1).For("UPDATE").Scan(ctx)
		if !errors.Is(err, sql.ErrNoRows) {
			return o, err
		}
	}
	if orderID == 0 {
		return o, ErrNotFound
	}
	err := tx.NewSelect().Model(o).Where("id = ?", orderID).
		Where("stripe_payment_intent_id IS NULL OR stripe_payment_intent_id = ?", paymentIntentID).
		For("UPDATE").Scan(ctx)
	return o, notFound(err)
}

// DisputeOrder flags the order of a disputed payment for admins (it shows on
// the payments page). It returns the order (nil when it is not ours) and
// whether this call flagged it.
func DisputeOrder(ctx context.Context, db bun.IDB, paymentIntentID string, now time.Time) (*Order, bool, error) {
	o := new(Order)
	if paymentIntentID == "" {
		return nil, false, nil
	}
	res, err := db.NewUpdate().Model(o).Set("disputed_at = ?", now).Set("updated_at = ?", now).
		Where("stripe_payment_intent_id = ? AND disputed_at IS NULL", paymentIntentID).
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, false, err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return o, true, nil
	}
	err = db.NewSelect().Model(o).Where("stripe_payment_intent_id = ?", paymentIntentID).Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return o, false, err
}

// OrderNotice is what an email about an order needs.
type OrderNotice struct {
	Order *Order
	Buyer *User // nil when the account is gone
	Job   *Job  // nil for Pro, or when the job is gone
}

// NoticeForOrder loads an order with its buyer and job.
func NoticeForOrder(ctx context.Context, db bun.IDB, id int64) (*OrderNotice, error) {
	o, err := OrderByID(ctx, db, id)
	if err != nil {
		return nil, err
	}
	n := &OrderNotice{Order: o}
	if o.BuyerID != 0 {
		if n.Buyer, err = UserByID(ctx, db, o.BuyerID); err != nil {
			n.Buyer = nil
			if !errors.Is(err, ErrNotFound) {
				return nil, err
			}
		}
	}
	if o.JobID != 0 {
		if n.Job, err = JobByID(ctx, db, o.JobID); err != nil {
			n.Job = nil
			if !errors.Is(err, ErrNotFound) {
				return nil, err
			}
		}
	}
	return n, nil
}

// OrderAlertRecipients are the addresses told about disputed payments: the
// admins'.
func OrderAlertRecipients(ctx context.Context, db bun.IDB) ([]string, error) {
	var emails []string
	err := db.NewSelect().Model((*User)(nil)).Column("email").Where("is_admin").Order("id").Scan(ctx, &emails)
	return emails, err
}

// DeleteOldStripeEvents forgets handled event ids after 30 days: Stripe
// stops retrying an event after three.
func DeleteOldStripeEvents(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewRaw(`DELETE FROM stripe_events WHERE received_at < now() - interval '30 days'`).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
