package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"

	"careercenter/app/mail"
	"careercenter/handlers"
	"careercenter/models"
	"careercenter/views"
)

const webhookSecret = "whsec_test"

// payKit is the production app with Stripe configured (its API address
// answers nothing: the webhook never calls Stripe), a buyer who belongs to
// a company, and helpers to store orders and deliver signed events.
type payKit struct {
	jobKit
	ctx     context.Context
	buyer   *models.User
	company *models.Company
	seq     *atomic.Int64
}

func newPayKit(t *testing.T) payKit {
	s := newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "STRIPE_SECRET_KEY": "sk_test_123",
		"STRIPE_WEBHOOK_SECRET": webhookSecret, "STRIPE_API_URL": "http://127.0.0.1:9"})
	k := payKit{jobKit: jobKit{t: t, s: s}, ctx: context.Background(), seq: new(atomic.Int64)}
	_, k.buyer = k.user("buyer@example.com", false)
	k.company = k.jobKit.company("acme-health", "Acme Health", models.CompanyEmployer)
	k.join(k.company, k.buyer)
	return k
}

// waitingJob stores a submitted job that waits for payment.
func (k payKit) waitingJob() *models.Job {
	return k.job(k.company, func(j *models.Job) {
		j.Status, j.PublishedAt, j.ExpiresAt = models.JobPendingPayment, time.Time{}, time.Time{}
		j.Title = fmt.Sprintf("Outpatient Coder %d", k.seq.Add(1))
	})
}

// order stores a pending order for j (nil for Pro) with its Checkout Session.
func (k payKit) order(kind string, j *models.Job) *models.Order {
	k.t.Helper()
	o := &models.Order{Kind: kind, Plan: models.PlanStandard, BuyerID: k.buyer.ID, AmountCents: 14900, Currency: "usd"}
	if j != nil {
		o.JobID, o.CompanyID = j.ID, j.CompanyID
	}
	if kind == models.OrderPro {
		o.Plan, o.AmountCents = models.PlanPro, 1900
	}
	if err := models.CreateOrder(k.ctx, k.s.db.Bun, o); err != nil {
		k.t.Fatal(err)
	}
	o.StripeSessionID = "cs_test_" + strconv.FormatInt(o.ID, 10)
	if err := models.SetOrderSession(k.ctx, k.s.db.Bun, o.ID, o.StripeSessionID); err != nil {
		k.t.Fatal(err)
	}
	return o
}

// event is a Stripe event of type typ about obj, at our pinned API version.
func (k payKit) event(typ string, obj map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"id": fmt.Sprintf("evt_test_%d", k.seq.Add(1)), "object": "event",
		"api_version": "2023-10-16", "created": time.Now().Unix(), "livemode": false, "type": typ,
		"data": map[string]any{"object": obj}})
	if err != nil {
		k.t.Fatal(err)
	}
	return b
}

// session is order o's Checkout Session as Stripe sends it, paid by "pi_<order id>".
func session(o *models.Order, paymentStatus string) map[string]any {
	id := strconv.FormatInt(o.ID, 10)
	return map[string]any{"id": o.StripeSessionID, "object": "checkout.session", "client_reference_id": id,
		"metadata": map[string]string{"order_id": id}, "payment_status": paymentStatus, "status": "complete",
		"mode": "payment", "payment_intent": "pi_" + id}
}

// refundedCharge is the fully refunded charge of order o's payment; Stripe
// copies the payment intent's metadata (our order id) to it.
func refundedCharge(o *models.Order) map[string]any {
	id := strconv.FormatInt(o.ID, 10)
	return map[string]any{"id": "ch_" + id, "object": "charge", "payment_intent": "pi_" + id, "refunded": true,
		"amount_refunded": o.AmountCents, "metadata": map[string]string{"order_id": id}}
}

func sign(payload []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

// post sends payload to the webhook with signature and returns the status
// (-1 when the request failed). Safe to call from many goroutines.
func (k payKit) post(payload []byte, signature string) int {
	req := httptest.NewRequest(http.MethodPost, "/stripe/webhook", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("Stripe-Signature", signature)
	}
	res, err := k.s.web.Test(req, -1)
	if err != nil {
		return -1
	}
	res.Body.Close()
	return res.StatusCode
}

// deliver sends a correctly signed event, which must be accepted.
func (k payKit) deliver(payload []byte) {
	k.t.Helper()
	if st := k.post(payload, sign(payload, webhookSecret, time.Now())); st != http.StatusOK {
		k.t.Fatalf("delivery answered %d", st)
	}
}

func (k payKit) orderNow(id int64) *models.Order {
	k.t.Helper()
	o, err := models.OrderByID(k.ctx, k.s.db.Bun, id)
	if err != nil {
		k.t.Fatal(err)
	}
	return o
}

func (k payKit) jobNow(id int64) *models.Job {
	k.t.Helper()
	j, err := models.JobByID(k.ctx, k.s.db.Bun, id)
	if err != nil {
		k.t.Fatal(err)
	}
	return j
}

// mails counts the emails queued for to whose subject contains part.
func (k payKit) mails(to, part string) int {
	n := 0
	for _, m := range k.s.emails(to) {
		if strings.Contains(m.Subject, part) {
			n++
		}
	}
	return n
}

func (k payKit) count(query string, args ...any) int {
	k.t.Helper()
	var n int
	if err := k.s.db.Bun.NewRaw(query, args...).Scan(k.ctx, &n); err != nil {
		k.t.Fatal(err)
	}
	return n
}

// handler is a Handler on the kit's database, to call fulfilSession the way
// the success page does.
func (k payKit) handler() *handlers.Handler {
	k.t.Helper()
	jobs, err := river.NewClient(riverdatabasesql.New(k.s.db.SQL), &river.Config{})
	if err != nil {
		k.t.Fatal(err)
	}
	m, err := mail.New(views.FS, "CareerCenter <jobs@localhost>", "http://jobs.test", jobs)
	if err != nil {
		k.t.Fatal(err)
	}
	return &handlers.Handler{DB: k.s.db.Bun, Mail: m, BaseURL: "http://jobs.test"}
}

// confirmations counts the order_paid emails about job j. Every fulfilment
// queues one in its transaction, so they count the fulfilments.
func (k payKit) confirmations(j *models.Job) int {
	return k.mails("buyer@example.com", "Payment received: Standard posting for “"+j.Title+"”")
}

func TestWebhookRefusesBadSignaturesAndChangesNothing(t *testing.T) {
	k := newPayKit(t)
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	payload := k.event("checkout.session.completed", session(o, "paid"))
	now := time.Now()
	changed := bytes.Replace(payload, []byte(`"payment_status":"paid"`), []byte(`"payment_status":"Paid"`), 1)
	oldVersion := bytes.Replace(payload, []byte(`"2023-10-16"`), []byte(`"2020-08-27"`), 1)
	cases := []struct {
		name      string
		body      []byte
		signature string
	}{
		{"wrong secret", payload, sign(payload, "whsec_someone_else", now)},
		{"one changed byte", changed, sign(payload, webhookSecret, now)},
		{"signed more than 5 minutes ago", payload, sign(payload, webhookSecret, now.Add(-5*time.Minute-time.Second))},
		{"no signature", payload, ""},
		{"malformed signature", payload, "t=yesterday,v1=abc"},
		{"another API version", oldVersion, sign(oldVersion, webhookSecret, now)},
	}
	for _, c := range cases {
		if st := k.post(c.body, c.signature); st != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", c.name, st)
		}
	}
	if n := k.count(`SELECT count(*) FROM stripe_events`); n != 0 {
		t.Fatalf("%d events recorded", n)
	}
	if k.orderNow(o.ID).Status != models.OrderPending || k.jobNow(j.ID).Status != models.JobPendingPayment ||
		len(k.s.emails("buyer@example.com")) != 1 { // the verification email only
		t.Fatal("a refused event changed something")
	}

	k.deliver(payload)
	if k.orderNow(o.ID).Status != models.OrderPaid || k.jobNow(j.ID).Status != models.JobPendingReview {
		t.Fatal("the genuine event was not applied")
	}
}

// Stripe delivers an event at least once, sometimes several times at once:
// 5 deliveries one after another, then 20 at the same moment, fulfil once.
func TestWebhookReplaysFulfilOnce(t *testing.T) {
	k := newPayKit(t)
	deliveries := map[string]int{"sequential": 5, "concurrent": 20}
	for _, mode := range []string{"sequential", "concurrent"} {
		j := k.waitingJob()
		o := k.order(models.OrderPosting, j)
		payload := k.event("checkout.session.completed", session(o, "paid"))
		sig := sign(payload, webhookSecret, time.Now())
		statuses := make(chan int, deliveries[mode])
		var wg sync.WaitGroup
		for range deliveries[mode] {
			if mode == "sequential" {
				statuses <- k.post(payload, sig)
				continue
			}
			wg.Add(1)
			go func() { defer wg.Done(); statuses <- k.post(payload, sig) }()
		}
		wg.Wait()
		close(statuses)
		ok := 0
		for st := range statuses {
			if st == http.StatusOK {
				ok++
			}
		}
		fulfilments := k.confirmations(j)
		t.Logf("%s: %d deliveries, %d answered 200, %d fulfilment(s)", mode, deliveries[mode], ok, fulfilments)
		if ok != deliveries[mode] || fulfilments != 1 {
			t.Fatalf("%s: %d of %d answered 200, %d fulfilments", mode, ok, deliveries[mode], fulfilments)
		}
		got := k.orderNow(o.ID)
		if got.Status != models.OrderPaid || got.StripePaymentIntentID != "pi_"+strconv.FormatInt(o.ID, 10) ||
			k.jobNow(j.ID).Status != models.JobPendingReview {
			t.Fatalf("%s: order %s, job %s", mode, got.Status, k.jobNow(j.ID).Status)
		}
	}
	if n := k.count(`SELECT count(*) FROM stripe_events`); n != 2 {
		t.Fatalf("%d events recorded, want 2", n)
	}
}

// The success page applies the session it asks Stripe for; the webhook may
// come before, after or at the same moment. One fulfilment either way.
func TestSuccessPageAndWebhookFulfilOnce(t *testing.T) {
	k := newPayKit(t)
	h := k.handler()
	asked := func(o *models.Order) *stripe.CheckoutSession { // as Session(id) returns it
		return &stripe.CheckoutSession{ID: o.StripeSessionID, PaymentStatus: stripe.CheckoutSessionPaymentStatusPaid,
			PaymentIntent: &stripe.PaymentIntent{ID: "pi_" + strconv.FormatInt(o.ID, 10)}}
	}

	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	if ok, err := h.FulfilSession(k.ctx, k.s.db.Bun, asked(o)); err != nil || !ok {
		t.Fatalf("success page first: %v %v", ok, err)
	}
	k.deliver(k.event("checkout.session.completed", session(o, "paid")))
	if n := k.confirmations(j); n != 1 || k.jobNow(j.ID).Status != models.JobPendingReview {
		t.Fatalf("success page then webhook: %d fulfilments", n)
	}

	j = k.waitingJob()
	o = k.order(models.OrderPosting, j)
	k.deliver(k.event("checkout.session.completed", session(o, "paid")))
	if ok, err := h.FulfilSession(k.ctx, k.s.db.Bun, asked(o)); err != nil || ok {
		t.Fatalf("success page after the webhook fulfilled again: %v %v", ok, err)
	}

	j = k.waitingJob()
	o = k.order(models.OrderPosting, j)
	payload := k.event("checkout.session.completed", session(o, "paid"))
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(2)
		go func() { defer wg.Done(); _, _ = h.FulfilSession(k.ctx, k.s.db.Bun, asked(o)) }()
		go func() { defer wg.Done(); k.post(payload, sign(payload, webhookSecret, time.Now())) }()
	}
	wg.Wait()
	if n := k.confirmations(j); n != 1 || k.orderNow(o.ID).Status != models.OrderPaid {
		t.Fatalf("at the same moment: %d fulfilments", n)
	}

	// An unpaid session, or one that is not for one of our orders, does nothing.
	o = k.order(models.OrderPosting, k.waitingJob())
	unpaid := asked(o)
	unpaid.PaymentStatus = stripe.CheckoutSessionPaymentStatusUnpaid
	stranger := &stripe.CheckoutSession{ID: "cs_elsewhere", PaymentStatus: stripe.CheckoutSessionPaymentStatusPaid}
	for _, s := range []*stripe.CheckoutSession{unpaid, stranger} {
		if ok, err := h.FulfilSession(k.ctx, k.s.db.Bun, s); err != nil || ok {
			t.Fatalf("%s: %v %v", s.ID, ok, err)
		}
	}
}

// An event whose effect fails answers 500 and leaves no trace, so Stripe's
// retry applies it.
func TestWebhookErrorRollsBackForTheRetry(t *testing.T) {
	k := newPayKit(t)
	j := k.waitingJob()
	o := k.order(models.OrderPosting, j)
	other := k.order(models.OrderPosting, k.waitingJob())
	s := session(o, "paid")
	s["id"] = other.StripeSessionID // recording it on o breaks the unique session id
	payload := k.event("checkout.session.completed", s)
	if st := k.post(payload, sign(payload, webhookSecret, time.Now())); st != http.StatusInternalServerError {
		t.Fatalf("failing effect answered %d", st)
	}
	if k.count(`SELECT count(*) FROM stripe_events`) != 0 || k.orderNow(o.ID).Status != models.OrderPending ||
		k.jobNow(j.ID).Status != models.JobPendingPayment || k.confirmations(j) != 0 {
		t.Fatal("a failed event left changes behind")
	}
	if _, err := k.s.db.Bun.NewRaw(`UPDATE orders SET stripe_session_id = NULL WHERE id = ?`, other.ID).Exec(k.ctx); err != nil {
		t.Fatal(err)
	}
	k.deliver(payload) // Stripe's retry
	if k.orderNow(o.ID).Status != models.OrderPaid || k.confirmations(j) != 1 {
		t.Fatal("the retry was not applied")
	}
}
