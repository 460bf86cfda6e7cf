package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// submittedOrder writes a job for company co, submits it to checkout and
// returns the job's id and its order.
func submittedOrder(t *testing.T, s *site, b *browser, co, title string) (string, models.Order) {
	t.Helper()
	form := postingForm(co)
	form.Set("title", title)
	id := postingDraft(b, form)
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
	return id, jobOrders(s, id)[0]
}

func TestBillingListsOnlyTheUsersCompanies(t *testing.T) {
	s, _ := newCheckoutSite(t)
	acme, acmeCo := postingEmployer(s, "hr@acme.example", "acme-health")
	beta, betaCo := postingEmployer(s, "hr@beta.example", "beta-clinic")
	_, paid := submittedOrder(t, s, acme, acmeCo, "Acme Inpatient Coder")
	submittedOrder(t, s, beta, betaCo, "Beta Risk Adjustment Coder")
	setSQL(s, `UPDATE orders SET status = 'paid', receipt_url = 'https://pay.stripe.com/receipts/acme' WHERE id = ?`, paid.ID)

	res := acme.get("/employer/billing")
	if res.Status != http.StatusOK {
		t.Fatalf("billing: %d", res.Status)
	}
	mustContain(t, res.Body, "Acme Inpatient Coder", "Standard posting", "$149.00", "Paid",
		`href="https://pay.stripe.com/receipts/acme"`)
	lacks(t, res.Body, "Beta Risk Adjustment Coder")
	mustContain(t, beta.get("/employer/billing").Body, "Beta Risk Adjustment Coder", "Not paid yet")
	mustContain(t, acme.get("/employer").Body, `href="/employer/billing"`)
	mustContain(t, s.registered("new@example.com").get("/employer/billing").Body, "No payments yet")
}

func TestAdminPaymentsAndRefund(t *testing.T) {
	s, api := newCheckoutSite(t)
	b, co := postingEmployer(s, "hr@acme.example", "acme-health")
	_, pending := submittedOrder(t, s, b, co, "Pending Coder")
	_, paid := submittedOrder(t, s, b, co, "Paid Coder")
	setSQL(s, `UPDATE orders SET status = 'paid', paid_at = now(), stripe_payment_intent_id = 'pi_test_1',
		disputed_at = now() WHERE id = ?`, paid.ID)
	admin := postingAdmin(s, "admin@example.com")
	paidID, pendingID := strconv.FormatInt(paid.ID, 10), strconv.FormatInt(pending.ID, 10)

	// Non-admins find nothing.
	for name, other := range map[string]*browser{"guest": s.browser(), "employer": b} {
		if res := other.get("/admin/payments"); res.Status != http.StatusNotFound {
			t.Errorf("%s GET payments: %d", name, res.Status)
		}
		if res := other.post("/admin/orders/"+paidID+"/refund", url.Values{}); res.Status != http.StatusNotFound {
			t.Errorf("%s refund: %d", name, res.Status)
		}
	}

	res := admin.get("/admin/payments")
	if res.Status != http.StatusOK {
		t.Fatalf("payments: %d", res.Status)
	}
	mustContain(t, res.Body, "hr@acme.example", "Co acme-health", "Pending Coder", "Paid Coder", "Disputed",
		`action="/admin/orders/`+paidID+`/refund"`)
	if strings.Index(res.Body, "Paid Coder") > strings.Index(res.Body, "Pending Coder") {
		t.Fatal("orders are not newest first")
	}
	lacks(t, res.Body, `action="/admin/orders/`+pendingID+`/refund"`)

	// A refund is asked of Stripe; the order changes only with its webhook.
	res = admin.post("/admin/orders/"+paidID+"/refund", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/admin/payments" {
		t.Fatalf("refund: %d %q\n%s", res.Status, res.Location, res.Body)
	}
	mustContain(t, admin.get("/admin/payments").Body, "Refund requested", "when Stripe confirms it")
	call := api.last(t, "/v1/refunds")
	if call.Form.Get("payment_intent") != "pi_test_1" || call.Form.Get("metadata[order_id]") != paidID {
		t.Fatalf("refund sent %v", call.Form)
	}
	if o := jobOrders(s, strconv.FormatInt(paid.JobID, 10))[0]; o.Status != models.OrderPaid {
		t.Fatalf("order is %s before the webhook", o.Status)
	}
	if res := admin.post("/admin/orders/"+pendingID+"/refund", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("refunding an unpaid order: %d", res.Status)
	}
}

func TestProCheckoutAndPortal(t *testing.T) {
	s, api := newCheckoutSite(t)
	b := s.registered("reader@example.com")
	mustContain(t, b.get("/account").Body, "Free", `action="/pro/checkout"`, "Upgrade to Pro")
	mustContain(t, b.get("/pricing").Body, "$19.00", `action="/pro/checkout"`)
	lacks(t, b.get("/pricing").Body, "Payments are off")

	// No customer yet: nothing to manage.
	res := b.post("/billing/portal", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/account" {
		t.Fatalf("portal without customer: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "no subscription to manage")

	toCheckout(t, b.post("/pro/checkout", url.Values{"amount": {"1"}}))
	var o models.Order
	if err := s.db.Bun.NewSelect().Model(&o).Where("kind = 'pro'").Scan(t.Context()); err != nil {
		t.Fatal(err)
	}
	if o.Plan != models.PlanPro || o.AmountCents != 1900 || o.JobID != 0 || o.Status != models.OrderPending || o.StripeSessionID == "" {
		t.Fatalf("pro order %+v", o)
	}
	call := api.last(t, "/v1/checkout/sessions")
	if call.Form.Get("mode") != "subscription" || call.Form.Get("line_items[0][price_data][recurring][interval]") != "month" ||
		call.Form.Get("line_items[0][price_data][unit_amount]") != "1900" {
		t.Fatalf("pro checkout sent %v", call.Form)
	}

	// Pro with a Stripe customer: manage it in the portal.
	setSQL(s, `UPDATE users SET plan = 'pro', stripe_customer_id = 'cus_test_1' WHERE email = 'reader@example.com'`)
	mustContain(t, b.get("/account").Body, "Pro", `action="/billing/portal"`, "Manage subscription")
	res = b.post("/pro/checkout", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/account" {
		t.Fatalf("pro checkout when Pro: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "already on Pro")
	res = b.post("/billing/portal", url.Values{})
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "https://") {
		t.Fatalf("portal: %d %q", res.Status, res.Location)
	}
	if call := api.last(t, "/v1/billing_portal/sessions"); call.Form.Get("customer") != "cus_test_1" ||
		call.Form.Get("return_url") != "http://jobs.test/account" {
		t.Fatalf("portal sent %v", call.Form)
	}
}

func TestProCannotBeBoughtWithoutStripe(t *testing.T) {
	s := newSite(t)
	b := s.registered("reader@example.com")
	res := b.post("/pro/checkout", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/pricing" {
		t.Fatalf("pro checkout: %d %q", res.Status, res.Location)
	}
	page := b.get("/pricing").Body
	mustContain(t, page, "Pro cannot be bought on this server")
	lacks(t, page, `action="/pro/checkout"`)
}
