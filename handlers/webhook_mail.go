package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/mail"
	"careercenter/models"
)

// tellBuyer queues an email about order id to its buyer (order_paid,
// payment_failed, job_refunded), in the caller's transaction: it is sent
// only if the change it reports commits, and each change happens once (the
// order row is locked and its status checked), so its email is queued once.
// Nobody is told when the account is gone.
func (h *Handler) tellBuyer(ctx context.Context, tx bun.IDB, id int64, template string) error {
	n, err := models.NoticeForOrder(ctx, tx, id)
	if err != nil || n.Buyer == nil {
		return err
	}
	return h.Mail.Queue(ctx, tx, mail.Message{To: n.Buyer.Email, Template: template, Data: h.orderMailData(n)})
}

// orderMailData is every key the buyer's order emails use, all strings
// ("" leaves a sentence out).
func (h *Handler) orderMailData(n *models.OrderNotice) map[string]any {
	o, j := n.Order, n.Job
	what, note, link := orderWhat(o.Kind, o.Plan), "", h.BaseURL+"/employer"
	retry := "Your job is saved and waits for payment: pay again from your dashboard."
	if o.Kind == models.OrderPro {
		link = h.BaseURL + "/account"
		retry = "Nothing was charged. You can subscribe again from " + h.BaseURL + "/pricing."
	}
	if j != nil {
		what += " for “" + j.Title + "”"
		if j.Status == models.JobWithdrawn {
			note = "Your job “" + j.Title + "” has been taken down and is no longer on CareerCenter."
		}
	}
	return map[string]any{"Name": n.Buyer.Name, "What": what, "Amount": priceText(o.AmountCents, o.Currency),
		"Link": link, "Receipt": o.ReceiptURL, "Next": orderNext(o, j, h.now()), "Retry": retry, "JobNote": note}
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
	for _, to := range admins {
		err := h.Mail.Queue(ctx, tx, mail.Message{To: to, Template: "order_disputed",
			Data: map[string]any{"Order": strconv.FormatInt(id, 10), "What": what, "Buyer": buyer,
				"Amount": priceText(n.Order.AmountCents, n.Order.Currency), "Link": h.BaseURL + "/admin/payments"}})
		if err != nil {
			return err
		}
	}
	return nil
}
