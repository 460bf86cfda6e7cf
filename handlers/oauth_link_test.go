package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"careercenter/models"
)

func identitiesOf(t *testing.T, s *site, email string) []models.Identity {
	t.Helper()
	ctx := context.Background()
	u, err := models.UserByEmail(ctx, s.db.Bun, email)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := models.IdentitiesOf(ctx, s.db.Bun, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestOAuthUnconfirmedEmailDoesNotTakeOverAnAccount(t *testing.T) {
	s, p := newOIDCSite(t)
	s.registered("kim@example.com")

	b := s.browser()
	taken := p.signIn(b, "", person("mallory", "kim@example.com", false))
	if taken.Status != http.StatusForbidden || signedIn(t, b) {
		t.Fatalf("unconfirmed address of an account: %d", taken.Status)
	}
	mustContain(t, taken.Body, "If you already have an account with this address, log in with your password "+
		"and link Mock IdP from your account page")
	if ids := identitiesOf(t, s, "kim@example.com"); len(ids) != 0 {
		t.Fatalf("identity linked: %+v", ids)
	}
	// An address without an account gets the very same page, and no account.
	free := p.signIn(b, "", person("someone", "free@example.com", false))
	if free.Status != taken.Status || free.Body != taken.Body {
		t.Fatalf("pages differ: %d vs %d", free.Status, taken.Status)
	}
	if _, err := models.UserByEmail(context.Background(), s.db.Bun, "free@example.com"); err == nil {
		t.Fatal("an account was made from an unconfirmed address")
	}
}

func TestOAuthVerifiedEmailLinksTheAccount(t *testing.T) {
	s, p := newOIDCSite(t)
	s.registered("pat@example.com")

	b := s.browser()
	res := p.signIn(b, "/jobs", person("pat-sub", "PAT@example.com", true))
	if res.Status != http.StatusSeeOther || res.Location != "/jobs" {
		t.Fatalf("sign-in with a verified address: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "Pat Coder", "pat@example.com")
	if ids := identitiesOf(t, s, "pat@example.com"); len(ids) != 1 || ids[0].Subject != "pat-sub" {
		t.Fatalf("identities: %+v", ids)
	}
	// The password still works too.
	if res := s.browser().post("/login", url.Values{"email": {"pat@example.com"}, "password": {password}}); res.Status != http.StatusSeeOther {
		t.Fatalf("password login: %d", res.Status)
	}
}

func TestOAuthLinkFromTheAccountAndUnlink(t *testing.T) {
	s, p := newOIDCSite(t)
	alice := s.registered("alice@example.com")
	bob := s.registered("bob@example.com")

	// Signed in, the round trip links instead of signing in; the provider's
	// address does not matter.
	res := p.signIn(alice, "", person("alice-sub", "elsewhere@example.com", false))
	if res.Status != http.StatusSeeOther || res.Location != "/account" {
		t.Fatalf("link: %d %q", res.Status, res.Location)
	}
	ids := identitiesOf(t, s, "alice@example.com")
	if len(ids) != 1 {
		t.Fatalf("alice's identities: %+v", ids)
	}
	// Linked, it signs Alice in from a fresh browser.
	if res := p.signIn(s.browser(), "", person("alice-sub", "elsewhere@example.com", false)); res.Location != "/account" {
		t.Fatalf("sign-in with the linked identity: %d %q", res.Status, res.Location)
	}

	// Bob cannot take Alice's provider account.
	res = p.signIn(bob, "", person("alice-sub", "elsewhere@example.com", false))
	mustContain(t, res.Body, "This Mock IdP account already signs in to another CareerCenter account.")
	if res.Status != http.StatusConflict || len(identitiesOf(t, s, "bob@example.com")) != 0 {
		t.Fatalf("linking another's identity: %d", res.Status)
	}
	// Nor unlink it.
	unlink := fmt.Sprintf("/account/identities/%d/unlink", ids[0].ID)
	if res := bob.post(unlink, url.Values{}); res.Status != http.StatusNotFound {
		t.Fatalf("unlinking another's identity: %d", res.Status)
	}
	// Unlinking needs the form's token.
	if res := alice.postRaw(unlink, url.Values{}); res.Status != http.StatusForbidden {
		t.Fatalf("unlink without CSRF token: %d", res.Status)
	}
	// Alice has a password, so her only identity may go.
	if res := alice.post(unlink, url.Values{}); res.Status != http.StatusSeeOther || len(identitiesOf(t, s, "alice@example.com")) != 0 {
		t.Fatalf("unlink: %d", res.Status)
	}
}

func TestOAuthUnlinkKeepsAWayToSignIn(t *testing.T) {
	s, p := newOIDCSite(t)
	b := s.browser()
	if res := p.signIn(b, "", person("c1", "carol@example.com", true)); res.Status != http.StatusSeeOther {
		t.Fatalf("sign-up: %d", res.Status)
	}
	first := identitiesOf(t, s, "carol@example.com")[0]
	res := b.post(fmt.Sprintf("/account/identities/%d/unlink", first.ID), url.Values{})
	mustContain(t, res.Body, "This is the only way to log in to your account.")
	if res.Status != http.StatusConflict {
		t.Fatalf("unlinking the only way in: %d", res.Status)
	}

	if res := p.signIn(b, "", person("c2", "carol@work.example", true)); res.Status != http.StatusSeeOther {
		t.Fatalf("linking a second: %d", res.Status)
	}
	if res := b.post(fmt.Sprintf("/account/identities/%d/unlink", first.ID), url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("unlinking one of two: %d", res.Status)
	}
	ids := identitiesOf(t, s, "carol@example.com")
	if len(ids) != 1 || ids[0].Subject != "c2" {
		t.Fatalf("left: %+v", ids)
	}
	if res := b.post(fmt.Sprintf("/account/identities/%d/unlink", ids[0].ID), url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("unlinking the last: %d", res.Status)
	}
}

// A code already spent at the provider, brought back with a fresh state,
// is refused by the provider: a clear 400, no session.
func TestOAuthSpentCodeIsRefused(t *testing.T) {
	s, p := newOIDCSite(t)
	b := s.browser()
	first, _ := url.Parse(p.approve(p.begin(b, ""), person("ada", "ada@example.com", true)))
	if res := b.get(first.RequestURI()); res.Status != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d", res.Status)
	}
	b.post("/logout", url.Values{})
	auth, _ := url.Parse(p.begin(b, ""))
	res := b.get("/auth/oidc/callback?code=" + url.QueryEscape(first.Query().Get("code")) +
		"&state=" + url.QueryEscape(auth.Query().Get("state")))
	mustContain(t, res.Body, "Mock IdP did not accept this sign-in")
	if res.Status != http.StatusBadRequest || signedIn(t, b) {
		t.Fatalf("spent code: %d", res.Status)
	}
}

func TestOAuthNextNeverLeavesTheSite(t *testing.T) {
	s, p := newOIDCSite(t)
	b := s.browser()
	p.signIn(b, "", person("dee", "dee@example.com", true))
	b.post("/welcome", url.Values{"account_type": {"coder"}})
	b.post("/logout", url.Values{})

	corpus := []string{"//evil.example", "https:evil", "/\\evil", "%2F%2Fevil.example", "/%5Cevil",
		"http://evil", "javascript:alert(1)", "/%2F%2Fevil.example", "/%252F%252Fevil.example",
		"/\t/evil.example", "\\\\evil.example", "/%09/evil.example"}
	for i, next := range corpus {
		t.Run(next, func(t *testing.T) {
			res := p.signIn(b, next, person("dee", "dee@example.com", true))
			if res.Status != http.StatusSeeOther || res.Location != "/account" {
				t.Fatalf("sign-in with next %q went to %q", next, res.Location)
			}
			b.post("/logout", url.Values{})
			// The welcome form and page too.
			nb := s.browser()
			p.signIn(nb, "", person(fmt.Sprint("w", i), fmt.Sprintf("w%d@example.com", i), true))
			if res := nb.post("/welcome", url.Values{"account_type": {"coder"}, "next": {next}}); res.Location != "/account" {
				t.Fatalf("welcome with next %q went to %q", next, res.Location)
			}
			page := nb.get("/welcome?next=" + url.QueryEscape(next))
			mustContain(t, page.Body, `name="next" value="/account"`)
		})
	}
}
