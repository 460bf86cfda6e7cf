package models_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careercenter/models"
)

// order stores a pending order of kind for job (0: none), bought by the kit's user.
func (k postingKit) order(kind, plan string, job int64) *models.Order {
	k.t.Helper()
	o := &models.Order{Kind: kind, Plan: plan, JobID: job, CompanyID: k.company, BuyerID: k.user.ID,
		AmountCents: 14900, Currency: "usd"}
	if kind == models.OrderPro {
		o.CompanyID = 0
	}
	if err := models.CreateOrder(k.ctx, k.db, o); err != nil {
		k.t.Fatal(err)
	}
	return o
}

func (k postingKit) reloadOrder(id int64) *models.Order {
	k.t.Helper()
	o, err := models.OrderByID(k.ctx, k.db, id)
	if err != nil {
		k.t.Fatal(err)
	}
	return o
}

func (k postingKit) set(query string, args ...any) {
	k.t.Helper()
	if _, err := k.db.ExecContext(k.ctx, query, args...); err != nil {
		k.t.Fatal(err)
	}
}

// paid is the checkout of order o, paid by payment intent "pi_1".
func paid(o *models.Order) models.PaidCheckout {
	return models.PaidCheckout{SessionID: fmt.Sprintf("cs_test_%d", o.ID), PaymentIntentID: "pi_1",
		ReceiptURL: "https://pay.example/r/1"}
}

// What each kind of order delivers, from the states its job may be in when
// the payment is recorded.
func TestFulfilOrderDeliversEachKind(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	in5 := now.Add(5 * 24 * time.Hour) // a live job's expiry (postingKit.job)
	cases := []struct {
		name, kind, plan, status string
		trusted, featured        bool
		prepare                  func(j *models.Job)
		check                    func(t *testing.T, j *models.Job)
	}{
		{name: "posting goes to review", kind: models.OrderPosting, status: models.JobPendingPayment,
			check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobPendingReview || !j.ExpiresAt.IsZero() {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
			}},
		{name: "trusted featured posting goes live featured", kind: models.OrderPosting, status: models.JobPendingPayment,
			trusted: true, featured: true, check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobActive || !j.ExpiresAt.Equal(now.Add(models.JobLifetime)) ||
					!j.FeaturedUntil.Equal(j.ExpiresAt) {
					t.Fatalf("%s %v %v", j.Status, j.ExpiresAt, j.FeaturedUntil)
				}
			}},
		{name: "renewal adds 30 days to the expiry", kind: models.OrderRenewal, status: models.JobActive,
			check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobActive || !j.ExpiresAt.Equal(in5.Add(models.JobLifetime)) {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
			}},
		{name: "renewal of a featured job keeps it featured", kind: models.OrderRenewal, status: models.JobActive,
			featured: true, check: func(t *testing.T, j *models.Job) {
				if !j.FeaturedUntil.Equal(in5.Add(models.JobLifetime)) {
					t.Fatalf("featured until %v", j.FeaturedUntil)
				}
			}},
		{name: "renewal of a job that expired meanwhile restarts it from now", kind: models.OrderRenewal,
			status: models.JobExpired, check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobActive || !j.ExpiresAt.Equal(now.Add(models.JobLifetime)) {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
			}},
		{name: "renewal of a job past its date but not yet marked expired", kind: models.OrderRenewal,
			status: models.JobActive, prepare: func(j *models.Job) {
				k.set(`UPDATE jobs SET expires_at = ? WHERE id = ?`, now.Add(-time.Hour), j.ID)
			}, check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobActive || !j.ExpiresAt.Equal(now.Add(models.JobLifetime)) {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
			}},
		{name: "renewal of a live job back in review keeps the days for its approval", kind: models.OrderRenewal,
			status: models.JobPendingReview, prepare: func(j *models.Job) {
				k.set(`UPDATE jobs SET expires_at = ? WHERE id = ?`, in5, j.ID)
			}, check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobPendingReview || !j.ExpiresAt.Equal(in5.Add(models.JobLifetime)) {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
				approved, err := models.ApproveJob(k.ctx, k.db, j.ID, now)
				if err != nil || !approved.ExpiresAt.Equal(in5.Add(models.JobLifetime)) {
					t.Fatalf("approved: %v %v", err, approved.ExpiresAt)
				}
			}},
		{name: "upgrade features a live job until it expires", kind: models.OrderUpgrade, plan: models.PlanFeatured,
			status: models.JobActive, check: func(t *testing.T, j *models.Job) {
				if j.Plan != models.PlanFeatured || !j.FeaturedUntil.Equal(in5) || !j.Featured(now) {
					t.Fatalf("%s %v", j.Plan, j.FeaturedUntil)
				}
			}},
		{name: "upgrade of a job in review features it from its approval", kind: models.OrderUpgrade,
			plan: models.PlanFeatured, status: models.JobPendingReview, check: func(t *testing.T, j *models.Job) {
				if j.Plan != models.PlanFeatured || !j.FeaturedUntil.IsZero() {
					t.Fatalf("%s %v", j.Plan, j.FeaturedUntil)
				}
				approved, err := models.ApproveJob(k.ctx, k.db, j.ID, now)
				if err != nil || !approved.FeaturedUntil.Equal(now.Add(models.JobLifetime)) {
					t.Fatalf("approved: %v %v", err, approved.FeaturedUntil)
				}
			}},
		{name: "posting paid twice leaves the job as it is", kind: models.OrderPosting, status: models.JobActive,
			check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobActive || !j.ExpiresAt.Equal(in5) {
					t.Fatalf("%s %v", j.Status, j.ExpiresAt)
				}
			}},
		{name: "upgrade of a filled job changes nothing", kind: models.OrderUpgrade, plan: models.PlanFeatured,
			status: models.JobFilled, check: func(t *testing.T, j *models.Job) {
				if j.Status != models.JobFilled || j.Plan != models.PlanStandard {
					t.Fatalf("%s %s", j.Status, j.Plan)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k.set(`UPDATE companies SET trusted = ? WHERE id = ?`, c.trusted, k.company)
			j := k.job(c.status, now)
			if c.featured {
				k.set(`UPDATE jobs SET plan = 'featured', featured_until = expires_at WHERE id = ?`, j.ID)
			}
			if c.prepare != nil {
				c.prepare(j)
			}
			o := k.order(c.kind, c.plan, j.ID)
			ok, err := models.FulfilOrder(k.ctx, k.db, o.ID, paid(o), now)
			if err != nil || !ok {
				t.Fatalf("fulfil: %v %v", ok, err)
			}
			got := k.reloadOrder(o.ID)
			if got.Status != models.OrderPaid || !got.PaidAt.Equal(now) || got.StripePaymentIntentID != "pi_1" ||
				got.StripeSessionID != paid(o).SessionID || got.ReceiptURL != paid(o).ReceiptURL {
				t.Fatalf("order: %+v", got)
			}
			c.check(t, k.reload(j.ID))
			after := k.reload(j.ID) // as the check left it

			// Once only: a second call changes neither the order nor the job.
			ok, err = models.FulfilOrder(k.ctx, k.db, o.ID, paid(o), now.Add(time.Hour))
			if err != nil || ok {
				t.Fatalf("second fulfil: %v %v", ok, err)
			}
			if again := k.reload(j.ID); !again.UpdatedAt.Equal(after.UpdatedAt) || !again.ExpiresAt.Equal(after.ExpiresAt) {
				t.Fatal("the job changed again")
			}
			if !k.reloadOrder(o.ID).PaidAt.Equal(now) {
				t.Fatal("the order changed again")
			}
		})
	}
}

func TestFulfilOrderProAndOrderStates(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	o := k.order(models.OrderPro, models.PlanPro, 0)
	ok, err := models.FulfilOrder(k.ctx, k.db, o.ID, models.PaidCheckout{SessionID: "cs_pro",
		SubscriptionID: "sub_1", CustomerID: "cus_1"}, now)
	u, _ := models.UserByID(k.ctx, k.db, k.user.ID)
	if err != nil || !ok || u.Plan != models.PlanPro || u.StripeCustomer != "cus_1" || u.ProSubscription != "sub_1" {
		t.Fatalf("pro: %v %v %+v", ok, err, u)
	}
	if k.reloadOrder(o.ID).StripeSubscriptionID != "sub_1" {
		t.Fatal("subscription not on the order")
	}

	// Only pending, failed and expired orders are fulfilled (a session's
	// expiry may be delivered before its payment).
	for status, want := range map[string]bool{models.OrderPending: true, models.OrderFailed: true,
		models.OrderExpired: true, models.OrderRefunded: false, models.OrderPaid: false} {
		j := k.job(models.JobPendingPayment, now)
		o := k.order(models.OrderPosting, models.PlanStandard, j.ID)
		k.set(`UPDATE orders SET status = ? WHERE id = ?`, status, o.ID)
		ok, err := models.FulfilOrder(k.ctx, k.db, o.ID, paid(o), now)
		if err != nil || ok != want {
			t.Fatalf("%s: fulfilled %v (%v), want %v", status, ok, err, want)
		}
		if moved := k.reload(j.ID).Status != models.JobPendingPayment; moved != want {
			t.Fatalf("%s: job moved %v", status, moved)
		}
	}
	if _, err := models.FulfilOrder(k.ctx, k.db, 999999, models.PaidCheckout{}, now); err != models.ErrNotFound {
		t.Fatalf("unknown order: %v", err)
	}
}

// Twenty callers at once (the webhook, its retries, the success page):
// exactly one fulfils.
func TestFulfilOrderConcurrently(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	j := k.job(models.JobPendingPayment, now)
	o := k.order(models.OrderPosting, models.PlanStandard, j.ID)
	var wins, fails atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := models.FulfilOrder(k.ctx, k.db, o.ID, paid(o), now)
			if err != nil {
				fails.Add(1)
			} else if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 || fails.Load() != 0 || k.reload(j.ID).Status != models.JobPendingReview {
		t.Fatalf("%d fulfilments, %d errors", wins.Load(), fails.Load())
	}
}

func TestRefundOrderWithdrawsTheJobAndWinsOverALatePayment(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)

	// Refunded after payment: found by its payment intent.
	j := k.job(models.JobPendingPayment, now)
	o := k.order(models.OrderPosting, models.PlanStandard, j.ID)
	if _, err := models.FulfilOrder(k.ctx, k.db, o.ID, paid(o), now); err != nil {
		t.Fatal(err)
	}
	got, refunded, err := models.RefundOrder(k.ctx, k.db, "pi_1", 0, now)
	if err != nil || !refunded || got.ID != o.ID || k.reload(j.ID).Status != models.JobWithdrawn {
		t.Fatalf("refund: %v %v %+v", refunded, err, got)
	}
	if _, again, err := models.RefundOrder(k.ctx, k.db, "pi_1", 0, now); err != nil || again {
		t.Fatalf("refunded twice: %v %v", again, err)
	}

	// Refunded before the payment was recorded: found by the order id from
	// the charge's metadata; the payment arriving later changes nothing.
	j = k.job(models.JobPendingPayment, now)
	o = k.order(models.OrderPosting, models.PlanStandard, j.ID)
	if _, refunded, err := models.RefundOrder(k.ctx, k.db, "pi_2", o.ID, now); err != nil || !refunded {
		t.Fatalf("early refund: %v %v", refunded, err)
	}
	ok, err := models.FulfilOrder(k.ctx, k.db, o.ID, models.PaidCheckout{PaymentIntentID: "pi_2"}, now)
	if err != nil || ok || k.reload(j.ID).Status != models.JobWithdrawn || k.reloadOrder(o.ID).Status != models.OrderRefunded {
		t.Fatalf("late payment: %v %v", ok, err)
	}

	// An expired job stays expired (and readable); a stranger's payment is not ours.
	j = k.job(models.JobExpired, now)
	o = k.order(models.OrderRenewal, models.PlanStandard, j.ID)
	k.set(`UPDATE orders SET status = 'paid', stripe_payment_intent_id = 'pi_3' WHERE id = ?`, o.ID)
	if _, refunded, err := models.RefundOrder(k.ctx, k.db, "pi_3", 0, now); err != nil || !refunded ||
		k.reload(j.ID).Status != models.JobExpired {
		t.Fatalf("expired job: %v %v", refunded, err)
	}
	if got, _, err := models.RefundOrder(k.ctx, k.db, "pi_other", 0, now); err != nil || got != nil {
		t.Fatalf("stranger: %v %+v", err, got)
	}
	// The order id of another payment does not match an order paid by a different intent.
	if got, _, err := models.RefundOrder(k.ctx, k.db, "pi_other", o.ID, now); err != nil || got != nil {
		t.Fatalf("mismatched intent: %v %+v", err, got)
	}
}

func TestApplyProSubscription(t *testing.T) {
	k := newPostingKit(t)
	plan := func() (string, string) {
		u, err := models.UserByID(k.ctx, k.db, k.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		return u.Plan, u.ProSubscription
	}
	apply := func(s models.ProSubscription) bool {
		t.Helper()
		found, err := models.ApplyProSubscription(k.ctx, k.db, s)
		if err != nil {
			t.Fatal(err)
		}
		return found
	}

	// Before the checkout is recorded the customer is unknown: the Pro
	// order in the metadata names the account, which then gets the customer.
	o := k.order(models.OrderPro, models.PlanPro, 0)
	if !apply(models.ProSubscription{ID: "sub_1", CustomerID: "cus_1", Status: "active", OrderID: o.ID}) {
		t.Fatal("account not found by the order")
	}
	if p, sub := plan(); p != models.PlanPro || sub != "sub_1" {
		t.Fatalf("after created: %s %s", p, sub)
	}
	if u, err := models.UserByStripeCustomer(k.ctx, k.db, "cus_1"); err != nil || u.ID != k.user.ID {
		t.Fatalf("customer not stored: %v", err)
	}

	apply(models.ProSubscription{ID: "sub_1", CustomerID: "cus_1", Status: "past_due"})
	if p, _ := plan(); p != models.PlanPro {
		t.Fatal("past_due ended Pro while Stripe retries")
	}
	apply(models.ProSubscription{ID: "sub_1", CustomerID: "cus_1", Status: "unpaid"})
	if p, _ := plan(); p != models.PlanFree {
		t.Fatal("unpaid kept Pro")
	}
	apply(models.ProSubscription{ID: "sub_1", CustomerID: "cus_1", Status: "active"})
	apply(models.ProSubscription{ID: "sub_2", CustomerID: "cus_1", Status: "active"})
	// The end of the older subscription leaves the newer one's Pro.
	apply(models.ProSubscription{ID: "sub_1", CustomerID: "cus_1", Status: "canceled", Deleted: true})
	if p, sub := plan(); p != models.PlanPro || sub != "sub_2" {
		t.Fatalf("old subscription ended: %s %s", p, sub)
	}
	apply(models.ProSubscription{ID: "sub_2", CustomerID: "cus_1", Status: "canceled", Deleted: true})
	if p, sub := plan(); p != models.PlanFree || sub != "" {
		t.Fatalf("deleted: %s %s", p, sub)
	}
	if apply(models.ProSubscription{ID: "sub_9", CustomerID: "cus_stranger", Status: "active"}) {
		t.Fatal("a stranger's subscription found an account")
	}
}
