package handlers

import (
	"context"
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"
	"github.com/markbates/goth"

	"careercenter/models"
)

// OAuthProvider is one sign-in provider, offered as "Continue with <Label>"
// when its keys are configured (app/oauth.go builds them).
type OAuthProvider struct {
	Name  string // in URLs: /auth/<Name>
	Label string // what people call it: Google, GitHub, LinkedIn, …
	// Key is stored with each identity. A subject is unique only at its
	// issuer, so a generic issuer's key names it: pointing OIDC_ISSUER_URL
	// at another issuer cannot sign anyone in to the old links.
	Key string
	// Open returns goth's provider and whether it takes a PKCE code
	// challenge. An OpenID issuer is discovered on first use.
	Open func(ctx context.Context) (p goth.Provider, pkce bool, err error)
	// EmailVerified reports whether the provider vouches that the person
	// owns u.Email; only then may the sign-in reach an existing account.
	EmailVerified func(ctx context.Context, u goth.User) (bool, error)
}

func (h *Handler) oauthProvider(name string) *OAuthProvider {
	for i := range h.OAuth {
		if h.OAuth[i].Name == name {
			return &h.OAuth[i]
		}
	}
	return nil
}

// beginOAuth sends the browser to the provider. The state, the PKCE
// verifier, where to go afterwards and who is linking are kept in the
// server session until the provider sends the browser back. Signed in, it
// links the provider account to this account instead of signing in.
func (h *Handler) beginOAuth(c *fiber.Ctx) error {
	p := h.oauthProvider(c.Params("provider"))
	if p == nil {
		return fiber.ErrNotFound
	}
	gp, pkce, err := p.Open(c.UserContext())
	if err != nil {
		return providerDown(p, err)
	}
	pending := pendingOAuth{Provider: p.Name, State: randomToken(), Next: safeNext(c.Query("next"), ""),
		Started: h.now().Unix()}
	if u := currentUser(c); u != nil {
		pending.LinkUser = u.ID
	}
	gs, err := gp.BeginAuth(pending.State)
	if err != nil {
		return providerDown(p, err)
	}
	to, err := gs.GetAuthURL()
	if err != nil {
		return providerDown(p, err)
	}
	pending.Goth = gs.Marshal()
	if pkce {
		pending.Verifier = randomToken()
		to = withCodeChallenge(to, pending.Verifier)
	}
	if err := h.keepOAuth(c, pending); err != nil {
		return err
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

// oauthCallback finishes a sign-in or a link when the provider sends the
// browser back. The state is spent before anything else, so a callback
// works once, and only in the browser that started it.
func (h *Handler) oauthCallback(c *fiber.Ctx) error {
	p := h.oauthProvider(c.Params("provider"))
	if p == nil {
		return fiber.ErrNotFound
	}
	pending, err := h.takeOAuth(c, p.Name, c.Query("state"))
	if err != nil {
		return err
	}
	if e := c.Query("error"); e != "" {
		return providerRefused(p, e)
	}
	ext, err := fetchExternalUser(c.UserContext(), p, pending, c.Query("code"))
	if err != nil {
		return err
	}
	if pending.LinkUser != 0 {
		return h.finishLink(c, p, pending, ext)
	}
	return h.finishSignIn(c, p, pending, ext)
}

// finishSignIn signs the person in, to the account linked to the provider
// account or to the one with the address the provider vouches for, or to a
// new account that first asks what they come for.
func (h *Handler) finishSignIn(c *fiber.Ctx, p *OAuthProvider, pending *pendingOAuth, ext models.ExternalUser) error {
	u, created, err := models.SignInExternal(c.UserContext(), h.DB, ext)
	if errors.Is(err, models.ErrUnconfirmedEmail) {
		// The same page whether or not an account has the address.
		return h.render(c, fiber.StatusForbidden, "auth/link_invalid", "Log in with your password first", nil, linkInvalidPage{
			Message: p.Label + " has not confirmed your email address, so we cannot use it to sign you in. " +
				"If you already have an account with this address, log in with your password and link " +
				p.Label + " from your account page. If not, create an account with your email address first.",
			Retry: "/login", RetryLabel: "Log in with your password"})
	}
	if err != nil {
		return err
	}
	if err := h.signIn(c, u); err != nil {
		return err
	}
	next := localPath(pending.Next, "/account")
	if created {
		return c.Redirect("/welcome?next="+url.QueryEscape(next), fiber.StatusSeeOther)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// finishLink adds the provider account to the account that started the link.
func (h *Handler) finishLink(c *fiber.Ctx, p *OAuthProvider, pending *pendingOAuth, ext models.ExternalUser) error {
	u := currentUser(c)
	if u == nil || u.ID != pending.LinkUser {
		return fail(fiber.StatusBadRequest, "You were signed out while linking "+p.Label+
			". Log in and link it again from your account page.")
	}
	err := models.LinkIdentity(c.UserContext(), h.DB, u, ext)
	if errors.Is(err, models.ErrIdentityTaken) {
		return h.render(c, fiber.StatusConflict, "auth/link_invalid", "This "+p.Label+" account is linked elsewhere", nil, linkInvalidPage{
			Message: "This " + p.Label + " account already signs in to another CareerCenter account. " +
				"Unlink it there first, or link a different " + p.Label + " account.",
			Retry: "/account", RetryLabel: "Back to your account"})
	}
	if err != nil {
		return err
	}
	return redirect(c, localPath(pending.Next, "/account"), p.Label+" is linked: you can use it to log in.")
}
