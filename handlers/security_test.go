package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Every unsafe route refuses a request without a valid CSRF token, for a
// guest and for a signed-in user alike.
func TestEveryUnsafeRouteNeedsCSRFToken(t *testing.T) {
	s := newSite(t)
	exempt := map[string]bool{"/stripe/webhook": true, "/alerts/unsubscribe": true} // signed by other means
	user := s.registered("csrf@example.com")
	guest := s.browser()
	guest.get("/") // has a CSRF cookie, but sends no or a wrong token
	checked := 0
	for _, r := range s.web.GetRoutes(true) {
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			continue
		}
		if exempt[r.Path] {
			continue
		}
		path := regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(r.Path, "1")
		for _, b := range []*browser{guest, user} {
			for _, token := range []string{"", "forged-token"} {
				req := httptest.NewRequest(r.Method, path, strings.NewReader(url.Values{"_csrf": {token}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if res := b.do(req); res.Status != http.StatusForbidden {
					t.Errorf("%s %s with token %q: status %d, want 403", r.Method, r.Path, token, res.Status)
				}
			}
		}
		checked++
	}
	if checked < 8 {
		t.Fatalf("only %d unsafe routes found", checked)
	}
	// The user is still signed in: nothing above changed anything.
	if res := user.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("account: %d", res.Status)
	}
}

// A token from one browser does not work with another browser's cookie.
func TestCSRFTokenIsBoundToTheBrowser(t *testing.T) {
	s := newSite(t)
	a, b := s.browser(), s.browser()
	tokenA := csrfMeta.FindStringSubmatch(a.get("/login").Body)[1]
	b.get("/login")
	res := b.postRaw("/login", url.Values{"_csrf": {tokenA}, "email": {"x@example.com"}, "password": {"whatever12"}})
	if res.Status != http.StatusForbidden {
		t.Fatalf("status %d", res.Status)
	}
}

func TestLoginBackOff(t *testing.T) {
	s := newSite(t)
	s.registered("victim@example.com")
	attacker := s.browser()
	for i := 0; i < 10; i++ {
		res := attacker.post("/login", url.Values{"email": {"victim@example.com"}, "password": {"guess number " + string(rune('a'+i))}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i+1, res.Status)
		}
	}
	// The eleventh attempt waits, even with the right password, from anywhere.
	owner := s.browser()
	owner.ip = "198.51.100.20"
	res := owner.post("/login", url.Values{"email": {"victim@example.com"}, "password": {password}})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("during back-off: %d", res.Status)
	}
	mustContain(t, res.Body, "Too many failed attempts")

	// Once the failures leave the 15-minute window the owner gets in.
	if _, err := s.db.Bun.NewRaw(`UPDATE login_failures SET created_at = created_at - interval '16 minutes'`).
		Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	res = owner.post("/login", url.Values{"email": {"victim@example.com"}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("after back-off: %d", res.Status)
	}
}

func TestRateLimitOnRegistration(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.ip = "192.0.2.99"
	limited := false
	for i := 0; i < 25 && !limited; i++ {
		res := b.post("/register", url.Values{"name": {""}, "email": {"bad"}, "password": {""}})
		limited = res.Status == http.StatusTooManyRequests
	}
	if !limited {
		t.Fatal("25 registrations a minute from one address were all accepted")
	}
	other := s.browser()
	other.ip = "192.0.2.100"
	if res := other.post("/register", url.Values{"name": {""}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("another address is limited too: %d", res.Status)
	}
}

func TestErrorPagesHideInternals(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	res := b.get("/no/such/page")
	if res.Status != http.StatusNotFound {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, "We could not find that page.", "request")
	if strings.Contains(res.Body, "Cannot GET") {
		t.Fatal("framework text on the 404 page")
	}
	req := httptest.NewRequest(http.MethodGet, "/no/such/page", nil)
	req.Header.Set("Accept", "application/json")
	res = b.do(req)
	if res.Status != http.StatusNotFound || !strings.Contains(res.Header.Get("Content-Type"), "json") {
		t.Fatalf("JSON 404: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	mustContain(t, res.Body, `"request_id"`)
	if res := b.get("/dev/mail/abc"); res.Status != http.StatusNotFound {
		t.Fatalf("bad id: %d", res.Status)
	}
}

func TestHeadersHealthAndAssets(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	res := b.get("/")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Request-Id") == "" {
		t.Fatalf("headers %v", res.Header)
	}
	css := regexp.MustCompile(`href="(/assets/[^"]+/css/app\.css)"`).FindStringSubmatch(res.Body)
	if css == nil {
		t.Fatal("no versioned stylesheet link")
	}
	res = b.get(css[1])
	if res.Status != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("asset: %d %v", res.Status, res.Header)
	}
	if res := b.get("/assets/x/../../go.mod"); res.Status == 200 {
		t.Fatal("asset path escapes the assets folder")
	}
	if res := b.get("/healthz"); res.Status != 200 {
		t.Fatalf("healthz %d", res.Status)
	}
	if res := b.get("/readyz"); res.Status != 200 {
		t.Fatalf("readyz %d", res.Status)
	}
}

func TestDevOutboxShowsMail(t *testing.T) {
	s := newSite(t)
	if _, err := s.db.Bun.NewRaw(`INSERT INTO dev_mails (to_addr, subject, text_body, html_body)
		VALUES ('a@example.com', 'Hello there', 'Visit http://jobs.test/verify?token=abc now', '<p>x</p>')`).
		Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	mustContain(t, b.get("/dev/mail").Body, "Hello there", "a@example.com")
	mustContain(t, b.get("/dev/mail/1").Body, `href="http://jobs.test/verify?token=abc"`)
}
