package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
)

// While the app waits on Stripe for a Checkout Session, no transaction of
// its own is open: the order it is paying for is already committed, and
// nothing is left idle in a transaction.
func TestCheckoutCallsStripeOutsideATransaction(t *testing.T) {
	target, err := url.Parse(apptest.StripeMock(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var (
		mu              sync.Mutex
		calls           int
		visible, idleTx int
		s               *site
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/checkout/sessions" {
			ctx := context.Background()
			mu.Lock()
			calls++
			var n, idle int
			if err := s.db.Bun.NewSelect().Table("orders").ColumnExpr("count(*)").Scan(ctx, &n); err != nil {
				t.Error(err)
			}
			if err := s.db.Bun.NewRaw(`SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND state LIKE 'idle in transaction%'`).Scan(ctx, &idle); err != nil {
				t.Error(err)
			}
			visible, idleTx = n, idle
			mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s = newSiteWith(t, stripeEnv(srv.URL))
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))

	mu.Lock()
	defer mu.Unlock()
	if calls != 1 {
		t.Fatalf("%d checkout calls to Stripe, want 1", calls)
	}
	if visible != 1 {
		t.Errorf("during the Stripe call %d orders were committed, want 1 (the one being paid for)", visible)
	}
	if idleTx != 0 {
		t.Errorf("during the Stripe call %d connections sat idle in a transaction", idleTx)
	}
	if os := jobOrders(s, id); len(os) != 1 || os[0].StripeSessionID == "" {
		t.Fatalf("orders after checkout: %+v, want one with its session", os)
	}
}

// A pending order whose process died before Stripe answered is removed by
// the clean-up after an hour; a fresh one, still waiting on Stripe, stays.
func TestUnopenedOrdersAreCleanedUp(t *testing.T) {
	d := apptest.DB(t)
	ctx := t.Context()
	var ids []int64
	for range 2 {
		o := models.Order{Kind: models.OrderPro, Plan: models.PlanPro, AmountCents: 1900, Currency: "usd"}
		if err := models.CreateOrder(ctx, d.Bun, &o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	paid := models.Order{Kind: models.OrderPro, Plan: models.PlanPro, AmountCents: 1900, Currency: "usd"}
	if err := models.CreateOrder(ctx, d.Bun, &paid); err != nil {
		t.Fatal(err)
	}
	if err := models.SetOrderSession(ctx, d.Bun, paid.ID, "cs_test_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.ExecContext(ctx, `UPDATE orders SET created_at = now() - interval '2 hours' WHERE id IN (?, ?)`,
		ids[0], paid.ID); err != nil {
		t.Fatal(err)
	}
	n, err := models.DeleteUnopenedOrders(ctx, d.Bun)
	if err != nil || n != 1 {
		t.Fatalf("deleted %d, %v; want 1", n, err)
	}
	var left []int64
	if err := d.Bun.NewSelect().Table("orders").Column("id").Order("id").Scan(ctx, &left); err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 || left[0] != ids[1] || left[1] != paid.ID {
		t.Fatalf("orders left %v, want %v and %v", left, ids[1], paid.ID)
	}
}
