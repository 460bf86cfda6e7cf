package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// guestCookie identifies a guest to the meter: a random id and its HMAC, so
// a forged or edited cookie is simply a new guest (and the client address
// still limits it).
const guestCookie = "cc_guest"

// guestID returns the id of a valid guest cookie, or "".
func (h *Handler) guestID(c *fiber.Ctx) string {
	id, sig, ok := strings.Cut(c.Cookies(guestCookie), ".")
	if !ok || id == "" || !hmac.Equal([]byte(sig), []byte(h.guestSign(id))) {
		return ""
	}
	return id
}

// ensureGuestID returns the guest's id, issuing a new cookie when there is
// no valid one.
func (h *Handler) ensureGuestID(c *fiber.Ctx) string {
	if id := h.guestID(c); id != "" {
		return id
	}
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	id := base64.RawURLEncoding.EncodeToString(raw)
	c.Cookie(&fiber.Cookie{Name: guestCookie, Value: id + "." + h.guestSign(id), Path: "/", HTTPOnly: true,
		SameSite: "Lax", Secure: !h.Dev, Expires: time.Now().Add(400 * 24 * time.Hour)})
	return id
}

func (h *Handler) guestSign(id string) string {
	return base64.RawURLEncoding.EncodeToString(models.KeyedSum(h.Secret, "guest:", id))
}

// viewer is who the meter counts for this request.
func (h *Handler) viewer(c *fiber.Ctx) models.Viewer {
	if u := currentUser(c); u != nil {
		return models.Viewer{User: u}
	}
	return models.Viewer{GuestID: h.guestID(c), IPHash: h.ipHash(c)}
}

// spendView counts a metered page for the viewer; guests get a cookie first.
func (h *Handler) spendView(c *fiber.Ctx, kind, item string) (models.MeterDecision, error) {
	v := h.viewer(c)
	if v.User == nil && v.GuestID == "" {
		v.GuestID, v.NewGuest = h.ensureGuestID(c), true
	}
	d, err := models.SpendView(c.UserContext(), h.DB, v, kind, item, h.now())
	if err == nil {
		c.Locals("views_left", d.Remaining) // the header needs no second query
		h.counters().Meter(viewerKind(v), d.Allowed)
	}
	return d, err
}

// viewerKind labels the meter's metrics: guest, or the account's plan.
func viewerKind(v models.Viewer) string {
	if v.User == nil {
		return "guest"
	}
	return v.User.Plan
}

// viewsLeft is the header's count, or -1 when nothing should be shown.
func (h *Handler) viewsLeft(c *fiber.Ctx) (int, error) {
	if n, ok := c.Locals("views_left").(int); ok {
		return n, nil
	}
	return models.RemainingViews(c.UserContext(), h.DB, h.viewer(c), h.now())
}

// carryOver moves a guest's views into the account that just signed in.
func (h *Handler) carryOver(c *fiber.Ctx, u *models.User) error {
	return models.CarryOverGuestViews(c.UserContext(), h.DB, h.guestID(c), u.ID, h.now())
}

func (h *Handler) now() time.Time {
	if h.Clock != nil {
		return h.Clock()
	}
	return time.Now()
}
