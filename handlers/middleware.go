package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// SessionCookie names the cookie that carries the session id.
const SessionCookie = "cc_session"

// Session keys.
const (
	sessUserID = "uid"
	sessEpoch  = "epoch"
)

func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals("requestid").(string)
	return id
}

// logRequests counts every request in the metrics under its route pattern
// and logs it: one line at info, or at debug for assets and health checks;
// at warn and above a request costs no log line at all. Ids in paths stay out
// of the logs' route field, which is the pattern.
func (h *Handler) logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	took := time.Since(start)
	route := routePattern(c)
	h.Metrics.Request(route, c.Method(), status, took)
	level := slog.LevelInfo
	if route == "/assets/:version/*" || route == "/healthz" || route == "/readyz" {
		level = slog.LevelDebug
	}
	if !h.Log.Enabled(c.UserContext(), level) {
		return err
	}
	h.Log.LogAttrs(c.UserContext(), level, "request", slog.String("method", c.Method()),
		slog.String("route", route), slog.String("path", c.Path()), slog.Int("status", status),
		slog.Int64("duration_ms", took.Milliseconds()), slog.String("request_id", requestID(c)))
	return err
}

// routePattern is the route that answered, such as /jobs/:id<int>/:slug?;
// requests no route took share one label.
func routePattern(c *fiber.Ctx) string {
	r := c.Route()
	if r == nil || r.Method == "USE" || r.Path == "" {
		return "unmatched"
	}
	return r.Path
}

// loadUser puts the signed-in user, if any, in the request. A session whose
// account is gone or whose epoch is older than the account's (password
// changed elsewhere) or whose account is banned counts as signed out.
func (h *Handler) loadUser(c *fiber.Ctx) error {
	if c.Cookies(SessionCookie) == "" {
		return c.Next()
	}
	sess, err := h.Sessions.Get(c)
	if err != nil {
		return err
	}
	uid, _ := sess.Get(sessUserID).(int64)
	epoch, _ := sess.Get(sessEpoch).(int)
	if uid == 0 {
		return c.Next()
	}
	u, err := models.UserByID(c.UserContext(), h.DB, uid)
	if errors.Is(err, models.ErrNotFound) {
		return c.Next()
	}
	if err != nil {
		return err
	}
	if u.SessionEpoch == epoch && u.BannedAt.IsZero() {
		c.Locals("user", u)
	}
	return c.Next()
}

func currentUser(c *fiber.Ctx) *models.User {
	u, _ := c.Locals("user").(*models.User)
	return u
}

// requireUser sends guests to the login page and back afterwards.
func requireUser(c *fiber.Ctx) error {
	if currentUser(c) == nil {
		if c.Method() != fiber.MethodGet {
			return fiber.ErrForbidden
		}
		return c.Redirect("/login?next="+c.OriginalURL(), fiber.StatusSeeOther)
	}
	return c.Next()
}

// signIn starts a fresh session for u: a new id at every sign-in, so a
// session id planted before login is worth nothing.
func (h *Handler) signIn(c *fiber.Ctx, u *models.User) error {
	sess, err := h.Sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	if err := h.carryOver(c, u); err != nil {
		return err
	}
	sess.Set(sessUserID, u.ID)
	sess.Set(sessEpoch, u.SessionEpoch)
	return sess.Save()
}

// signOut deletes the session row and its cookie.
func (h *Handler) signOut(c *fiber.Ctx) error {
	sess, err := h.Sessions.Get(c)
	if err != nil {
		return err
	}
	return sess.Destroy()
}

// CSRF: a signed double-submit cookie. The cookie holds a random value; forms
// and htmx send HMAC(secret, value). Nothing is stored server-side, so pages
// with forms cost no database write.
const (
	csrfCookie = "csrf"
	csrfField  = "_csrf"
	csrfHeader = "X-CSRF-Token"
)

// csrf sets the cookie when missing and refuses unsafe requests without a
// valid token. skip lists paths that authenticate otherwise (webhooks).
func (h *Handler) csrf(skip map[string]bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		seed := c.Cookies(csrfCookie)
		if len(seed) < 20 {
			raw := make([]byte, 24)
			_, _ = rand.Read(raw)
			seed = base64.RawURLEncoding.EncodeToString(raw)
			c.Cookie(&fiber.Cookie{Name: csrfCookie, Value: seed, Path: "/", HTTPOnly: true,
				SameSite: "Lax", Secure: !h.Dev, Expires: time.Now().Add(365 * 24 * time.Hour)})
		}
		want := h.csrfSign(seed)
		c.Locals("csrf", want)
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
			return c.Next()
		}
		if skip[c.Path()] {
			return c.Next()
		}
		got := c.Get(csrfHeader)
		if got == "" {
			got = c.FormValue(csrfField)
		}
		if !hmac.Equal([]byte(got), []byte(want)) {
			return fail(fiber.StatusForbidden, "This form has expired. Go back, reload the page and try again.")
		}
		return c.Next()
	}
}

func (h *Handler) csrfSign(seed string) string {
	m := hmac.New(sha256.New, []byte(h.Secret))
	m.Write([]byte("csrf:" + seed))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals("csrf").(string)
	return t
}

func (h *Handler) ipHash(c *fiber.Ctx) []byte {
	return models.HashIP(h.Secret, c.IP())
}
