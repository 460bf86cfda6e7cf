package handlers_test

import (
	"net/http"
	"net/url"
	"testing"
)

// Every route marked `limited` in the route table refuses the 21st post in a
// minute from one address, and only that address; routes not marked, and
// pages read with GET, are not limited.
func TestPerAddressLimitsApplyWhereMarked(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.ip = "192.0.2.41"
	token := b.token("/login")
	limited := []string{"/login", "/register", "/password/forgot", "/password/reset", "/verify/resend",
		"/alerts", "/login/link", "/login/link/use", "/companies/acme/invites", "/candidates/1/invites"}
	for _, path := range limited {
		for i := 1; i <= 20; i++ {
			if res := b.postRaw(path, url.Values{"_csrf": {token}}); res.Status == http.StatusTooManyRequests {
				t.Fatalf("POST %s: refused at post %d of 20", path, i)
			}
		}
		if res := b.postRaw(path, url.Values{"_csrf": {token}}); res.Status != http.StatusTooManyRequests {
			t.Fatalf("POST %s: the 21st post in a minute got %d, want 429", path, res.Status)
		}
	}
	other := s.browser()
	other.ip = "192.0.2.42"
	if res := other.post("/login", url.Values{}); res.Status == http.StatusTooManyRequests {
		t.Fatal("another address is limited too")
	}
	for i := 0; i < 25; i++ {
		if res := b.get("/login"); res.Status != http.StatusOK {
			t.Fatalf("GET /login %d: %d", i+1, res.Status)
		}
		if res := b.postRaw("/logout", url.Values{"_csrf": {token}}); res.Status == http.StatusTooManyRequests {
			t.Fatalf("POST /logout, not marked, refused at post %d", i+1)
		}
	}
}
