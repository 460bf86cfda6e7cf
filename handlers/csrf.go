package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// CSRF: forms and htmx send HMAC(secret, session id, seed), where the seed
// is a random cookie renewed at every sign-in and sign-out. A token is worth
// something only with the session it was made for, and one collected before
// signing in is dead after. Nothing is stored server-side, so pages with
// forms cost no database write. Browsers also say where a request comes
// from: an unsafe request sent by another site (Sec-Fetch-Site: cross-site,
// or an Origin that is not this site) is refused even with a valid token.
const (
	csrfCookie = "csrf"
	csrfField  = "_csrf"
	csrfHeader = "X-CSRF-Token"
)

// errCSRF is what a refused form shows.
var errCSRF = fail(fiber.StatusForbidden, "This form has expired. Go back, reload the page and try again.")

// csrf sets the seed cookie when missing and refuses unsafe requests from
// other sites or without a valid token. skip lists paths that authenticate
// otherwise (the signed webhook, one-click unsubscribe from mail clients).
func (h *Handler) csrf(skip map[string]bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		seed := c.Cookies(csrfCookie)
		if len(seed) < 20 {
			seed = h.newCSRFSeed(c)
		}
		want := h.csrfSign(c.Cookies(SessionCookie), seed)
		c.Locals("csrf", want)
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
			return c.Next()
		}
		if skip[c.Path()] {
			return c.Next()
		}
		if h.crossSite(c) {
			return errCSRF
		}
		got := c.Get(csrfHeader)
		if got == "" {
			got = c.FormValue(csrfField)
		}
		if !hmac.Equal([]byte(got), []byte(want)) {
			return errCSRF
		}
		return c.Next()
	}
}

// crossSite reports a request that the browser says another site sent.
// Requests without these headers (old browsers, scripts) fall back on the
// token alone.
func (h *Handler) crossSite(c *fiber.Ctx) bool {
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return true
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return false
	}
	return origin != originOf(h.BaseURL) && origin != c.BaseURL()
}

// originOf is the scheme://host[:port] of an address.
func originOf(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// newCSRFSeed sets a new random seed cookie and returns it.
func (h *Handler) newCSRFSeed(c *fiber.Ctx) string {
	raw := make([]byte, 24)
	_, _ = rand.Read(raw)
	seed := base64.RawURLEncoding.EncodeToString(raw)
	c.Cookie(&fiber.Cookie{Name: csrfCookie, Value: seed, Path: "/", HTTPOnly: true,
		SameSite: "Lax", Secure: !h.Dev, Expires: time.Now().Add(365 * 24 * time.Hour)})
	return seed
}

// rotateCSRF gives the browser a new seed when its session changes (sign-in,
// sign-out), so every token issued before is dead; a page rendered in this
// request gets a token for the new session.
func (h *Handler) rotateCSRF(c *fiber.Ctx, sessionID string) {
	c.Locals("csrf", h.csrfSign(sessionID, h.newCSRFSeed(c)))
}

func (h *Handler) csrfSign(sessionID, seed string) string {
	return base64.RawURLEncoding.EncodeToString(models.KeyedSum(h.Secret, "csrf:", sessionID, ":", seed))
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals("csrf").(string)
	return t
}
