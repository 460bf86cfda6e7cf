package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/markbates/goth"
)

func oauthEnv(extra map[string]string) func(string) string {
	env := map[string]string{"APP_ENV": "dev", "PORT": "3000", "BASE_URL": "https://jobs.example.com"}
	for k, v := range extra {
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

func TestOAuthProvidersAreBuiltFromTheirKeys(t *testing.T) {
	all := map[string]string{
		"GOOGLE_CLIENT_ID": "g-id", "GOOGLE_CLIENT_SECRET": "g-secret",
		"GITHUB_CLIENT_ID": "gh-id", "GITHUB_CLIENT_SECRET": "gh-secret",
		"LINKEDIN_CLIENT_ID": "li-id", "LINKEDIN_CLIENT_SECRET": "li-secret",
		"OIDC_ISSUER_URL": "https://login.example.com/", "OIDC_CLIENT_ID": "o-id", "OIDC_CLIENT_SECRET": "o-secret",
		"OIDC_NAME": "Hospital SSO",
	}
	tests := []struct {
		name string
		env  map[string]string
		want []string // name/label/key of each provider, in button order
	}{
		{"none", nil, nil},
		{"all", all, []string{"google/Google/google", "github/GitHub/github",
			"linkedin/LinkedIn/linkedin", "oidc/Hospital SSO/oidc:https://login.example.com"}},
		{"github only", map[string]string{"GITHUB_CLIENT_ID": "a", "GITHUB_CLIENT_SECRET": "b"}, []string{"github/GitHub/github"}},
		{"oidc without a name", map[string]string{"OIDC_ISSUER_URL": "https://sso.example.com", "OIDC_CLIENT_ID": "a",
			"OIDC_CLIENT_SECRET": "b"}, []string{"oidc/single sign-on/oidc:https://sso.example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := LoadConfig(oauthEnv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range oauthProviders(cfg) {
				got = append(got, p.Name+"/"+p.Label+"/"+p.Key)
				if p.Open == nil || p.EmailVerified == nil {
					t.Fatalf("%s is not complete", p.Name)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("providers %v, want %v", got, tt.want)
			}
		})
	}

	// Google and GitHub need no discovery: their authorize URLs carry the
	// client id, the callback and the state.
	cfg, _ := LoadConfig(oauthEnv(all))
	ids := map[string]string{"google": "g-id", "github": "gh-id"}
	for _, p := range oauthProviders(cfg)[:2] {
		gp, pkce, err := p.Open(context.Background())
		if err != nil || pkce {
			t.Fatalf("%s: %v pkce=%v", p.Name, err, pkce)
		}
		s, _ := gp.BeginAuth("the-state")
		u, _ := s.GetAuthURL()
		for _, part := range []string{"client_id=" + ids[p.Name], "state=the-state",
			"redirect_uri=https%3A%2F%2Fjobs.example.com%2Fauth%2F" + p.Name + "%2Fcallback"} {
			if !strings.Contains(u, part) {
				t.Fatalf("%s authorize URL %s lacks %s", p.Name, u, part)
			}
		}
	}
}

func TestOAuthConfigNeedsEveryKeyOfAProvider(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"GOOGLE_CLIENT_ID": "a"}, "GOOGLE_CLIENT_SECRET must be set together with GOOGLE_CLIENT_ID"},
		{map[string]string{"LINKEDIN_CLIENT_SECRET": "a"}, "LINKEDIN_CLIENT_ID must be set together with LINKEDIN_CLIENT_SECRET"},
		{map[string]string{"OIDC_ISSUER_URL": "https://sso.example.com"},
			"OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together with OIDC_ISSUER_URL"},
		{map[string]string{"OIDC_ISSUER_URL": "sso.example.com", "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b"},
			"OIDC_ISSUER_URL must be an https URL"},
		{map[string]string{"APP_ENV": "production", "OIDC_ISSUER_URL": "http://sso.example.com", "OIDC_CLIENT_ID": "a",
			"OIDC_CLIENT_SECRET": "b"}, "OIDC_ISSUER_URL must be an https URL"},
	} {
		_, err := LoadConfig(oauthEnv(tt.env))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.env, err, tt.want)
		}
	}
}

// Discovery happens on first use, is retried after a failure, and refuses
// an issuer other than the configured one.
func TestOIDCDiscovery(t *testing.T) {
	var up, wrongIssuer atomic.Bool
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !up.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		issuer := srv.URL
		if wrongIssuer.Load() {
			issuer = "https://evil.example"
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"issuer":"` + issuer + `","authorization_endpoint":"` + srv.URL + `/authorize",` +
			`"token_endpoint":"` + srv.URL + `/token","code_challenge_methods_supported":["S256"]}`))
	}))
	defer srv.Close()
	cfg, err := LoadConfig(oauthEnv(map[string]string{"OIDC_ISSUER_URL": srv.URL, "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b"}))
	if err != nil {
		t.Fatal(err)
	}
	p := oauthProviders(cfg)[0]
	ctx := context.Background()
	if _, _, err := p.Open(ctx); err == nil {
		t.Fatal("opened while the issuer is down")
	}
	up.Store(true)
	wrongIssuer.Store(true)
	if _, _, err := p.Open(ctx); err == nil {
		t.Fatal("accepted another issuer")
	}
	wrongIssuer.Store(false)
	gp, pkce, err := p.Open(ctx)
	if err != nil || !pkce || gp.Name() != "oidc" {
		t.Fatalf("open: %v pkce=%v", err, pkce)
	}
	up.Store(false) // remembered: no second discovery
	if again, _, err := p.Open(ctx); err != nil || again != gp {
		t.Fatalf("second open: %v", err)
	}
}

func TestEmailVerifiedFlags(t *testing.T) {
	ctx := context.Background()
	check := claimTrue("verified_email", "email_verified")
	for raw, want := range map[string]bool{"true": true, "false": false, "absent": false} {
		data := map[string]any{}
		switch raw {
		case "true":
			data["verified_email"] = true
		case "false":
			data["email_verified"] = "false"
		}
		if got, _ := check(ctx, goth.User{RawData: data}); got != want {
			t.Errorf("%s: %v", raw, got)
		}
	}

	gh := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`[{"email":"public@example.com","verified":false},{"email":"Main@Example.com","verified":true}]`))
	}))
	defer gh.Close()
	verified := githubVerified(gh.Client(), gh.URL)
	for email, want := range map[string]bool{"main@example.com": true, "public@example.com": false, "other@example.com": false} {
		if got, err := verified(ctx, goth.User{Email: email, AccessToken: "tok"}); err != nil || got != want {
			t.Errorf("github %s: %v %v", email, got, err)
		}
	}
	if _, err := verified(ctx, goth.User{Email: "main@example.com", AccessToken: "bad"}); err == nil {
		t.Error("a refused emails request counts as an answer")
	}
}
