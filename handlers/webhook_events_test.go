package handlers_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// A delayed payment method completes the session unpaid; the order waits
// until the payment succeeds (or fails, and may still succeed later).
func TestDelayedPaymentsFulfilWhenTheyClear(t *testing.T) {
	k := newPayKit(t)
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.completed", session(o, "unpaid")))
	if k.orderNow(o.ID).Status != models.OrderPending || k.jobNow(j.ID).Status != models.JobPendingPayment || k.confirmations(j) != 0 {
		t.Fatal("an unpaid session was fulfilled")
	}
	k.deliver(k.event("checkout.session.async_payment_succeeded", session(o, "paid")))
	k.deliver(k.event("checkout.session.async_payment_succeeded", session(o, "paid"))) // a second event id
	if k.orderNow(o.ID).Status != models.OrderPaid || k.jobNow(j.ID).Status != models.JobPendingReview || k.confirmations(j) != 1 {
		t.Fatalf("after the payment cleared: %d fulfilments", k.confirmations(j))
	}

	j = k.waitingJob()
	o = k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.completed", session(o, "unpaid")))
	k.deliver(k.event("checkout.session.async_payment_failed", session(o, "unpaid")))
	if k.orderNow(o.ID).Status != models.OrderFailed || k.jobNow(j.ID).Status != models.JobPendingPayment ||
		k.mails("buyer@example.com", "did not go through") != 1 {
		t.Fatal("the failed payment was not recorded and told")
	}
	if body := k.s.emails("buyer@example.com"); !strings.Contains(body[len(body)-1].Text, "pay again from your dashboard") {
		t.Fatalf("failure email: %s", body[len(body)-1].Text)
	}
	k.deliver(k.event("checkout.session.async_payment_succeeded", session(o, "paid")))
	if k.orderNow(o.ID).Status != models.OrderPaid || k.jobNow(j.ID).Status != models.JobPendingReview {
		t.Fatal("a payment that failed and then succeeded was not fulfilled")
	}
}

// The payment events and the refund may arrive in any order. "Right" is:
// the refund wins. The order ends refunded and its job withdrawn (its page
// 410) whichever came first; the buyer gets one refund email, and a payment
// confirmation only if a payment was recorded before the refund (a payment
// arriving after the refund is never fulfilled).
func TestPaymentAndRefundInEveryOrder(t *testing.T) {
	k := newPayKit(t)
	kinds := []string{"completed", "async_succeeded", "refunded"}
	for _, perm := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		j := k.waitingJob()
		o := k.order(models.OrderPosting, j)
		events := [][]byte{
			k.event("checkout.session.completed", session(o, "paid")),
			k.event("checkout.session.async_payment_succeeded", session(o, "paid")),
			k.event("charge.refunded", refundedCharge(o)),
		}
		var names []string
		for _, i := range perm {
			names = append(names, kinds[i])
			k.deliver(events[i])
		}
		name := strings.Join(names, " → ")
		wantConfirmations := 1
		if perm[0] == 2 {
			wantConfirmations = 0
		}
		got := k.orderNow(o.ID)
		if got.Status != models.OrderRefunded || got.RefundedAt.IsZero() || k.jobNow(j.ID).Status != models.JobWithdrawn {
			t.Errorf("%s: order %s, job %s", name, got.Status, k.jobNow(j.ID).Status)
		}
		if n := k.confirmations(j); n != wantConfirmations {
			t.Errorf("%s: %d confirmations, want %d", name, n, wantConfirmations)
		}
		if n := k.mails("buyer@example.com", "for “"+j.Title+"”"); n != wantConfirmations+1 {
			t.Errorf("%s: %d emails about the job, want %d", name, n, wantConfirmations+1)
		}
		if res := k.s.browser().get(j.Path()); res.Status != http.StatusGone {
			t.Errorf("%s: job page %d", name, res.Status)
		}
	}
}

// A refund takes a live job off the site (410) and tells the buyer.
func TestRefundTakesALiveJobDown(t *testing.T) {
	k := newPayKit(t)
	if _, err := k.s.db.Bun.NewRaw(`UPDATE companies SET trusted = true WHERE id = ?`, k.company.ID).Exec(k.ctx); err != nil {
		t.Fatal(err)
	}
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.completed", session(o, "paid")))
	guest := k.s.browser()
	if res := guest.get(j.Path()); res.Status != http.StatusOK || k.jobNow(j.ID).Status != models.JobActive {
		t.Fatalf("trusted company's paid job: %d", res.Status)
	}
	k.deliver(k.event("charge.refunded", refundedCharge(o)))
	if res := guest.get(j.Path()); res.Status != http.StatusGone {
		t.Fatalf("refunded job page: %d", res.Status)
	}
	emails := k.s.emails("buyer@example.com")
	last := emails[len(emails)-1]
	if !strings.HasPrefix(last.Subject, "Refund of $149.00") || !strings.Contains(last.Text, "taken down") {
		t.Fatalf("refund email: %s\n%s", last.Subject, last.Text)
	}

	// A partial refund leaves the purchase standing.
	j = k.waitingJob()
	o = k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.completed", session(o, "paid")))
	partial := refundedCharge(o)
	partial["refunded"], partial["amount_refunded"] = false, 1000
	k.deliver(k.event("charge.refunded", partial))
	if k.orderNow(o.ID).Status != models.OrderPaid || k.jobNow(j.ID).Status != models.JobActive {
		t.Fatal("a partial refund took the job down")
	}
}

// Pro follows the subscription: on when it starts, off when it is deleted,
// and the meter with it.
func TestSubscriptionTurnsProOnAndOff(t *testing.T) {
	k := newPayKit(t)
	o := k.order(models.OrderPro, nil)
	viewsLeft := func() (string, int) {
		u, err := models.UserByID(k.ctx, k.s.db.Bun, k.buyer.ID)
		if err != nil {
			t.Fatal(err)
		}
		n, err := models.RemainingViews(k.ctx, k.s.db.Bun, models.Viewer{User: u}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return u.Plan, n
	}
	subscription := func(status string) map[string]any {
		return map[string]any{"id": "sub_1", "object": "subscription", "customer": "cus_1", "status": status,
			"metadata": map[string]string{"order_id": strconv.FormatInt(o.ID, 10)}}
	}
	if plan, n := viewsLeft(); plan != models.PlanFree || n != models.FreeAllowance {
		t.Fatalf("before: %s %d", plan, n)
	}

	// The subscription's event may come before the checkout's: the order in
	// its metadata names the account.
	k.deliver(k.event("customer.subscription.created", subscription("active")))
	if plan, n := viewsLeft(); plan != models.PlanPro || n != -1 {
		t.Fatalf("created: %s %d", plan, n)
	}
	paid := map[string]any{"id": o.StripeSessionID, "object": "checkout.session", "client_reference_id": strconv.FormatInt(o.ID, 10),
		"payment_status": "paid", "status": "complete", "mode": "subscription", "customer": "cus_1", "subscription": "sub_1"}
	k.deliver(k.event("checkout.session.completed", paid))
	u, _ := models.UserByID(k.ctx, k.s.db.Bun, k.buyer.ID)
	if k.orderNow(o.ID).Status != models.OrderPaid || u.StripeCustomer != "cus_1" || u.ProSubscription != "sub_1" ||
		k.mails("buyer@example.com", "Payment received: Pro") != 1 {
		t.Fatalf("checkout: %+v", u)
	}

	failed := k.event("invoice.payment_failed", map[string]any{"id": "in_1", "object": "invoice", "customer": "cus_1",
		"subscription": "sub_1", "amount_due": 1900, "currency": "usd", "hosted_invoice_url": "https://pay.example/i/1"})
	k.deliver(failed)
	k.deliver(failed) // redelivered: the recorded event id stops a second email
	k.deliver(k.event("customer.subscription.updated", subscription("past_due")))
	if plan, _ := viewsLeft(); plan != models.PlanPro || k.mails("buyer@example.com", "did not go through") != 1 {
		t.Fatal("a failed renewal payment: Pro while Stripe retries, and an email")
	}

	k.deliver(k.event("customer.subscription.deleted", subscription("canceled")))
	if plan, n := viewsLeft(); plan != models.PlanFree || n != models.FreeAllowance {
		t.Fatalf("deleted: %s %d", plan, n)
	}
}

// An expired session leaves the job waiting for payment; events we do not
// handle, or about payments that are not ours, are acknowledged.
func TestExpiredSessionsAndOtherEvents(t *testing.T) {
	k := newPayKit(t)
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.expired", session(o, "unpaid")))
	if k.orderNow(o.ID).Status != models.OrderExpired || k.jobNow(j.ID).Status != models.JobPendingPayment {
		t.Fatal("expired session")
	}
	k.deliver(k.event("customer.created", map[string]any{"id": "cus_9", "object": "customer"}))
	stranger := map[string]any{"id": "cs_elsewhere", "object": "checkout.session", "payment_status": "paid", "status": "complete"}
	k.deliver(k.event("checkout.session.completed", stranger))
	k.deliver(k.event("charge.refunded", map[string]any{"id": "ch_9", "object": "charge", "payment_intent": "pi_9", "refunded": true}))
	if n := k.count(`SELECT count(*) FROM stripe_events`); n != 4 {
		t.Fatalf("%d events recorded", n)
	}
	if n := k.count(`SELECT count(*) FROM orders WHERE status <> 'expired'`); n != 0 {
		t.Fatalf("%d orders changed", n)
	}
}

// A dispute flags the order for the admins' payments page and emails them, once.
func TestDisputeFlagsTheOrderForAdmins(t *testing.T) {
	k := newPayKit(t)
	k.user("admin@example.com", true)
	o := k.order(models.OrderPosting, k.waitingJob())
	k.deliver(k.event("checkout.session.completed", session(o, "paid")))
	dispute := map[string]any{"id": "dp_1", "object": "dispute", "charge": fmt.Sprintf("ch_%d", o.ID),
		"payment_intent": fmt.Sprintf("pi_%d", o.ID), "status": "needs_response"}
	k.deliver(k.event("charge.dispute.created", dispute))
	k.deliver(k.event("charge.dispute.created", dispute)) // a second event id
	if k.orderNow(o.ID).DisputedAt.IsZero() || k.mails("admin@example.com", "Payment disputed") != 1 {
		t.Fatal("dispute not flagged once")
	}
	if text := k.s.emails("admin@example.com"); !strings.Contains(text[len(text)-1].Text, "buyer@example.com") ||
		!strings.Contains(text[len(text)-1].Text, "http://jobs.test/admin/payments") {
		t.Fatalf("dispute email: %s", text[len(text)-1].Text)
	}
}
