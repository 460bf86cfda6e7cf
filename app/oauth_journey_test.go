package app_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"

	"careercenter/app"
	"careercenter/app/apptest"
)

// TestOAuthJourney signs up through an OpenID Connect provider in a real
// browser: the login page's button, the provider (mockoidc approves at
// once), back to the site, the one welcome question, the account page.
func TestOAuthJourney(t *testing.T) {
	exe := chromium(t)
	idp, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idp.Shutdown() })
	idp.QueueUser(&mockoidc.MockUser{Subject: "journey-1", Email: "june@example.com", EmailVerified: true,
		PreferredUsername: "June Hirer"})
	cfg := idp.Config()
	base := startOAuthSite(t, map[string]string{"OIDC_ISSUER_URL": cfg.Issuer, "OIDC_CLIENT_ID": cfg.ClientID,
		"OIDC_CLIENT_SECRET": cfg.ClientSecret, "OIDC_NAME": "Example SSO"})
	ctx := startBrowser(t, exe)

	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	button := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('a[href="/auth/oidc"]')?.textContent.trim() ?? ""`))
	if button != "Continue with Example SSO" {
		t.Fatalf("login page button %q, want Continue with Example SSO", button)
	}
	page := load(t, ctx, "/welcome",
		chromedp.Click(chromedp.CSS(`a[href="/auth/oidc"]`)))
	expectText(t, page, "Welcome to CareerCenter", "What brings you here?")
	if name := run(t, ctx, chromedp.Text(chromedp.CSS(`header a[href="/account"]`))); name != "June Hirer" {
		t.Fatalf("signed in as %q", name)
	}

	page = load(t, ctx, "/account",
		chromedp.Click(chromedp.CSS(`input[name="account_type"][value="employer"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/welcome"] button[type="submit"]`)))
	expectText(t, page, "june@example.com (verified)", "Employer: I hire coders", "Example SSO", "Unlink Example SSO")
}

// startOAuthSite serves the app with extra settings on a fresh database and
// returns its base URL.
func startOAuthSite(t *testing.T, extra map[string]string) string {
	d := apptest.DB(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	env := map[string]string{"APP_ENV": "dev", "PORT": port, "BASE_URL": "http://127.0.0.1:" + port}
	for k, v := range extra {
		env[k] = v
	}
	cfg, err := app.LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	web, err := app.New(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = web.Listener(ln) }()
	t.Cleanup(func() { _ = web.Shutdown() })
	return cfg.BaseURL
}
