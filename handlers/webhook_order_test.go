package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

// newMockPayKit is the payment kit with Stripe's API played by stripe-mock.
func newMockPayKit(t *testing.T) payKit {
	api := apptest.StripeMock(t)
	s := newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "STRIPE_SECRET_KEY": "sk_test_123",
		"STRIPE_WEBHOOK_SECRET": webhookSecret, "STRIPE_API_URL": api})
	k := payKit{jobKit: jobKit{t: t, s: s}, ctx: context.Background(), seq: new(atomic.Int64)}
	_, k.buyer = k.user("buyer@example.com", false)
	k.company = k.jobKit.company("acme-health", "Acme Health", models.CompanyEmployer)
	k.join(k.company, k.buyer)
	return k
}

// eventAt is a Stripe event created at the given time.
func (k payKit) eventAt(typ string, obj map[string]any, created time.Time) []byte {
	b, err := json.Marshal(map[string]any{"id": fmt.Sprintf("evt_test_%d", k.seq.Add(1)), "object": "event",
		"api_version": "2023-10-16", "created": created.Unix(), "livemode": false, "type": typ,
		"data": map[string]any{"object": obj}})
	if err != nil {
		k.t.Fatal(err)
	}
	return b
}

// permutations lists every order of n items.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

type timedEvent struct {
	name    string
	payload []byte
}

// A subscription's events, delivered in every one of the 120 orders, end in
// the state of the newest: deleted, so free, whatever came late. The failed
// invoice is told only when it arrives before the end.
func TestSubscriptionEventsInEveryOrder(t *testing.T) {
	k := newMockPayKit(t)
	base := time.Now().Add(-time.Hour)
	for n, perm := range permutations(5) {
		o, sub, cus := k.freshSubscriber(n)
		obj := func(status string) map[string]any {
			return map[string]any{"id": sub, "object": "subscription", "customer": cus, "status": status,
				"metadata": map[string]string{"order_id": strconv.FormatInt(o.ID, 10)}}
		}
		events := []timedEvent{
			{"created", k.eventAt("customer.subscription.created", obj("active"), base)},
			{"updated(active)", k.eventAt("customer.subscription.updated", obj("active"), base.Add(time.Minute))},
			{"updated(past_due)", k.eventAt("customer.subscription.updated", obj("past_due"), base.Add(2*time.Minute))},
			{"invoice.payment_failed", k.eventAt("invoice.payment_failed", map[string]any{"id": "in_" + sub,
				"object": "invoice", "customer": cus, "subscription": sub, "amount_due": 1900, "currency": "usd",
				"subscription_details": map[string]any{"metadata": map[string]string{"order_id": strconv.FormatInt(o.ID, 10)}}},
				base.Add(2*time.Minute))},
			{"deleted", k.eventAt("customer.subscription.deleted", obj("canceled"), base.Add(3*time.Minute))},
		}
		before := k.mails("buyer@example.com", "did not go through")
		name := k.deliverAll(events, perm)
		u := k.buyerNow()
		if u.Plan != models.PlanFree || u.ProSubscription != "" {
			t.Errorf("%s: plan %s, subscription %q", name, u.Plan, u.ProSubscription)
		}
		want := 0
		if strings.Index(name, "invoice") < strings.Index(name, "deleted") {
			want = 1
		}
		if got := k.mails("buyer@example.com", "did not go through") - before; got != want {
			t.Errorf("%s: %d failed-payment emails, want %d", name, got, want)
		}
	}
}

// When the newest event is a recovery (past due, then paid), Pro stays on
// in every order; a checkout arriving after the subscription's end does not
// turn Pro back on.
func TestSubscriptionRecoveryAndLateCheckout(t *testing.T) {
	k := newMockPayKit(t)
	base := time.Now().Add(-time.Hour)
	for n, perm := range permutations(4) {
		o, sub, cus := k.freshSubscriber(n)
		obj := func(status string) map[string]any {
			return map[string]any{"id": sub, "object": "subscription", "customer": cus, "status": status,
				"metadata": map[string]string{"order_id": strconv.FormatInt(o.ID, 10)}}
		}
		events := []timedEvent{
			{"created", k.eventAt("customer.subscription.created", obj("incomplete"), base)},
			{"updated(past_due)", k.eventAt("customer.subscription.updated", obj("past_due"), base.Add(time.Minute))},
			{"updated(unpaid)", k.eventAt("customer.subscription.updated", obj("unpaid"), base.Add(2*time.Minute))},
			{"updated(active)", k.eventAt("customer.subscription.updated", obj("active"), base.Add(3*time.Minute))},
		}
		name := k.deliverAll(events, perm)
		if u := k.buyerNow(); u.Plan != models.PlanPro || u.ProSubscription != sub {
			t.Errorf("%s: plan %s, subscription %q", name, u.Plan, u.ProSubscription)
		}
	}

	o, sub, cus := k.freshSubscriber(1000)
	k.deliver(k.event("customer.subscription.deleted", map[string]any{"id": sub, "object": "subscription",
		"customer": cus, "status": "canceled", "metadata": map[string]string{"order_id": strconv.FormatInt(o.ID, 10)}}))
	k.deliver(k.event("checkout.session.completed", map[string]any{"id": o.StripeSessionID, "object": "checkout.session",
		"client_reference_id": strconv.FormatInt(o.ID, 10), "payment_status": "paid", "status": "complete",
		"mode": "subscription", "customer": cus, "subscription": sub}))
	if u := k.buyerNow(); u.Plan != models.PlanFree || k.orderNow(o.ID).Status != models.OrderPaid {
		t.Fatalf("checkout after the subscription ended: plan %s", u.Plan)
	}
}

// A Checkout Session's events on one order, in every order: the refund wins
// (order refunded, job withdrawn), and the buyer is told of the payment only
// when a payment was recorded before the refund. Without a refund, a late
// expiry never undoes a payment and an early one never blocks it.
func TestCheckoutEventsInEveryOrder(t *testing.T) {
	k := newMockPayKit(t)
	for _, withRefund := range []bool{true, false} {
		size := 3
		if withRefund {
			size = 4
		}
		for _, perm := range permutations(size) {
			j := k.waitingJob()
			o := k.order(models.OrderPosting, j)
			events := []timedEvent{
				{"completed", k.event("checkout.session.completed", session(o, "paid"))},
				{"expired", k.event("checkout.session.expired", session(o, "unpaid"))},
				{"async_succeeded", k.event("checkout.session.async_payment_succeeded", session(o, "paid"))},
				{"refunded", k.event("charge.refunded", refundedCharge(o))},
			}
			name := k.deliverAll(events[:size], perm)
			got, job := k.orderNow(o.ID), k.jobNow(j.ID)
			if !withRefund {
				if got.Status != models.OrderPaid || job.Status != models.JobPendingReview || k.confirmations(j) != 1 {
					t.Errorf("%s: order %s, job %s, %d confirmations", name, got.Status, job.Status, k.confirmations(j))
				}
				continue
			}
			wantConfirmations := 0
			if r := strings.Index(name, "refunded"); strings.Index(name, "completed") < r || strings.Index(name, "async") < r {
				wantConfirmations = 1
			}
			if got.Status != models.OrderRefunded || job.Status != models.JobWithdrawn {
				t.Errorf("%s: order %s, job %s", name, got.Status, job.Status)
			}
			if n := k.confirmations(j); n != wantConfirmations {
				t.Errorf("%s: %d confirmations, want %d", name, n, wantConfirmations)
			}
		}
	}
}

// Webhook signatures dated more than 5 minutes from now, either way, are
// refused.
func TestWebhookRefusesSignaturesFromTheFuture(t *testing.T) {
	k := newPayKit(t)
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	payload := k.event("checkout.session.completed", session(o, "paid"))
	if st := k.post(payload, sign(payload, webhookSecret, time.Now().Add(5*time.Minute+10*time.Second))); st != http.StatusBadRequest {
		t.Fatalf("signed 5 minutes ahead: %d", st)
	}
	if k.orderNow(o.ID).Status != models.OrderPending {
		t.Fatal("a refused event changed the order")
	}
	if st := k.post(payload, sign(payload, webhookSecret, time.Now().Add(time.Minute))); st != http.StatusOK {
		t.Fatalf("signed a minute ahead (clock skew): %d", st)
	}
}

// freshSubscriber gives the buyer a clean plan and a new Pro order, and
// names the subscription and customer of round n.
func (k payKit) freshSubscriber(n int) (*models.Order, string, string) {
	k.t.Helper()
	_, err := k.s.db.Bun.NewRaw(`UPDATE users SET plan = 'free', stripe_customer_id = NULL, pro_subscription_id = NULL
		WHERE id = ?`, k.buyer.ID).Exec(k.ctx)
	if err != nil {
		k.t.Fatal(err)
	}
	return k.order(models.OrderPro, nil), fmt.Sprintf("sub_%d", n), fmt.Sprintf("cus_%d", n)
}

// deliverAll delivers events in the order perm gives and names that order.
func (k payKit) deliverAll(events []timedEvent, perm []int) string {
	k.t.Helper()
	var names []string
	for _, i := range perm {
		names = append(names, events[i].name)
		k.deliver(events[i].payload)
	}
	return strings.Join(names, " → ")
}

func (k payKit) buyerNow() *models.User {
	k.t.Helper()
	u, err := models.UserByID(k.ctx, k.s.db.Bun, k.buyer.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	return u
}
