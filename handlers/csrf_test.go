package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func (b *browser) token(path string) string {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get(path).Body)
	if m == nil {
		b.s.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

// postWith sends a form with extra request headers.
func (b *browser) postWith(path string, form url.Values, header map[string]string) response {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return b.do(req)
}

// A token collected before signing in is dead after it, and one collected
// while signed in is dead after signing out.
func TestCSRFTokenRenewedAtSignInAndSignOut(t *testing.T) {
	s := newSite(t)
	s.registered("rotate@example.com")
	b := s.browser()
	before := b.token("/login")
	res := b.postRaw("/login", url.Values{"_csrf": {before}, "email": {"rotate@example.com"}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.Status)
	}
	if res := b.postRaw("/logout", url.Values{"_csrf": {before}}); res.Status != http.StatusForbidden {
		t.Fatalf("the token from before sign-in still works: %d", res.Status)
	}
	signedIn := b.token("/")
	if res := b.postRaw("/logout", url.Values{"_csrf": {signedIn}}); res.Status != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.Status)
	}
	res = b.postRaw("/login", url.Values{"_csrf": {signedIn}, "email": {"rotate@example.com"}, "password": {password}})
	if res.Status != http.StatusForbidden {
		t.Fatalf("the token from before sign-out still works: %d", res.Status)
	}
}

// The token is bound to the session: with the same seed cookie, another
// session's token is refused.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	s := newSite(t)
	a := s.registered("first@example.com")
	b := s.registered("second@example.com")
	b.cookies["csrf"] = a.cookies["csrf"]
	if res := b.postRaw("/logout", url.Values{"_csrf": {a.token("/")}}); res.Status != http.StatusForbidden {
		t.Fatalf("another session's token: %d", res.Status)
	}
	if res := b.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("signed out by a foreign token: %d", res.Status)
	}
}

// A request another site makes the browser send is refused even with a valid
// token; the webhook and one-click unsubscribe have their own checks.
func TestCrossSiteRequestsRefused(t *testing.T) {
	s := newSite(t)
	b := s.registered("victim@example.com")
	token := b.token("/")
	for name, header := range map[string]map[string]string{
		"Sec-Fetch-Site: cross-site": {"Sec-Fetch-Site": "cross-site"},
		"foreign Origin":             {"Origin": "https://jobs.evil.example"},
		"opaque Origin":              {"Origin": "null"},
		"foreign Origin, same-site":  {"Origin": "http://example.com:8080", "Sec-Fetch-Site": "same-site"},
	} {
		if res := b.postWith("/logout", url.Values{"_csrf": {token}}, header); res.Status != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, res.Status)
		}
	}
	if res := b.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("signed out by a cross-site request: %d", res.Status)
	}
	for _, path := range []string{"/stripe/webhook", "/alerts/unsubscribe?token=x"} {
		res := b.postWith(path, url.Values{}, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "null"})
		if res.Status == http.StatusForbidden {
			t.Errorf("%s refused as cross-site", path)
		}
	}
	res := b.postWith("/logout", url.Values{"_csrf": {token}},
		map[string]string{"Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("same-origin sign-out: %d", res.Status)
	}
}
