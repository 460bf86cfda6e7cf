package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Order kinds and statuses.
const (
	OrderPosting = "posting" // a new or relisted job: pending_payment → review
	OrderRenewal = "renewal" // 30 more days for a live job
	OrderUpgrade = "upgrade" // standard → featured for the rest of the posting
	OrderPro     = "pro"     // the Pro subscription

	OrderPending  = "pending"
	OrderPaid     = "paid"
	OrderRefunded = "refunded"
	OrderExpired  = "expired"
	OrderFailed   = "failed"
)

// Order is one purchase. Its amount comes from the server's prices.
type Order struct {
	bun.BaseModel `bun:"table:orders"`

	ID                    int64     `bun:"id,pk,autoincrement"`
	Kind                  string    `bun:"kind"`
	Plan                  string    `bun:"plan"`
	JobID                 int64     `bun:"job_id,nullzero"`
	CompanyID             int64     `bun:"company_id,nullzero"`
	BuyerID               int64     `bun:"buyer_id,nullzero"`
	AmountCents           int64     `bun:"amount_cents"`
	Currency              string    `bun:"currency"`
	Status                string    `bun:"status"`
	StripeSessionID       string    `bun:"stripe_session_id,nullzero"`
	StripePaymentIntentID string    `bun:"stripe_payment_intent_id,nullzero"`
	StripeSubscriptionID  string    `bun:"stripe_subscription_id,nullzero"`
	ReceiptURL            string    `bun:"receipt_url"`
	DisputedAt            time.Time `bun:"disputed_at,nullzero"`
	PaidAt                time.Time `bun:"paid_at,nullzero"`
	RefundedAt            time.Time `bun:"refunded_at,nullzero"`
	CreatedAt             time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt             time.Time `bun:"updated_at,nullzero,default:now()"`
}

// CreateOrder stores a pending order.
func CreateOrder(ctx context.Context, db bun.IDB, o *Order) error {
	o.Status = OrderPending
	_, err := db.NewInsert().Model(o).ExcludeColumn("id", "created_at", "updated_at").
		Returning("id, created_at, updated_at").Exec(ctx)
	return err
}

// OrderByID returns the order or ErrNotFound.
func OrderByID(ctx context.Context, db bun.IDB, id int64) (*Order, error) {
	o := new(Order)
	err := db.NewSelect().Model(o).Where("id = ?", id).Scan(ctx)
	return o, notFound(err)
}

// SetOrderSession records the Checkout Session created for an order.
func SetOrderSession(ctx context.Context, db bun.IDB, orderID int64, sessionID string) error {
	_, err := db.NewUpdate().Model((*Order)(nil)).Set("stripe_session_id = ?", sessionID).
		Set("updated_at = now()").Where("id = ?", orderID).Exec(ctx)
	return err
}

// DiscardOrder deletes a pending order that never got a Checkout Session:
// Stripe refused to open one, so nothing can have been paid on it.
func DiscardOrder(ctx context.Context, db bun.IDB, id int64) error {
	_, err := db.NewDelete().Model((*Order)(nil)).
		Where("id = ? AND status = ? AND stripe_session_id IS NULL", id, OrderPending).Exec(ctx)
	return err
}

// DeleteUnopenedOrders deletes pending orders left without a Checkout Session
// for an hour: their process stopped between making the order and Stripe's
// answer.
func DeleteUnopenedOrders(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewDelete().Model((*Order)(nil)).
		Where("status = ? AND stripe_session_id IS NULL AND created_at < now() - interval '1 hour'", OrderPending).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
