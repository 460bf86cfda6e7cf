package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// alertForm is the data of the save-search page (shown again when the form
// on /jobs needs correcting).
func alertForm(f *form) newAlertPage {
	v, _ := url.ParseQuery(f.Get("query"))
	return newAlertPage{Describe: models.ParseJobFilter(v).Describe(), Frequencies: models.AlertFrequencies}
}

// createAlert saves the current search. Signed-in people get it at once;
// guests get an email to confirm their address first (double opt-in).
func (h *Handler) createAlert(c *fiber.Ctx) error {
	f := readForm(c, "name", "frequency", "email", "query")
	in := models.AlertInput{Name: f.Get("name"), Frequency: f.Get("frequency"), Email: f.Get("email"), Query: f.Get("query")}
	ctx, u := c.UserContext(), currentUser(c)
	if u != nil {
		var s *models.SavedSearch
		created := false
		err := h.withinLimit(c, models.LimitSavedSearches, func(ctx context.Context, tx bun.Tx) (err error) {
			s, created, err = models.CreateAlert(ctx, tx, u, in, h.now())
			return err
		})
		if v, ok := models.AsValidation(err); ok {
			return h.render(c, fiber.StatusUnprocessableEntity, "alerts/new", "Save this search", f.failed(v), alertForm(f))
		}
		if le, ok := models.AsLimit(err); ok {
			f.Error = le.Error()
			return h.render(c, fiber.StatusTooManyRequests, "alerts/new", "Save this search", f, alertForm(f))
		}
		if err != nil {
			return err
		}
		if !created {
			return redirect(c, "/alerts", "You are already subscribed to this search.")
		}
		return redirect(c, "/alerts", "Saved “"+s.Name+"”. We will email you "+frequencyText(s.Frequency)+".")
	}
	s, err := h.Mail.SubscribeGuest(ctx, h.DB, in, h.now(), frequencyText)
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "alerts/new", "Save this search", f.failed(v), alertForm(f))
	}
	if err != nil {
		return err
	}
	// The same page whether or not the address was subscribed already, so
	// the form tells nobody who gets which alerts.
	return h.render(c, fiber.StatusOK, "alerts/check_email", "Check your email", nil, alertCheckEmailPage{Email: s.Email})
}

func frequencyText(f string) string {
	switch f {
	case models.AlertInstant:
		return "as soon as a matching job is posted"
	case models.AlertDaily:
		return "a daily digest"
	default:
		return "a weekly digest"
	}
}

// confirmAlert spends a guest's opt-in link. A second click finds the link
// spent and says so; it never creates a second alert.
func (h *Handler) confirmAlert(c *fiber.Ctx) error {
	s, err := models.ConfirmAlert(c.UserContext(), h.DB, c.Query("token"), h.now())
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, fiber.StatusNotFound, "alerts/confirmed", "This link no longer works", nil, alertConfirmedPage{})
	}
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "alerts/confirmed", "Alert confirmed", nil,
		alertConfirmedPage{Alert: s, Frequency: frequencyText(s.Frequency)})
}

// listAlerts is "My alerts".
func (h *Handler) listAlerts(c *fiber.Ctx) error {
	return h.renderAlerts(c, fiber.StatusOK, nil)
}

func (h *Handler) renderAlerts(c *fiber.Ctx, status int, f *form) error {
	alerts, err := models.AlertsForUser(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	return h.render(c, status, "alerts/index", "My alerts", f,
		alertsPage{Alerts: alerts, Frequencies: models.AlertFrequencies})
}

// updateAlert renames a saved search, changes its frequency, or pauses and
// resumes it (action=pause|resume); only its owner may.
func (h *Handler) updateAlert(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := readForm(c, "name", "frequency", "action")
	f.Name = fmt.Sprintf("alert-%d", id)
	ch := models.AlertChange{Name: f.Get("name"), Frequency: f.Get("frequency")}
	switch f.Get("action") {
	case "pause", "resume":
		paused := f.Get("action") == "pause"
		ch.Paused = &paused
	}
	s, err := models.UpdateAlert(c.UserContext(), h.DB, currentUser(c).ID, id, ch, h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.renderAlerts(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	msg := "Saved “" + s.Name + "”."
	if ch.Paused != nil && *ch.Paused {
		msg = "Paused “" + s.Name + "”. No emails until you resume it."
	} else if ch.Paused != nil {
		msg = "Resumed “" + s.Name + "”."
	}
	return redirect(c, "/alerts", msg)
}

// deleteAlert deletes a saved search; only its owner may.
func (h *Handler) deleteAlert(c *fiber.Ctx) error {
	return h.deleteOwn(c, models.DeleteAlert, "/alerts", "Alert deleted.")
}

// unsubscribeAlert is the link in every alert. GET asks to confirm with a
// button (link scanners follow GETs); POST deletes: the button, or a mail
// client's one-click unsubscribe (RFC 8058), with no login and no CSRF
// token, the signed token being the authority.
func (h *Handler) unsubscribeAlert(c *fiber.Ctx) error {
	token := c.Query("token")
	id, ok := models.SearchIDFromUnsubscribe(h.Secret, token)
	if !ok {
		return h.render(c, fiber.StatusBadRequest, "alerts/unsubscribe", "This link does not work", nil,
			unsubscribePage{Bad: true})
	}
	ctx := c.UserContext()
	if c.Method() == fiber.MethodPost {
		if err := models.Unsubscribe(ctx, h.DB, id); err != nil {
			return err
		}
		return h.render(c, fiber.StatusOK, "alerts/unsubscribe", "Unsubscribed", nil, unsubscribePage{Done: true})
	}
	s, err := models.AlertByID(ctx, h.DB, id)
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, fiber.StatusOK, "alerts/unsubscribe", "Unsubscribed", nil, unsubscribePage{Done: true})
	}
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "alerts/unsubscribe", "Unsubscribe", nil,
		unsubscribePage{Alert: s, Action: "/alerts/unsubscribe?token=" + url.QueryEscape(token)})
}
