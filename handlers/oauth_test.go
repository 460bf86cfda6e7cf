package handlers_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"careercenter/models"
)

// idp is an OpenID Connect provider in the test (mockoidc), configured as
// the site's generic OIDC provider. Its authorize endpoint approves at once
// and redirects back with a code and the state.
type idp struct {
	t *testing.T
	m *mockoidc.MockOIDC
	// tokenDown makes the token endpoint answer 500: mockoidc's error queue
	// does not suit, as the OAuth client may try the endpoint twice.
	tokenDown atomic.Bool
	// tokenBody, when set, is the token endpoint's 200 answer.
	tokenBody atomic.Pointer[string]
}

func newOIDCSite(t *testing.T) (*site, *idp) {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{t: t, m: m}
	err = m.AddMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == mockoidc.TokenEndpoint && p.tokenDown.Load() {
				http.Error(w, `{"error":"server_error"}`, http.StatusInternalServerError)
				return
			}
			if body := p.tokenBody.Load(); r.URL.Path == mockoidc.TokenEndpoint && body != nil {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(*body))
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	cfg := m.Config()
	s := newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "OIDC_ISSUER_URL": cfg.Issuer,
		"OIDC_CLIENT_ID": cfg.ClientID, "OIDC_CLIENT_SECRET": cfg.ClientSecret, "OIDC_NAME": "Mock IdP"})
	return s, p
}

func person(sub, email string, verified bool) *mockoidc.MockUser {
	return &mockoidc.MockUser{Subject: sub, Email: email, EmailVerified: verified, PreferredUsername: "Sam " + sub}
}

// begin starts a sign-in (or a link, when b is signed in) and returns the
// provider's authorize URL the site redirected to.
func (p *idp) begin(b *browser, next string) string {
	p.t.Helper()
	path := "/auth/oidc"
	if next != "" {
		path += "?next=" + url.QueryEscape(next)
	}
	res := b.get(path)
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, p.m.AuthorizationEndpoint()+"?") {
		p.t.Fatalf("begin: %d %q", res.Status, res.Location)
	}
	return res.Location
}

// approve plays the person at the provider: it opens the authorize URL as
// user and returns the site's callback path with code and state.
func (p *idp) approve(authURL string, user *mockoidc.MockUser) string {
	p.t.Helper()
	p.m.QueueUser(user)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(authURL)
	if err != nil {
		p.t.Fatal(err)
	}
	res.Body.Close()
	to, err := url.Parse(res.Header.Get("Location"))
	if err != nil || res.StatusCode != http.StatusFound || to.Host != "jobs.test" || to.Path != "/auth/oidc/callback" {
		p.t.Fatalf("authorize: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	return to.RequestURI()
}

// signIn runs the whole round trip and returns the callback's answer.
func (p *idp) signIn(b *browser, next string, user *mockoidc.MockUser) response {
	p.t.Helper()
	return b.get(p.approve(p.begin(b, next), user))
}

func signedIn(t *testing.T, b *browser) bool {
	t.Helper()
	return b.get("/account").Status == http.StatusOK
}

func TestOAuthSignUpAsksOnceThenSignsIn(t *testing.T) {
	s, p := newOIDCSite(t)
	b := s.browser()

	authURL := p.begin(b, "/jobs?q=coder")
	q, _ := url.Parse(authURL)
	if q.Query().Get("code_challenge_method") != "S256" || len(q.Query().Get("code_challenge")) != 43 ||
		len(q.Query().Get("state")) != 43 {
		t.Fatalf("authorize URL without PKCE or a 32-byte state: %s", authURL)
	}
	before := b.cookies["cc_session"]
	res := b.get(p.approve(authURL, person("new-1", "Ada@Example.com", true)))
	if res.Status != http.StatusSeeOther || res.Location != "/welcome?next="+url.QueryEscape("/jobs?q=coder") {
		t.Fatalf("callback: %d %q", res.Status, res.Location)
	}
	if b.cookies["cc_session"] == before || b.cookies["cc_session"] == "" {
		t.Fatal("the session id was not rotated at sign-in")
	}

	page := b.get(res.Location)
	mustContain(t, page.Body, "What brings you here?", `name="next" value="/jobs?q=coder"`)
	res = b.post("/welcome", url.Values{"next": {"/jobs?q=coder"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("welcome without a choice: %d", res.Status)
	}
	mustContain(t, res.Body, "Choose whether you are looking for jobs or hiring.", `value="/jobs?q=coder"`)
	res = b.post("/welcome", url.Values{"account_type": {"employer"}, "next": {"/jobs?q=coder"}})
	if res.Status != http.StatusSeeOther || res.Location != "/jobs?q=coder" {
		t.Fatalf("welcome: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "ada@example.com (verified)", "Sam new-1", "Employer")

	// Next time the same provider account signs straight in, to the same account.
	b.post("/logout", url.Values{})
	res = p.signIn(b, "", person("new-1", "ada@example.com", true))
	if res.Status != http.StatusSeeOther || res.Location != "/account" {
		t.Fatalf("second sign-in: %d %q", res.Status, res.Location)
	}
	n, err := s.db.Bun.NewSelect().Model((*models.User)(nil)).Count(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("%d accounts (%v), want 1", n, err)
	}
}

func TestOAuthCallbackRefusals(t *testing.T) {
	s, p := newOIDCSite(t)
	ada := person("ada", "ada@example.com", true)

	t.Run("replayed callback", func(t *testing.T) {
		b := s.browser()
		callback := p.approve(p.begin(b, ""), ada)
		if res := b.get(callback); res.Status != http.StatusSeeOther {
			t.Fatalf("first use: %d", res.Status)
		}
		b.post("/logout", url.Values{})
		if res := b.get(callback); res.Status != http.StatusBadRequest || signedIn(t, b) {
			t.Fatalf("replay in the same browser: %d", res.Status)
		}
		other := s.browser()
		if res := other.get(callback); res.Status != http.StatusBadRequest || signedIn(t, other) {
			t.Fatalf("replay in another browser: %d", res.Status)
		}
	})
	t.Run("forged state, then the real one", func(t *testing.T) {
		b := s.browser()
		callback := p.approve(p.begin(b, ""), ada)
		forged := strings.Replace(callback, "state=", "state=x", 1)
		res := b.get(forged)
		mustContain(t, res.Body, "This sign-in has expired or was already used.")
		if res.Status != http.StatusBadRequest || signedIn(t, b) {
			t.Fatalf("forged state: %d", res.Status)
		}
		// The forged attempt spent the sign-in in progress.
		if res := b.get(callback); res.Status != http.StatusBadRequest || signedIn(t, b) {
			t.Fatalf("real state after a forged one: %d", res.Status)
		}
	})
	t.Run("missing state", func(t *testing.T) {
		b := s.browser()
		callback, _ := url.Parse(p.approve(p.begin(b, ""), ada))
		res := b.get(callback.Path + "?code=" + callback.Query().Get("code"))
		if res.Status != http.StatusBadRequest || signedIn(t, b) {
			t.Fatalf("missing state: %d", res.Status)
		}
	})
	t.Run("fresh browser gets no session", func(t *testing.T) {
		callback := p.approve(p.begin(s.browser(), ""), ada)
		b := s.browser()
		res := b.get(callback)
		if res.Status != http.StatusBadRequest || b.cookies["cc_session"] != "" {
			t.Fatalf("callback without a session: %d, session cookie %q", res.Status, b.cookies["cc_session"])
		}
	})
	t.Run("the person says no", func(t *testing.T) {
		b := s.browser()
		auth, _ := url.Parse(p.begin(b, ""))
		res := b.get("/auth/oidc/callback?error=access_denied&state=" + url.QueryEscape(auth.Query().Get("state")))
		mustContain(t, res.Body, "You did not allow Mock IdP to sign you in.")
		if res.Status != http.StatusForbidden || signedIn(t, b) {
			t.Fatalf("access_denied: %d", res.Status)
		}
	})
	t.Run("unknown provider", func(t *testing.T) {
		if res := s.browser().get("/auth/google"); res.Status != http.StatusNotFound {
			t.Fatalf("unconfigured provider: %d", res.Status)
		}
	})
}

func TestOAuthProviderFailuresShowAPage(t *testing.T) {
	s, p := newOIDCSite(t)

	b := s.browser()
	callback := p.approve(p.begin(b, ""), person("ada", "ada@example.com", true))
	p.tokenDown.Store(true)
	res := b.get(callback)
	p.tokenDown.Store(false)
	mustContain(t, res.Body, "We could not reach Mock IdP to finish signing you in.")
	if res.Status != http.StatusBadGateway || signedIn(t, b) {
		t.Fatalf("token endpoint failure: %d", res.Status)
	}
	for _, mark := range []string{"oauth2:", "server_error", "127.0.0.1"} {
		if strings.Contains(res.Body, mark) {
			t.Fatalf("page shows %q", mark)
		}
	}

	// A token answer goth cannot read (its id_token is not a string, its
	// ID token has no expiry) is the provider's fault too, never a 500.
	for _, body := range []string{
		`{"access_token":"a","token_type":"bearer","expires_in":600,"id_token":5}`,
		`{"access_token":"a","token_type":"bearer","expires_in":600,"id_token":"e30.eyJzdWIiOiJ4In0.c2ln"}`,
	} {
		b = s.browser()
		callback = p.approve(p.begin(b, ""), person("ada", "ada@example.com", true))
		p.tokenBody.Store(&body)
		res = b.get(callback)
		p.tokenBody.Store(nil)
		if res.Status != http.StatusBadGateway || signedIn(t, b) {
			t.Fatalf("token answer %s: %d", body, res.Status)
		}
	}

	// The provider goes away between the approval and the callback.
	b = s.browser()
	callback = p.approve(p.begin(b, ""), person("ada", "ada@example.com", true))
	if err := p.m.Shutdown(); err != nil {
		t.Fatal(err)
	}
	if res := b.get(callback); res.Status != http.StatusBadGateway || signedIn(t, b) {
		t.Fatalf("provider down: %d", res.Status)
	}
}
