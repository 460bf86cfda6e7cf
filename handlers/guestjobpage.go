package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// A kept job page carries its body as guests see it, drawn once: a job
// page is about 30 KB of HTML, and drawing it was most of a read page's
// time. What differs between guests inside the body is only the CSRF token
// of the report form, drawn as guestCSRF and put in per request.

// guestCSRF stands in for a guest's CSRF token in a kept body. It is new at
// every start, so no job's text can carry it.
var guestCSRF = func() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "csrf-" + hex.EncodeToString(b)
}()

// guestJobBody draws the body of data's page for a guest, with guestCSRF
// for the token; "" when there are no views (some tests) or the page is not
// a public one.
func (h *Handler) guestJobBody(data jobPageData) (template.HTML, error) {
	if h.Views == nil || data.Preview || data.State == models.JobPageUnpublished || data.State == models.JobPageGone ||
		data.Job.Quarantined() {
		return "", nil
	}
	data.Actions = guestActions(data.Job)
	return h.Views.Fragment("jobs/show", "body", page{CSRF: guestCSRF, Data: data})
}

// guestBodyFor is the kept body with this guest's token, when the reader
// is a guest and the kept body still fits the page (its job's state has
// not moved on since).
func guestBodyFor(c *fiber.Ctx, data jobPageData) (template.HTML, bool) {
	if data.GuestBody == "" || currentUser(c) != nil {
		return "", false
	}
	body := strings.ReplaceAll(string(data.GuestBody), guestCSRF, csrfToken(c))
	return template.HTML(body), true // #nosec: drawn by the page's template; the token is URL-safe text
}
