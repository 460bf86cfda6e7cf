package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"careercenter/models"
	"careercenter/models/demo"
)

// What only an unlocked 20697 page shows, one marker per member section.
var sectionMarkers = []string{
	"<strong>one unit per strut</strong>",               // guidelines, rendered Markdown
	"Staged or related procedure by the same physician", // modifiers
	`href="/codes/icd-10-cm/S82.201A"`,                  // crosswalk
	`href="/codes/cpt/36415"`,                           // NCCI edit, linked
	"Clinical: Data",                                    // MUE rationale
	"$439.91",                                           // national non-facility payment
}

func lockedBlocks(t *testing.T, body, lock string) {
	t.Helper()
	if n := strings.Count(body, `class="locked-block"`); n != 6 {
		t.Fatalf("%d locked blocks, want 6:\n%s", n, body)
	}
	mustContain(t, body, lock)
}

func noSections(t *testing.T, body string, markers ...string) {
	t.Helper()
	for _, m := range markers {
		if strings.Contains(body, m) {
			t.Fatalf("a locked page shows %q", m)
		}
	}
}

func TestCodePageSectionsPerViewer(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, s.db.Bun); err != nil {
		t.Fatal(err)
	}
	const guestLock = `<a href="/register">Create a free account to unlock this content</a>`

	// A guest with a view left reads both descriptions; the sections are locked.
	guest := s.browser()
	res := guest.get("/codes/cpt/20697")
	if res.Status != http.StatusOK {
		t.Fatalf("guest: %d", res.Status)
	}
	mustContain(t, res.Body, "Official Description", "Exchanging one strut of a computer-adjusted",
		"American Medical Association. All rights reserved.", "Common Language Description",
		"telescoping struts", "written by CareerCenter's editors", "Register to view content", "0 code page views remaining")
	lockedBlocks(t, res.Body, guestLock)
	noSections(t, res.Body, sectionMarkers...)

	// The same guest at the limit: teaser, limit message, locked blocks.
	res = guest.get("/codes/cpt/99213")
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("guest at the limit: %d", res.Status)
	}
	lockedBlocks(t, res.Body, guestLock)
	noSections(t, res.Body, "Official Description", "whichever favours the documentation", "Synchronous telemedicine", "$84.75")

	// A free account with views: everything, no lock.
	free := s.registered("free@example.com")
	res = free.get("/codes/cpt/20697")
	if res.Status != http.StatusOK {
		t.Fatalf("free: %d", res.Status)
	}
	mustContain(t, res.Body, sectionMarkers...)
	mustContain(t, res.Body, "Jan 1, 2017", "1 – allowed", "2.10", "32.3465", "$108.36")
	noSections(t, res.Body, "Register to view content", "locked-block")

	// The diagnosis side: the crosswalk leads back to the procedures; HCPCS
	// pages carry the public-data notice.
	res = free.get("/codes/icd-10-cm/E11.9")
	mustContain(t, res.Body, `href="/codes/cpt/99213"`, "Use only when <strong>no</strong> diabetic complication",
		"CDC/NCHS", "NCCI edits apply to CPT and HCPCS codes.")
	mustContain(t, free.get("/codes/hcpcs/G0438").Body, "public data published by the Centers for Medicare &amp; Medicaid Services")

	// Free at the limit (6 views): locked, with the way to Pro.
	for _, c := range []string{"93000", "45378", "27447"} {
		if res := free.get("/codes/cpt/" + c); res.Status != http.StatusOK {
			t.Fatalf("free view of %s: %d", c, res.Status)
		}
	}
	res = free.get("/codes/cpt/99213")
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("free at the limit: %d", res.Status)
	}
	lockedBlocks(t, res.Body, `<a href="/pricing">Pro accounts open every code page in full</a>`)
	noSections(t, res.Body, "Register to view content", "whichever favours the documentation", "Synchronous telemedicine")

	// Pro: the page that was stopped opens in full.
	if _, err := s.db.Bun.NewRaw(`UPDATE users SET plan = 'pro' WHERE email = 'free@example.com'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	res = free.get("/codes/cpt/99213")
	if res.Status != http.StatusOK {
		t.Fatalf("pro: %d", res.Status)
	}
	mustContain(t, res.Body, "whichever favours the documentation", "Synchronous telemedicine", `href="/codes/icd-10-cm/E11.65"`, "$84.75")

	// An admin reads every section too.
	admin := s.registered("admin@example.com")
	if _, err := s.db.Bun.NewRaw(`UPDATE users SET is_admin = true WHERE email = 'admin@example.com'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/codes/cpt/20697")
	if res.Status != http.StatusOK {
		t.Fatalf("admin: %d", res.Status)
	}
	mustContain(t, res.Body, sectionMarkers...)
}

// Guidelines are Markdown from an import file: what reaches the page is
// sanitised.
func TestCodeGuidelinesAreSanitised(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, s.db.Bun); err != nil {
		t.Fatal(err)
	}
	file := "system,code,guidelines\ncpt,99214,\"Fine **tip** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>\"\n"
	if rep, err := models.ImportCodeSection(ctx, s.db.Bun, models.ImportKindGuidelines, strings.NewReader(file), 2025, nil); err != nil || rep.Added != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	res := s.registered("reader@example.com").get("/codes/cpt/99214")
	mustContain(t, res.Body, "Fine <strong>tip</strong>")
	for _, bad := range []string{"<script>alert(1)", "javascript:alert", "onerror"} {
		if strings.Contains(res.Body, bad) {
			t.Errorf("page holds %q", bad)
		}
	}
}
