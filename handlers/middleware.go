package handlers

import (
	"errors"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"

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
	h.counters().Request(route, methodLabel(c.Method()), status, took)
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

// methodLabel is a request's method as a string of its own, for a label kept
// past the request: c.Method() reads fasthttp's buffer, which the next request
// on the connection overwrites (a counter first made by a GET would read POS
// after a POST). Methods Fiber does not route share one label.
func methodLabel(m string) string {
	for _, known := range fiber.DefaultMethods {
		if m == known {
			return known
		}
	}
	return "other"
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
	u, err := h.sessionUser(c)
	if err != nil {
		return err
	}
	if u != nil {
		c.Locals("user", u)
	}
	return c.Next()
}

// sessionUser is the account signed in by the request's session, or nil.
func (h *Handler) sessionUser(c *fiber.Ctx) (*models.User, error) {
	key := c.Cookies(SessionCookie)
	if key == "" {
		return nil, nil
	}
	// A session signed in since it names its account is one statement;
	// any other (a guest's, an older one) is read from its data.
	u, err := models.SessionAccount(c.UserContext(), h.DB, key)
	if !errors.Is(err, models.ErrNotFound) {
		return u, err
	}
	sess, err := h.existingSession(c)
	if sess == nil || err != nil {
		return nil, err
	}
	uid, _ := sess.Get(sessUserID).(int64)
	epoch, _ := sess.Get(sessEpoch).(int)
	if uid == 0 {
		return nil, nil
	}
	u, err = models.UserByID(c.UserContext(), h.DB, uid)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.SessionEpoch != epoch || !u.BannedAt.IsZero() {
		return nil, nil
	}
	return u, nil
}

// existingSession is the request's session, or nil when the browser sent
// no session cookie: reading a session must not start one.
func (h *Handler) existingSession(c *fiber.Ctx) (*session.Session, error) {
	if c.Cookies(SessionCookie) == "" {
		return nil, nil
	}
	return h.Sessions.Get(c)
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
	id := sess.ID() // Save releases the session: its id is gone after it
	if err := sess.Save(); err != nil {
		return err
	}
	if err := models.BindSession(c.UserContext(), h.DB, id, u); err != nil {
		return err
	}
	h.rotateCSRF(c, id)
	return nil
}

// signOut deletes the session row and its cookie.
func (h *Handler) signOut(c *fiber.Ctx) error {
	sess, err := h.Sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	h.rotateCSRF(c, "")
	return nil
}

func (h *Handler) ipHash(c *fiber.Ctx) []byte {
	if sum, ok := c.Locals("ip_hash").([]byte); ok {
		return sum // keyed once a request: the meter and a job view both ask
	}
	sum := models.HashIP(h.Secret, c.IP())
	c.Locals("ip_hash", sum)
	return sum
}
