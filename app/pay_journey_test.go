package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stripe/stripe-go/v76/webhook"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

const journeyWebhookSecret = "whsec_test"

// TestPayForAPostingJourney: an employer submits a featured job from the
// dashboard and is sent to Stripe Checkout; Stripe's signed
// checkout.session.completed arrives; back on the site the job is in review
// and the billing page shows the order paid.
func TestPayForAPostingJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startPaySite(t)
	ctx := startPayBrowser(t, exe, fakeCheckout(t))
	const (
		email    = "billing@harborview.example"
		password = "long enough password"
		title    = "Pro-Fee Cardiology Coder — Paid Journey"
	)

	// 1. An employer signs up; their company and a complete featured draft
	// are stored directly (the jobs journey writes them through the forms).
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Morgan Employer", email, password, "employer")
	jobID := storeDraft(t, d, email, title)

	// 2. The pricing page states the server's prices.
	page := load(t, ctx, "/pricing", chromedp.Navigate(base+"/pricing"))
	expectText(t, page, "Posting a job", "$149.00", "$299.00", "$99.00", "$150.00", "$19.00")

	// 3. Submitting from the dashboard lands on Stripe's checkout page.
	load(t, ctx, "/employer", chromedp.Navigate(base+"/employer"))
	res, err := chromedp.RunResponse(ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/jobs/%d/submit"] button[type="submit"]`, jobID))))
	if err != nil { // net::ERR_ABORTED: the CSP's form-action must allow https://checkout.stripe.com
		t.Fatalf("submit: %v", err)
	}
	if u, err := url.Parse(res.URL); err != nil || u.Host != "checkout.stripe.com" || res.Status != 200 {
		t.Fatalf("after submit the browser is at %d %s, want Stripe Checkout", res.Status, res.URL)
	}
	expectText(t, pageText(t, ctx), "Stripe Checkout stand-in")
	o := jobOrder(t, d, jobID)
	if o.Status != models.OrderPending || o.Kind != models.OrderPosting || o.AmountCents != 29900 || o.StripeSessionID == "" {
		t.Fatalf("order after submit: %+v", o)
	}

	// 4. Stripe reports the payment to the webhook.
	deliverPaidSession(t, base, o)
	if o = jobOrder(t, d, jobID); o.Status != models.OrderPaid {
		t.Fatalf("order after the webhook: %s (the webhook must fulfil it)", o.Status)
	}

	// 5. Stripe sends the employer back: paid, in review.
	page = load(t, ctx, "/checkout/success", chromedp.Navigate(base+"/checkout/success?session_id="+o.StripeSessionID))
	expectText(t, page, "Paid — your job is in review", title)
	page = load(t, ctx, "/employer", chromedp.Click(chromedp.CSS(`a[href="/employer"]`)))
	expectText(t, page, title, "In review")
	page = load(t, ctx, "/employer/billing", chromedp.Click(chromedp.CSS(`main a[href="/employer/billing"]`)))
	expectText(t, page, title, "Featured posting", "$299.00", "Paid")
}

// startPaySite is startSite with payments on: Stripe is a stripe-mock and
// webhooks are signed with journeyWebhookSecret.
func startPaySite(t *testing.T) (string, *app.DB) {
	base, d, _ := startSiteWith(t, map[string]string{"STRIPE_SECRET_KEY": "sk_test_123",
		"STRIPE_WEBHOOK_SECRET": journeyWebhookSecret, "STRIPE_API_URL": apptest.StripeMock(t)})
	return base, d
}

// fakeCheckout stands in for checkout.stripe.com, whose address stripe-mock
// returns: a test machine may not reach it, and the journey only needs to see
// the browser arrive there. It returns the stand-in's host:port.
func fakeCheckout(t *testing.T) string {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Checkout</title><h1>Stripe Checkout stand-in</h1>`)
	}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// startPayBrowser is startBrowser with checkout.stripe.com resolved to the
// stand-in at checkout (its test certificate accepted).
func startPayBrowser(t *testing.T, exe, checkout string) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP checkout.stripe.com "+checkout),
		chromedp.Flag("ignore-certificate-errors", true),
		chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancel() })
	return ctx
}

// storeDraft gives the account a company and a complete featured draft, and
// returns the job's id.
func storeDraft(t *testing.T, d *app.DB, email, title string) int64 {
	ctx := context.Background()
	u, err := models.UserByEmail(ctx, d.Bun, email)
	if err != nil {
		t.Fatal(err)
	}
	co, err := models.CreateCompany(ctx, d.Bun, u.ID, models.CompanyInput{Name: "Harborview Billing Partners",
		Website: "https://harborview.example", Kind: "employer", Description: "Pro-fee coding for clinics."})
	if err != nil {
		t.Fatal(err)
	}
	j, err := models.CreateJob(ctx, d.Bun, u.ID, models.JobInput{CompanyID: co.ID, Title: title,
		WorkMode: "remote", EmploymentType: "full_time", Specialties: []string{"cardiology"},
		CodeSets: []string{"cpt"}, Required: [][]string{{"CPC"}}, Experience: "2", ApplyMethod: "url",
		ApplyURL: "https://harborview.example/jobs", Description: "Code cardiology office visits.",
		Plan: models.PlanFeatured}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return j.ID
}

// jobOrder returns the newest order of a job.
func jobOrder(t *testing.T, d *app.DB, jobID int64) *models.Order {
	o := new(models.Order)
	err := d.Bun.NewSelect().Model(o).Where("job_id = ?", jobID).Order("id DESC").Limit(1).Scan(context.Background())
	if err != nil {
		t.Fatalf("the job has no order: %v", err)
	}
	return o
}

// deliverPaidSession posts Stripe's signed checkout.session.completed for
// order o to the webhook, the way Stripe would.
func deliverPaidSession(t *testing.T, base string, o *models.Order) {
	id := strconv.FormatInt(o.ID, 10)
	body, err := json.Marshal(map[string]any{
		"id": "evt_journey_" + id, "object": "event", "api_version": "2023-10-16",
		"type": "checkout.session.completed", "created": time.Now().Unix(), "livemode": false,
		"data": map[string]any{"object": map[string]any{
			"id": o.StripeSessionID, "object": "checkout.session", "mode": "payment",
			"client_reference_id": id, "metadata": map[string]string{"order_id": id},
			"payment_status": "paid", "status": "complete", "payment_intent": "pi_journey_" + id,
			"amount_total": o.AmountCents, "currency": o.Currency,
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: journeyWebhookSecret})
	req, err := http.NewRequest(http.MethodPost, base+"/stripe/webhook", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Stripe-Signature", signed.Header)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("webhook answered %d, want 200", res.StatusCode)
	}
}
