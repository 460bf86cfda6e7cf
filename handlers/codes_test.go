package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// addCodes stores a few codes with distinct full texts to look for.
func (s *site) addCodes() {
	s.t.Helper()
	_, err := s.db.Bun.NewRaw(`INSERT INTO codes (system, code, descriptor, common_description, related, specialties) VALUES
		('icd-10-cm', 'E11.9', 'Type 2 diabetes mellitus without complications', 'FULLTEXT-E119 adult-onset diabetes', '{E11.65}', '{endocrinology}'),
		('icd-10-cm', 'E11.65', 'Type 2 diabetes mellitus with hyperglycemia', 'FULLTEXT-E1165 high blood sugar', '{E11.9}', '{endocrinology}'),
		('icd-10-cm', 'I10', 'Essential (primary) hypertension', 'FULLTEXT-I10 high blood pressure', '{}', '{cardiology}'),
		('icd-10-cm', 'J44.1', 'Chronic obstructive pulmonary disease with (acute) exacerbation', 'FULLTEXT-J441 COPD flare', '{}', '{pulmonology}')`).
		Exec(s.t.Context())
	if err != nil {
		s.t.Fatal(err)
	}
}

const guestLimitMessage = "0 code page views remaining. Guest accounts are limited to 1 page view. Register free account to get 5 more views."

func TestGuestMeterOnCodePages(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	guest := s.browser()
	mustContain(t, guest.get("/").Body, "1 code page view remaining")

	res := guest.get("/codes/icd-10-cm/E11.9")
	if res.Status != http.StatusOK {
		t.Fatalf("first page: %d", res.Status)
	}
	mustContain(t, res.Body, "FULLTEXT-E119", "0 code page views remaining", "E11.65")

	// Re-opening the counted page is free.
	if res := guest.get("/codes/icd-10-cm/E11.9"); res.Status != http.StatusOK || !strings.Contains(res.Body, "FULLTEXT-E119") {
		t.Fatalf("re-view: %d", res.Status)
	}

	res = guest.get("/codes/icd-10-cm/I10")
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("second page: %d", res.Status)
	}
	mustContain(t, res.Body, guestLimitMessage, "Essential (primary) hypertension", `href="/register"`, `href="/login`,
		`<a href="/pricing#pro">See Pro: unlimited code pages</a>`)
	if strings.Contains(res.Body, "FULLTEXT-I10") {
		t.Fatal("teaser page holds the full text")
	}

	// Cleared cookies, same address: no new view.
	fresh := s.browser()
	if res := fresh.get("/codes/icd-10-cm/J44.1"); res.Status != http.StatusPaymentRequired {
		t.Fatalf("cleared cookies: %d", res.Status)
	}
	// A tampered cookie is a new guest on the same address: no new view.
	forged := s.browser()
	forged.cookies["cc_guest"] = "someone-else.bad-signature"
	if res := forged.get("/codes/icd-10-cm/J44.1"); res.Status != http.StatusPaymentRequired || strings.Contains(res.Body, "FULLTEXT") {
		t.Fatalf("forged cookie: %d", res.Status)
	}

	// The guest registers in the same browser: the view carries over.
	res = guest.post("/register", url.Values{"name": {"Guest Now User"}, "email": {"g@example.com"},
		"password": {password}, "account_type": {"coder"}})
	if res.Status != http.StatusOK {
		t.Fatalf("register: %d", res.Status)
	}
	guest.get(s.lastLink("g@example.com", "/verify"))
	mustContain(t, guest.get("/account").Body, "5 code page views remaining")
	res = guest.get("/codes/icd-10-cm/I10")
	if res.Status != http.StatusOK {
		t.Fatalf("after sign-up: %d", res.Status)
	}
	mustContain(t, res.Body, "FULLTEXT-I10", "4 code page views remaining")
}

func TestFreeAndProAccountsOnCodePages(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	for _, c := range []string{"A1", "A2", "A3", "A4", "A5", "A6", "A7"} {
		if _, err := s.db.Bun.NewRaw(`INSERT INTO codes (system, code, descriptor) VALUES ('cpt', ?, 'Descriptor of ' || ?)`, c, c).
			Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	b := s.registered("free@example.com")
	for i, c := range []string{"A1", "A2", "A3", "A4", "A5", "A6"} {
		if res := b.get("/codes/cpt/" + c); res.Status != http.StatusOK {
			t.Fatalf("view %d: %d", i+1, res.Status)
		}
	}
	res := b.get("/codes/cpt/A7")
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("seventh: %d", res.Status)
	}
	mustContain(t, res.Body, "Free accounts are limited to 6 page views a month", `href="/pricing"`)

	if _, err := s.db.Bun.NewRaw(`UPDATE users SET plan = 'pro' WHERE email = 'free@example.com'`).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	res = b.get("/codes/cpt/A7")
	if res.Status != http.StatusOK || strings.Contains(res.Body, "views remaining") {
		t.Fatalf("pro: %d, header shows a count: %v", res.Status, strings.Contains(res.Body, "views remaining"))
	}
}

func TestCodeSearchAndMissingCode(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	b := s.browser()
	mustContain(t, b.get("/codes?q=diabetes").Body, "E11.9", "E11.65")
	mustContain(t, b.get("/codes?q=zzzzqqq").Body, "No code matches")
	if res := b.get("/codes/icd-10-cm/e119"); res.Status != http.StatusMovedPermanently || res.Location != "/codes/icd-10-cm/E11.9" {
		t.Fatalf("canonical redirect: %d %q", res.Status, res.Location)
	}
	res := b.get("/codes/icd-10-cm/E11.8")
	if res.Status != http.StatusNotFound {
		t.Fatalf("missing code: %d", res.Status)
	}
	mustContain(t, res.Body, "E11.9")
	if res := b.get("/codes/nosuch/E11.9"); res.Status != http.StatusNotFound {
		t.Fatalf("unknown system: %d", res.Status)
	}
	// Searching and missing pages spend nothing.
	mustContain(t, b.get("/").Body, "1 code page view remaining")
}

func TestCodePageLinksToJobsInItsSpecialty(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	res := s.browser().get("/codes/icd-10-cm/E11.9")
	mustContain(t, res.Body, `href="/jobs?specialty=endocrinology"`, "Endocrinology coding jobs")
}
