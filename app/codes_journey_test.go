package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"careercenter/models/demo"
)

// TestCodePagesJourney: a guest reads one code page in full, the next shows
// the limit message, the guest registers and has five views left, and reads
// the page that was stopped.
func TestCodePagesJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	if err := demo.SeedSampleCodes(context.Background(), d.Bun); err != nil {
		t.Fatal(err)
	}
	ctx := startBrowser(t, exe)

	page := load(t, ctx, "/codes/icd-10-cm/E11.9", chromedp.Navigate(base+"/codes/icd-10-cm/E11.9"))
	expectText(t, page, "Type 2 diabetes mellitus without complications", "0 code page views remaining")

	page = loadStatus(t, ctx, "/codes/icd-10-cm/I10", 402, chromedp.Navigate(base+"/codes/icd-10-cm/I10"))
	expectText(t, page, "0 code page views remaining. Guest accounts are limited to 1 page view. "+
		"Register free account to get 5 more views.")
	if strings.Contains(page, "Related codes") {
		t.Fatal("the teaser shows the full page")
	}

	load(t, ctx, "/register", chromedp.Click(chromedp.CSS(`.meter-empty a[href="/register"]`)))
	registerAndVerify(t, ctx, base, "Quinn Coder", "quinn@example.com", "long enough password", "coder")
	left := run(t, ctx, chromedp.Text(chromedp.ID("views-left")))
	if left != "5 code page views remaining" {
		t.Fatalf("header after sign-up: %q", left)
	}

	page = load(t, ctx, "/codes/icd-10-cm/I10", chromedp.Navigate(base+"/codes/icd-10-cm/I10"))
	expectText(t, page, "Essential (primary) hypertension", "4 code page views remaining")
}
