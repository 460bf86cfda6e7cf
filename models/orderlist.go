package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// OrderLine is an order with the names the billing and payments pages show.
// Job, company and buyer may be gone (their columns are set null).
type OrderLine struct {
	Order `bun:",extend"`

	JobTitle    string `bun:"job_title"`
	CompanyName string `bun:"company_name"`
	BuyerEmail  string `bun:"buyer_email"`
}

// Disputed reports an order whose payment the buyer's bank is disputing.
func (o *Order) Disputed() bool { return !o.DisputedAt.IsZero() }

// Refundable reports an order an admin may refund through Stripe: paid, with
// the payment it was paid by.
func (o *Order) Refundable() bool { return o.Status == OrderPaid && o.StripePaymentIntentID != "" }

// orderLines selects orders with the title of their job, the name of their
// company and the email of their buyer, newest first.
func orderLines(db bun.IDB, lines *[]OrderLine) *bun.SelectQuery {
	return db.NewSelect().Model(lines).ColumnExpr("?TableAlias.*").
		ColumnExpr("coalesce(j.title, '') AS job_title, coalesce(co.name, '') AS company_name").
		ColumnExpr("coalesce(u.email, '') AS buyer_email").
		Join("LEFT JOIN jobs AS j ON j.id = ?TableAlias.job_id").
		Join("LEFT JOIN companies AS co ON co.id = ?TableAlias.company_id").
		Join("LEFT JOIN users AS u ON u.id = ?TableAlias.buyer_id").
		OrderExpr("?TableAlias.created_at DESC, ?TableAlias.id DESC")
}

// OrdersForMember is a user's billing history: every order of the companies
// they belong to (whoever bought it), and their own Pro orders.
func OrdersForMember(ctx context.Context, db bun.IDB, userID int64) ([]OrderLine, error) {
	var lines []OrderLine
	err := orderLines(db, &lines).
		Where("?TableAlias.company_id IN (SELECT company_id FROM company_members WHERE user_id = ?)", userID).
		WhereOr("?TableAlias.company_id IS NULL AND ?TableAlias.buyer_id = ?", userID).
		Scan(ctx)
	return lines, err
}

// AllOrders lists every order for admins, newest first, limit at a time;
// before (an order id, 0 for the newest) pages back.
func AllOrders(ctx context.Context, db bun.IDB, before, limit int64) ([]OrderLine, error) {
	var lines []OrderLine
	q := orderLines(db, &lines).Limit(limit)
	if before > 0 {
		q = q.Where("?TableAlias.id < ?", before)
	}
	return lines, q.Scan(ctx)
}

// OrderBySession returns the order a Checkout Session was created for.
func OrderBySession(ctx context.Context, db bun.IDB, sessionID string) (*Order, error) {
	o := new(Order)
	err := db.NewSelect().Model(o).Where("stripe_session_id = ?", sessionID).Scan(ctx)
	return o, notFound(err)
}

// checkoutReuse is how long an order's Checkout Session is offered again.
// Stripe keeps an idempotency key for 24 hours and a session expires after
// 24: within this window asking again with the order's key gives back the
// very same session, so an order never has two.
const checkoutReuse = "23 hours"

// OpenOrder finds the newest pending order of the same purchase by the same
// buyer (kind, job, plan and amount) whose Checkout Session is still
// offered, so paying again sends the buyer back to it instead of making a
// second one that could be paid as well.
func OpenOrder(ctx context.Context, db bun.IDB, like Order) (*Order, error) {
	o := new(Order)
	q := db.NewSelect().Model(o).
		Where("status = ? AND stripe_session_id IS NOT NULL", OrderPending).
		Where("created_at > now() - ?::interval", checkoutReuse).
		Where("kind = ? AND plan = ? AND amount_cents = ? AND currency = ? AND buyer_id = ?",
			like.Kind, like.Plan, like.AmountCents, like.Currency, like.BuyerID).
		Order("created_at DESC", "id DESC").Limit(1)
	if like.JobID == 0 {
		q = q.Where("job_id IS NULL")
	} else {
		q = q.Where("job_id = ?", like.JobID)
	}
	return o, notFound(q.Scan(ctx))
}

// Upgradable reports a live standard posting that may be made featured for
// the rest of its period.
func (j *Job) Upgradable(now time.Time) bool {
	return j.Status == JobActive && j.Plan == PlanStandard && j.ExpiresAt.After(now) && !j.Featured(now)
}
