package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestOAuthButtonsOnlyForConfiguredProviders(t *testing.T) {
	plain := newSite(t).browser()
	for _, path := range []string{"/login", "/register"} {
		if body := plain.get(path).Body; strings.Contains(body, "Continue with") {
			t.Fatalf("%s offers a provider none is configured:\n%s", path, body)
		}
	}

	s, _ := newOIDCSite(t)
	b := s.browser()
	mustContain(t, b.get("/register").Body, `<a href="/auth/oidc" role="button" class="secondary outline">Continue with Mock IdP</a>`)
	login := b.get("/login?next=" + url.QueryEscape("/jobs?q=a b")).Body
	mustContain(t, login, `href="/auth/oidc?next=%2Fjobs%3Fq%3Da&#43;b"`, "Continue with Mock IdP")
	for _, p := range []string{"Google", "GitHub", "LinkedIn"} {
		if strings.Contains(login, "Continue with "+p) {
			t.Fatalf("login offers %s, which has no keys", p)
		}
	}
	// A hostile next is dropped from the buttons.
	if body := b.get("/login?next=" + url.QueryEscape("//evil.example")).Body; !strings.Contains(body, `href="/auth/oidc"`) {
		t.Fatalf("hostile next kept:\n%s", body)
	}
}

func TestAccountPageListsIdentities(t *testing.T) {
	s, p := newOIDCSite(t)
	b := s.registered("ivy@example.com")
	page := b.get("/account").Body
	mustContain(t, page, "Log in with other accounts", `href="/auth/oidc?next=%2Faccount"`, "Link Mock IdP")

	p.signIn(b, "", person("ivy-sub", "ivy@idp.example", true))
	ids := identitiesOf(t, s, "ivy@example.com")
	page = b.get("/account").Body
	mustContain(t, page, "Mock IdP", "ivy@idp.example",
		fmt.Sprintf(`action="/account/identities/%d/unlink"`, ids[0].ID), "Unlink Mock IdP")
	if strings.Contains(page, "Your account has no password") {
		t.Fatal("a password account is told it has none")
	}

	// A provider-only account is told how to get a password.
	nb := s.browser()
	p.signIn(nb, "", person("only", "only@example.com", true))
	if res := nb.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("account: %d", res.Status)
	} else {
		mustContain(t, res.Body, "Your account has no password")
	}
}
