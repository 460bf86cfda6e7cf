package handlers

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/email"
)

// tellBuyer queues an email about order id to its buyer (order_paid,
// payment_failed, job_refunded), in the caller's transaction: it is sent
// only if the change it reports commits, and each change happens once (the
// order row is locked and its status checked), so its email is queued once.
// Nobody is told when the account is gone.
func (h *Handler) tellBuyer(ctx context.Context, tx bun.IDB, id int64,
	build func(buyer *models.User, f email.OrderFacts) (email.Email, error)) error {
	n, err := models.NoticeForOrder(ctx, tx, id)
	if err != nil || n.Buyer == nil {
		return err
	}
	e, err := build(n.Buyer, h.orderFacts(n))
	if err != nil {
		return err
	}
	return h.Mail.Queue(ctx, tx, e)
}

// orderFacts is what the buyer's order emails say about the order, all
// strings ("" leaves a sentence out).
func (h *Handler) orderFacts(n *models.OrderNotice) email.OrderFacts {
	o, j := n.Order, n.Job
	what, note := orderWhat(o.Kind, o.Plan), ""
	if j != nil {
		what += " for “" + j.Title + "”"
		if j.Status == models.JobWithdrawn {
			note = "Your job “" + j.Title + "” has been taken down and is no longer on CareerCenter."
		}
	}
	return email.OrderFacts{What: what, Amount: priceText(o.AmountCents, o.Currency), Receipt: o.ReceiptURL,
		Next: orderNext(o, j, h.now()), JobNote: note, Pro: o.Kind == models.OrderPro}
}

// orderNext says what a paid order did, from where its job stands now.
func orderNext(o *models.Order, j *models.Job, now time.Time) string {
	if o.Kind == models.OrderPro {
		return "Your account is now Pro: code pages and candidate profiles are unlimited."
	}
	if j == nil {
		return ""
	}
	until := dayText(j.ExpiresAt)
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

// tellAdminsOfDispute emails every admin about a disputed payment: the
// dispute is answered in Stripe's dashboard, and the order is flagged on
// the payments page.
func (h *Handler) tellAdminsOfDispute(ctx context.Context, tx bun.IDB, id int64) error {
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
	what := orderWhat(n.Order.Kind, n.Order.Plan)
	if n.Job != nil {
		what += " for “" + n.Job.Title + "”"
	}
	emails := make([]email.Email, len(admins))
	for i, to := range admins {
		if emails[i], err = h.Mail.OrderDisputed(to, id, what, priceText(n.Order.AmountCents, n.Order.Currency), buyer); err != nil {
			return err
		}
	}
	return h.Mail.Queue(ctx, tx, emails...)
}
