package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Ten wrong passwords throttle an account for everyone, but its owner is
// told once and can still sign in with a single-use emailed link; the
// throttle stays for whoever was guessing.
func TestThrottledOwnerSignsInWithAnEmailedLink(t *testing.T) {
	s := newSite(t)
	s.registered("owner@example.com")
	before := len(s.emails("owner@example.com"))
	attacker := s.browser()
	for i := 0; i < 13; i++ {
		attacker.post("/login", url.Values{"email": {"owner@example.com"}, "password": {"guess " + string(rune('a'+i))}})
	}
	attempts := 0
	for _, m := range s.emails("owner@example.com")[before:] {
		if strings.Contains(m.Subject, "Failed sign-in attempts") {
			attempts++
		}
	}
	if attempts != 1 {
		t.Fatalf("%d emails about failed attempts, want 1", attempts)
	}

	owner := s.browser()
	owner.ip = "198.51.100.20"
	res := owner.post("/login", url.Values{"email": {"owner@example.com"}, "password": {password}, "next": {"/saved"}})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("throttled sign-in: %d", res.Status)
	}
	mustContain(t, res.Body, "Email me a sign-in link", `action="/login/link"`)
	if page := owner.get("/login"); strings.Contains(page.Body, "Email me a sign-in link") {
		t.Fatal("the link is offered before any throttle")
	}

	res = owner.post("/login/link", url.Values{"email": {"Owner@Example.com"}, "next": {"/saved"}})
	mustContain(t, res.Body, "Check your email", "owner@example.com")
	link := s.lastLink("owner@example.com", "/login/link?token=")
	u, _ := url.Parse(link)
	secret := u.Query().Get("token")
	var stored int
	err := s.db.Bun.NewRaw(`SELECT count(*) FROM user_tokens WHERE purpose = 'sign_in' AND token_hash <> ?::bytea
		AND expires_at BETWEEN now() + interval '14 minutes' AND now() + interval '15 minutes'`, []byte(secret)).
		Scan(context.Background(), &stored)
	if err != nil || stored != 1 {
		t.Fatalf("stored sign-in links: %d %v", stored, err)
	}

	page := owner.get(u.RequestURI())
	mustContain(t, page.Body, `action="/login/link/use"`)
	if res := owner.get("/account"); res.Status == http.StatusOK {
		t.Fatal("opening the link signed in without the button")
	}
	res = owner.post("/login/link/use", url.Values{"token": {secret}, "next": {"/saved"}})
	if res.Status != http.StatusSeeOther || res.Location != "/saved" {
		t.Fatalf("use link: %d %q", res.Status, res.Location)
	}
	if res := owner.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("signed in by link: %d", res.Status)
	}

	again := s.browser()
	if res := again.post("/login/link/use", url.Values{"token": {secret}}); res.Status != http.StatusNotFound {
		t.Fatalf("a spent link: %d", res.Status)
	}
	res = attacker.post("/login", url.Values{"email": {"owner@example.com"}, "password": {password}})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("the guesser after the owner signed in: %d", res.Status)
	}

	// An expired link does nothing; an unknown address gets the same page and no mail.
	owner.post("/login/link", url.Values{"email": {"owner@example.com"}})
	expired, _ := url.Parse(s.lastLink("owner@example.com", "/login/link?token="))
	if _, err := s.db.Bun.NewRaw(`UPDATE user_tokens SET expires_at = ? WHERE purpose = 'sign_in' AND used_at IS NULL`,
		time.Now().Add(-time.Second)).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if res := again.get(expired.RequestURI()); res.Status != http.StatusNotFound {
		t.Fatalf("an expired link: %d", res.Status)
	}
	res = again.post("/login/link", url.Values{"email": {"nobody@example.com"}})
	mustContain(t, res.Body, "Check your email", "nobody@example.com")
	if n := len(s.emails("nobody@example.com")); n != 0 {
		t.Fatalf("%d emails to an unknown address", n)
	}
}
