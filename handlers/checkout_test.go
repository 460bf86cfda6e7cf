package handlers_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
)

// stripeCall is one request the app sent to Stripe.
type stripeCall struct {
	Path, IdempotencyKey string
	Form                 url.Values
}

// stripeRecorder is stripe-mock behind a proxy that keeps what the app sent,
// since stripe-mock's answers are fixtures that echo little of it.
type stripeRecorder struct {
	URL   string
	mu    sync.Mutex
	calls []stripeCall
}

func newStripeRecorder(t *testing.T) *stripeRecorder {
	t.Helper()
	target, err := url.Parse(apptest.StripeMock(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	rec := &stripeRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		rec.mu.Lock()
		rec.calls = append(rec.calls, stripeCall{Path: r.URL.Path, IdempotencyKey: r.Header.Get("Idempotency-Key"), Form: form})
		rec.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	rec.URL = srv.URL
	return rec
}

// last returns the newest call to path.
func (r *stripeRecorder) last(t *testing.T, path string) stripeCall {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.calls) - 1; i >= 0; i-- {
		if r.calls[i].Path == path {
			return r.calls[i]
		}
	}
	t.Fatalf("no call to %s", path)
	return stripeCall{}
}

// stripeEnv is the environment of a site that takes payments through api.
func stripeEnv(api string) map[string]string {
	return map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "STRIPE_SECRET_KEY": "sk_test_123",
		"STRIPE_WEBHOOK_SECRET": "whsec_test", "STRIPE_API_URL": api}
}

// newCheckoutSite is the production app taking payments through stripe-mock.
func newCheckoutSite(t *testing.T) (*site, *stripeRecorder) {
	t.Helper()
	api := newStripeRecorder(t)
	return newSiteWith(t, stripeEnv(api.URL)), api
}

// jobOrders lists the orders of a job, oldest first.
func jobOrders(s *site, jobID string) []models.Order {
	s.t.Helper()
	var os []models.Order
	if err := s.db.Bun.NewSelect().Model(&os).Where("job_id = ?", jobID).Order("id").Scan(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	return os
}

// setSQL runs a statement that puts the database in the state a test needs.
func setSQL(s *site, query string, args ...any) {
	s.t.Helper()
	if _, err := s.db.Bun.ExecContext(context.Background(), query, args...); err != nil {
		s.t.Fatal(err)
	}
}

// toCheckout checks res sends the browser to a Stripe Checkout page.
func toCheckout(t *testing.T, res response) {
	t.Helper()
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "https://checkout.stripe.com/") {
		t.Fatalf("want 303 to Stripe Checkout, got %d %q\n%s", res.Status, res.Location, res.Body)
	}
}

func TestSubmitSendsToCheckoutAtTheServersPrice(t *testing.T) {
	s, api := newCheckoutSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	form := postingForm(co)
	form.Set("plan", "featured")
	id := postingDraft(b, form)

	// A tampered form asks for the cheap plan at one cent: nothing of it counts.
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{"plan": {"standard"}, "amount": {"1"}, "amount_cents": {"1"}}))
	if st := s.jobStatus(id); st != models.JobPendingPayment {
		t.Fatalf("job is %s, want pending_payment", st)
	}
	orders := jobOrders(s, id)
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	if o.Kind != models.OrderPosting || o.Plan != models.PlanFeatured || o.AmountCents != 29900 ||
		o.Currency != "usd" || o.Status != models.OrderPending || o.StripeSessionID == "" ||
		strconv.FormatInt(o.CompanyID, 10) != co || o.BuyerID == 0 {
		t.Fatalf("order %+v", o)
	}
	call := api.last(t, "/v1/checkout/sessions")
	oid := strconv.FormatInt(o.ID, 10)
	for k, want := range map[string]string{
		"mode": "payment", "client_reference_id": oid, "metadata[order_id]": oid,
		"line_items[0][price_data][unit_amount]":        "29900",
		"line_items[0][price_data][product_data][name]": "Featured posting: Outpatient Coder II",
		"customer_email": "hr@example.com",
		"success_url":    "http://jobs.test/checkout/success?session_id={CHECKOUT_SESSION_ID}",
		"cancel_url":     "http://jobs.test/checkout/cancel?order=" + oid,
	} {
		if got := call.Form.Get(k); got != want {
			t.Errorf("Stripe got %s=%q, want %q", k, got, want)
		}
	}
	if call.IdempotencyKey != "checkout-order-"+oid {
		t.Errorf("idempotency key %q", call.IdempotencyKey)
	}

	// The dashboard offers to pay; paying again reuses the open order.
	mustContain(t, b.get("/employer").Body, "Awaiting payment", `action="/jobs/`+id+`/submit"`, "Pay now")
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
	if orders := jobOrders(s, id); len(orders) != 1 {
		t.Fatalf("paying again made %d orders, want 1", len(orders))
	}
	if got := api.last(t, "/v1/checkout/sessions").IdempotencyKey; got != "checkout-order-"+oid {
		t.Errorf("reuse sent idempotency key %q", got)
	}

	// Once that session expired, paying again makes a new order.
	setSQL(s, `UPDATE orders SET status = 'expired' WHERE id = ?`, o.ID)
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
	if orders := jobOrders(s, id); len(orders) != 2 || orders[1].Status != models.OrderPending || orders[1].AmountCents != 29900 {
		t.Fatalf("after expiry: %+v", orders)
	}
}

func TestSuccessAndCancelPages(t *testing.T) {
	s, _ := newCheckoutSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
	o := jobOrders(s, id)[0]
	oid := strconv.FormatInt(o.ID, 10)

	// stripe-mock's session is unpaid: nothing is fulfilled yet.
	res := b.get("/checkout/success?session_id=" + o.StripeSessionID)
	if res.Status != http.StatusOK {
		t.Fatalf("success: %d\n%s", res.Status, res.Body)
	}
	mustContain(t, res.Body, "Your payment is being processed", `href="/employer/billing"`)
	if s.jobStatus(id) != models.JobPendingPayment {
		t.Fatal("an unpaid session moved the job")
	}

	res = b.get("/checkout/cancel?order=" + oid)
	mustContain(t, res.Body, "Payment cancelled", "saved as awaiting payment", `action="/jobs/`+id+`/submit"`, "Pay now")

	// Another account, or an unknown session, finds nothing.
	other := s.registered("else@example.com")
	for _, path := range []string{"/checkout/success?session_id=" + o.StripeSessionID, "/checkout/cancel?order=" + oid,
		"/checkout/success?session_id=cs_test_unknown", "/checkout/success", "/checkout/cancel?order=x"} {
		if res := other.get(path); res.Status != http.StatusNotFound {
			t.Errorf("other GET %s: %d", path, res.Status)
		}
	}

	// Paid (the webhook got there first): the page says so.
	setSQL(s, `UPDATE orders SET status = 'paid', paid_at = now() WHERE id = ?`, o.ID)
	setSQL(s, `UPDATE jobs SET status = 'pending_review' WHERE id = ?`, id)
	mustContain(t, b.get("/checkout/success?session_id="+o.StripeSessionID).Body, "Paid — your job is in review")
}

func TestWithoutStripeSubmitGoesToReview(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	res := b.post("/jobs/"+id+"/submit", url.Values{"plan": {"featured"}})
	if res.Status != http.StatusSeeOther || res.Location != "/employer" || s.jobStatus(id) != models.JobPendingReview {
		t.Fatalf("submit: %d %q %s", res.Status, res.Location, s.jobStatus(id))
	}
	if n := len(jobOrders(s, id)); n != 0 {
		t.Fatalf("%d orders without payments", n)
	}
	mustContain(t, b.get("/pricing").Body, "Payments are off on this server", "straight to review",
		"Pro cannot be bought", "6 in all", "$149.00", "$299.00")

	// Upgrading is what is sold, so it is refused rather than given away.
	s.setJobStatus(id, "active", "20 days")
	res = b.post("/jobs/"+id+"/upgrade", url.Values{})
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "needs online payment") {
		t.Fatalf("upgrade without payments: %d", res.Status)
	}
	// Renewal works at once, as before.
	s.setJobStatus(id, "active", "3 days")
	if res := b.post("/jobs/"+id+"/renew", url.Values{}); res.Status != http.StatusSeeOther || len(jobOrders(s, id)) != 0 {
		t.Fatalf("renew without payments: %d", res.Status)
	}
}

func TestRenewUpgradeAndRelistArePaidFor(t *testing.T) {
	s, api := newCheckoutSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))

	// Renewal only in the last 7 days of a live job.
	s.setJobStatus(id, "active", "20 days")
	if res := b.post("/jobs/"+id+"/renew", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("early renewal: %d", res.Status)
	}
	s.setJobStatus(id, "active", "3 days")
	toCheckout(t, b.post("/jobs/"+id+"/renew", url.Values{"amount": {"1"}}))
	o := jobOrders(s, id)[0]
	if o.Kind != models.OrderRenewal || o.AmountCents != 9900 || o.Plan != models.PlanStandard {
		t.Fatalf("renewal order %+v", o)
	}
	if got := api.last(t, "/v1/checkout/sessions").Form.Get("line_items[0][price_data][product_data][name]"); got != "Renewal, 30 more days: Outpatient Coder II" {
		t.Fatalf("renewal line %q", got)
	}

	// Upgrade: a live standard job, once.
	toCheckout(t, b.post("/jobs/"+id+"/upgrade", url.Values{"plan": {"standard"}}))
	up := jobOrders(s, id)[1]
	if up.Kind != models.OrderUpgrade || up.Plan != models.PlanFeatured || up.AmountCents != 15000 {
		t.Fatalf("upgrade order %+v", up)
	}
	setSQL(s, `UPDATE jobs SET featured_until = expires_at WHERE id = ?`, id)
	if res := b.post("/jobs/"+id+"/upgrade", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("upgrading a featured job: %d", res.Status)
	}

	// Relisted: edit the expired job, and submitting it pays again.
	setSQL(s, `UPDATE jobs SET status = 'expired', featured_until = NULL, expires_at = now() - interval '1 day' WHERE id = ?`, id)
	if res := b.post("/jobs/"+id, postingForm(co)); res.Status != http.StatusSeeOther || s.jobStatus(id) != models.JobDraft {
		t.Fatalf("relist: %d %s", res.Status, s.jobStatus(id))
	}
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
	orders := jobOrders(s, id)
	if last := orders[len(orders)-1]; len(orders) != 3 || last.Kind != models.OrderPosting || last.AmountCents != 14900 {
		t.Fatalf("relist orders %+v", orders)
	}

	// Other companies' jobs stay out of reach.
	other, _ := postingEmployer(s, "else@example.com", "other-co")
	for _, action := range []string{"submit", "renew", "upgrade"} {
		if res := other.post("/jobs/"+id+"/"+action, url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("other %s: %d", action, res.Status)
		}
	}
}

func TestStripeDownLeavesNoOrder(t *testing.T) {
	ln := httptest.NewServer(http.NotFoundHandler())
	dead := ln.URL
	ln.Close()
	s := newSiteWith(t, stripeEnv(dead))
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	res := b.post("/jobs/"+id+"/submit", url.Values{})
	if res.Status != http.StatusBadGateway || !strings.Contains(res.Body, "could not reach our payment provider") {
		t.Fatalf("submit with Stripe down: %d\n%s", res.Status, res.Body)
	}
	if n := len(jobOrders(s, id)); n != 0 || s.jobStatus(id) != models.JobPendingPayment {
		t.Fatalf("%d orders, job %s", n, s.jobStatus(id))
	}
	mustContain(t, b.get("/employer").Body, "Pay now")
}

// Browsers apply the CSP's form-action to the redirects that follow a form,
// so Stripe's pages must be allowed there or submitting a job goes nowhere.
func TestCSPLetsFormsContinueToStripe(t *testing.T) {
	s := newSite(t)
	csp := s.browser().get("/").Header.Get("Content-Security-Policy")
	for _, origin := range []string{"https://checkout.stripe.com", "https://billing.stripe.com"} {
		if !regexp.MustCompile(`form-action [^;]*` + regexp.QuoteMeta(origin)).MatchString(csp) {
			t.Errorf("CSP form-action does not allow %s: %s", origin, csp)
		}
	}
}
