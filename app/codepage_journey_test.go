package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"careercenter/models/demo"
)

// TestCodePageSectionsJourney: a guest opens the reference code page and
// reads both descriptions above six locked member sections, follows a lock
// to registration, signs up, and finds the sections open on the same page.
func TestCodePageSectionsJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	if err := demo.SeedSampleCodes(context.Background(), d.Bun); err != nil {
		t.Fatal(err)
	}
	ctx := startBrowser(t, exe)
	locked := func() int {
		return run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('.code-section .locked-block').length`))
	}

	page := load(t, ctx, "/codes/cpt/20697", chromedp.Navigate(base+"/codes/cpt/20697"))
	expectText(t, page, "Official Description", "Exchanging one strut of a computer-adjusted multiplane external fixation frame",
		"American Medical Association", "Common Language Description", "telescoping struts",
		"Register to view content", "Create a free account to unlock this content", "0 code page views remaining")
	if n := locked(); n != 6 {
		t.Fatalf("%d locked sections, want 6", n)
	}
	if strings.Contains(page, "Staged or related procedure") || strings.Contains(page, "Column 1") {
		t.Fatal("a guest sees a member section")
	}

	load(t, ctx, "/register", chromedp.Click(chromedp.CSS(`.locked-block a[href="/register"]`)))
	registerAndVerify(t, ctx, base, "Casey Coder", "casey@example.com", "long enough password", "coder")

	page = load(t, ctx, "/codes/cpt/20697", chromedp.Navigate(base+"/codes/cpt/20697"))
	expectText(t, page, "Official Description", "Common Language Description", "Coding guidelines and tips",
		"one unit per strut", "Staged or related procedure", "S82.201A", "Column 1", "Jan 1, 2017",
		"3 Date of Service Edit: Clinical", "Medicare payment", "$439.91", "5 code page views remaining")
	if n := locked(); n != 0 {
		t.Fatalf("%d sections still locked after sign-up", n)
	}

	// The crosswalk leads to the diagnosis, whose page leads back.
	page = load(t, ctx, "/codes/icd-10-cm/S82.201A", chromedp.Click(chromedp.CSS(`#crosswalk a[href="/codes/icd-10-cm/S82.201A"]`)))
	expectText(t, page, "Unspecified fracture of shaft of right tibia", "CPT and HCPCS procedure codes commonly reported with S82.201A")
	load(t, ctx, "/codes/cpt/20697", chromedp.Click(chromedp.CSS(`#crosswalk a[href="/codes/cpt/20697"]`)))
}
