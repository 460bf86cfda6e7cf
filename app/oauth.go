package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/google"
	"github.com/markbates/goth/providers/openidConnect"

	"careercenter/handlers"
)

// linkedInDiscovery is LinkedIn's OpenID Connect configuration. goth's own
// linkedin provider calls the profile API of LinkedIn's retired sign-in
// product (r_liteprofile), so LinkedIn goes through openidConnect.
const linkedInDiscovery = "https://www.linkedin.com/oauth/.well-known/openid-configuration"

// readOAuth reads the sign-in providers' keys: each provider needs all of
// its variables or none.
func readOAuth(c *Config, getenv func(string) string, problems []string) []string {
	c.GoogleClientID, c.GoogleClientSecret = getenv("GOOGLE_CLIENT_ID"), getenv("GOOGLE_CLIENT_SECRET")
	c.GitHubClientID, c.GitHubClientSecret = getenv("GITHUB_CLIENT_ID"), getenv("GITHUB_CLIENT_SECRET")
	c.LinkedInClientID, c.LinkedInClientSecret = getenv("LINKEDIN_CLIENT_ID"), getenv("LINKEDIN_CLIENT_SECRET")
	c.OIDCIssuerURL = strings.TrimRight(getenv("OIDC_ISSUER_URL"), "/")
	c.OIDCClientID, c.OIDCClientSecret = getenv("OIDC_CLIENT_ID"), getenv("OIDC_CLIENT_SECRET")
	c.OIDCName = strings.TrimSpace(getenv("OIDC_NAME"))
	for _, group := range [][]struct{ name, val string }{
		{{"GOOGLE_CLIENT_ID", c.GoogleClientID}, {"GOOGLE_CLIENT_SECRET", c.GoogleClientSecret}},
		{{"GITHUB_CLIENT_ID", c.GitHubClientID}, {"GITHUB_CLIENT_SECRET", c.GitHubClientSecret}},
		{{"LINKEDIN_CLIENT_ID", c.LinkedInClientID}, {"LINKEDIN_CLIENT_SECRET", c.LinkedInClientSecret}},
		{{"OIDC_ISSUER_URL", c.OIDCIssuerURL}, {"OIDC_CLIENT_ID", c.OIDCClientID}, {"OIDC_CLIENT_SECRET", c.OIDCClientSecret}},
	} {
		var set, missing []string
		for _, v := range group {
			if v.val != "" {
				set = append(set, v.name)
			} else {
				missing = append(missing, v.name)
			}
		}
		if len(set) > 0 && len(missing) > 0 {
			problems = append(problems, strings.Join(missing, " and ")+" must be set together with "+strings.Join(set, " and "))
		}
	}
	if c.OIDCIssuerURL != "" {
		// goth trusts the ID token because it comes straight from the token
		// endpoint (OpenID Connect Core 3.1.3.7): that takes TLS.
		if u, err := url.Parse(c.OIDCIssuerURL); err != nil || u.Host == "" || (u.Scheme != "https" && !(c.Dev() && u.Scheme == "http")) {
			problems = append(problems, "OIDC_ISSUER_URL must be an https URL such as https://login.example.com")
		}
	}
	if c.OIDCName == "" {
		c.OIDCName = "single sign-on"
	}
	return problems
}

// oauthProviders builds the sign-in providers whose keys are configured, in
// the order of their buttons. Callbacks are BASE_URL/auth/<name>/callback.
func oauthProviders(cfg Config) []handlers.OAuthProvider {
	// goth falls back to http.DefaultClient, which never gives up on a
	// provider that hangs.
	client := &http.Client{Timeout: 15 * time.Second}
	callback := func(name string) string { return cfg.BaseURL + "/auth/" + name + "/callback" }
	var out []handlers.OAuthProvider
	if cfg.GoogleClientID != "" {
		p := google.New(cfg.GoogleClientID, cfg.GoogleClientSecret, callback("google"), "email", "profile")
		p.HTTPClient = client
		out = append(out, handlers.OAuthProvider{Name: "google", Label: "Google", Key: "google", Open: fixed(p),
			EmailVerified: claimTrue("verified_email", "email_verified")})
	}
	if cfg.GitHubClientID != "" {
		p := github.New(cfg.GitHubClientID, cfg.GitHubClientSecret, callback("github"), "user:email")
		p.HTTPClient = client
		out = append(out, handlers.OAuthProvider{Name: "github", Label: "GitHub", Key: "github", Open: fixed(p),
			EmailVerified: githubVerified(client, github.EmailURL)})
	}
	if cfg.LinkedInClientID != "" {
		src := &oidcSource{name: "linkedin", discovery: linkedInDiscovery, issuer: "https://www.linkedin.com/oauth",
			id: cfg.LinkedInClientID, secret: cfg.LinkedInClientSecret, callback: callback("linkedin"), client: client}
		out = append(out, handlers.OAuthProvider{Name: "linkedin", Label: "LinkedIn", Key: "linkedin", Open: src.open,
			EmailVerified: claimTrue("email_verified")})
	}
	if cfg.OIDCIssuerURL != "" {
		src := &oidcSource{name: "oidc", discovery: cfg.OIDCIssuerURL + "/.well-known/openid-configuration",
			issuer: cfg.OIDCIssuerURL, id: cfg.OIDCClientID, secret: cfg.OIDCClientSecret, callback: callback("oidc"), client: client}
		out = append(out, handlers.OAuthProvider{Name: "oidc", Label: cfg.OIDCName, Key: "oidc:" + cfg.OIDCIssuerURL, Open: src.open,
			EmailVerified: claimTrue("email_verified")})
	}
	return out
}

// fixed opens a provider with known endpoints. goth's google and github
// providers send no PKCE verifier, so they get no challenge either.
func fixed(p goth.Provider) func(context.Context) (goth.Provider, bool, error) {
	return func(context.Context) (goth.Provider, bool, error) { return p, false, nil }
}

// oidcSource discovers an OpenID Connect issuer on first use, so the site
// starts while the issuer is down, and tries again until discovery works.
type oidcSource struct {
	name, discovery, issuer, id, secret, callback string
	client                                        *http.Client

	mu       sync.Mutex
	provider goth.Provider
	pkce     bool
}

func (s *oidcSource) open(ctx context.Context) (goth.Provider, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, s.pkce, nil
	}
	var d struct {
		Issuer   string   `json:"issuer"`
		Auth     string   `json:"authorization_endpoint"`
		Token    string   `json:"token_endpoint"`
		UserInfo string   `json:"userinfo_endpoint"`
		PKCE     []string `json:"code_challenge_methods_supported"`
	}
	if err := getJSON(ctx, s.client, s.discovery, "", &d); err != nil {
		return nil, false, fmt.Errorf("discover %s: %w", s.name, err)
	}
	// The issuer must be the one configured (OpenID Discovery §4.3); goth
	// then checks every ID token's iss against it.
	scheme, _, _ := strings.Cut(s.issuer, "://")
	for _, e := range []string{d.Auth, d.Token, d.UserInfo} {
		if e != "" && !strings.HasPrefix(e, scheme+"://") {
			return nil, false, fmt.Errorf("discover %s: endpoint %q is not %s", s.name, e, scheme)
		}
	}
	if strings.TrimRight(d.Issuer, "/") != strings.TrimRight(s.issuer, "/") || d.Auth == "" || d.Token == "" {
		return nil, false, fmt.Errorf("discover %s: issuer %q or endpoints do not match the configuration", s.name, d.Issuer)
	}
	p, err := openidConnect.NewCustomisedURL(s.id, s.secret, s.callback, d.Auth, d.Token, d.Issuer, d.UserInfo, "",
		"openid", "profile", "email")
	if err != nil {
		return nil, false, err
	}
	p.SetName(s.name)
	p.HTTPClient = s.client
	s.provider, s.pkce = p, slices.Contains(d.PKCE, "S256")
	return s.provider, s.pkce, nil
}

// claimTrue reads the provider's "address verified" flag from its user data
// (a JSON true, or "true" from providers that send strings).
func claimTrue(keys ...string) func(context.Context, goth.User) (bool, error) {
	return func(_ context.Context, u goth.User) (bool, error) {
		for _, k := range keys {
			switch v := u.RawData[k].(type) {
			case bool:
				return v, nil
			case string:
				return v == "true", nil
			}
		}
		return false, nil
	}
}

// githubVerified asks GitHub whether the address goth found is verified:
// a public profile address need not be.
func githubVerified(client *http.Client, emailURL string) func(context.Context, goth.User) (bool, error) {
	return func(ctx context.Context, u goth.User) (bool, error) {
		if u.Email == "" {
			return false, nil
		}
		var emails []struct {
			Email    string `json:"email"`
			Verified bool   `json:"verified"`
		}
		if err := getJSON(ctx, client, emailURL, u.AccessToken, &emails); err != nil {
			return false, fmt.Errorf("github emails: %w", err)
		}
		for _, e := range emails {
			if e.Verified && strings.EqualFold(e.Email, u.Email) {
				return true, nil
			}
		}
		return false, nil
	}
}

func getJSON(ctx context.Context, client *http.Client, url, bearer string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return errors.New(res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}
