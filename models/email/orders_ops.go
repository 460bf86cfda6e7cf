package email

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// The order changes that Stripe's events and the checkout's success page
// bring, each with the email it causes, in one transaction: the email is
// queued only if the change commits, and each change happens once (the
// order row is locked and its status checked), so its email is queued once.

// FulfilOrder applies a paid checkout to order id at most once and queues
// the buyer's confirmation; it reports whether this call fulfilled it.
// models.ErrNotFound means the order is not ours.
func (m *Mail) FulfilOrder(ctx context.Context, db bun.IDB, id int64, paid models.PaidCheckout, now time.Time) (bool, error) {
	fulfilled := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ok, err := models.FulfilOrder(ctx, tx, id, paid, now)
		if err != nil || !ok {
			return err
		}
		fulfilled = true
		return m.tellBuyer(ctx, tx, id, m.OrderPaid, now)
	})
	return fulfilled, err
}

// FailOrder marks the order of a delayed payment that failed and tells the
// buyer they can pay again.
func (m *Mail) FailOrder(ctx context.Context, db bun.IDB, id int64, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		failed, err := models.FailOrder(ctx, tx, id, now)
		if err != nil || !failed {
			return err
		}
		return m.tellBuyer(ctx, tx, id, m.OrderPaymentFailed, now)
	})
}

// RefundOrder records a full refund (see models.RefundOrder) and tells the
// buyer of a posting; a Pro refund ends the subscription, which says enough.
func (m *Mail) RefundOrder(ctx context.Context, db bun.IDB, paymentIntentID string, orderID int64, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		o, refunded, err := models.RefundOrder(ctx, tx, paymentIntentID, orderID, now)
		if err != nil || !refunded || o.Kind == models.OrderPro {
			return err
		}
		return m.tellBuyer(ctx, tx, o.ID, m.JobRefunded, now)
	})
}

// DisputeOrder flags the order of a disputed payment and emails every
// admin: the dispute is answered in Stripe's dashboard.
func (m *Mail) DisputeOrder(ctx context.Context, db bun.IDB, paymentIntentID string, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		o, flagged, err := models.DisputeOrder(ctx, tx, paymentIntentID, now)
		if err != nil || !flagged {
			return err
		}
		return m.tellAdminsOfDispute(ctx, tx, o.ID)
	})
}

// TellInvoiceFailed tells a Pro subscriber that a renewal's payment of
// cents failed; invoice is Stripe's page for it ("" for the account page).
func (m *Mail) TellInvoiceFailed(ctx context.Context, db bun.IDB, buyer *models.User, cents int64, currency, invoice string) error {
	e, err := m.InvoiceFailed(buyer, models.OrderWhat(models.OrderPro, models.PlanPro), models.PriceText(cents, currency), invoice)
	if err != nil {
		return err
	}
	return m.Queue(ctx, db, e)
}

// tellBuyer queues an email about order id to its buyer, in tx. Nobody is
// told when the account is gone.
func (m *Mail) tellBuyer(ctx context.Context, tx bun.IDB, id int64,
	build func(buyer *models.User, f OrderFacts) (Email, error), now time.Time) error {
	n, err := models.NoticeForOrder(ctx, tx, id)
	if err != nil || n.Buyer == nil {
		return err
	}
	e, err := build(n.Buyer, orderFacts(n, now))
	if err != nil {
		return err
	}
	return m.Queue(ctx, tx, e)
}

// orderFacts is what the buyer's order emails say about the order.
func orderFacts(n *models.OrderNotice, now time.Time) OrderFacts {
	o, j := n.Order, n.Job
	what, note := models.OrderWhat(o.Kind, o.Plan), ""
	if j != nil {
		what += " for “" + j.Title + "”"
		if j.Status == models.JobWithdrawn {
			note = "Your job “" + j.Title + "” has been taken down and is no longer on CareerCenter."
		}
	}
	return OrderFacts{What: what, Amount: models.PriceText(o.AmountCents, o.Currency), Receipt: o.ReceiptURL,
		Next: orderNext(o, j, now), JobNote: note, Pro: o.Kind == models.OrderPro}
}

// orderNext says what a paid order did, from where its job stands now.
func orderNext(o *models.Order, j *models.Job, now time.Time) string {
	if o.Kind == models.OrderPro {
		return "Your account is now Pro: code pages and candidate profiles are unlimited."
	}
	if j == nil {
		return ""
	}
	until := models.DayText(j.ExpiresAt)
	switch {
	case o.Kind == models.OrderPosting && j.Status == models.JobPendingReview:
		return "Your job is now waiting for review. We will email you as soon as it is live."
	case o.Kind == models.OrderUpgrade && j.Featured(now):
		return "Your job is featured until " + until + "."
	case o.Kind == models.OrderUpgrade && j.Status == models.JobPendingReview:
		return "Your job will be featured for its whole period once it is live."
	case o.Kind == models.OrderRenewal && j.Status == models.JobPendingReview:
		return "Your job is being reviewed after your edit; once approved it runs until " + until + "."
	case j.Live(now):
		return "Your job is live until " + until + "."
	}
	return "Your dashboard shows where your job stands."
}

// tellAdminsOfDispute emails every admin about the disputed order id, in tx.
func (m *Mail) tellAdminsOfDispute(ctx context.Context, tx bun.IDB, id int64) error {
	n, err := models.NoticeForOrder(ctx, tx, id)
	if err != nil {
		return err
	}
	admins, err := models.OrderAlertRecipients(ctx, tx)
	if err != nil {
		return err
	}
	buyer := "an account that has since been deleted"
	if n.Buyer != nil {
		buyer = n.Buyer.Email
	}
	what := models.OrderWhat(n.Order.Kind, n.Order.Plan)
	if n.Job != nil {
		what += " for “" + n.Job.Title + "”"
	}
	emails := make([]Email, len(admins))
	for i, to := range admins {
		if emails[i], err = m.OrderDisputed(to, id, what, models.PriceText(n.Order.AmountCents, n.Order.Currency), buyer); err != nil {
			return err
		}
	}
	return m.Queue(ctx, tx, emails...)
}
