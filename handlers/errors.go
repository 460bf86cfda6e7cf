package handlers

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// userError is an error whose message was written for users.
type userError struct {
	Code int
	Msg  string
}

func (e *userError) Error() string { return e.Msg }

// fail answers with status code and a message meant for the user.
func fail(code int, msg string) error { return &userError{Code: code, Msg: msg} }

// statusOf classifies an error once for the whole site.
func statusOf(err error) int {
	var fe *fiber.Error
	var ue *userError
	var v models.ValidationErrors
	switch {
	case errors.As(err, &ue):
		return ue.Code
	case errors.As(err, &fe):
		return fe.Code
	case errors.Is(err, models.ErrNotFound):
		return fiber.StatusNotFound
	case errors.Is(err, models.ErrForbidden):
		return fiber.StatusForbidden
	case errors.Is(err, models.ErrGone):
		return fiber.StatusGone
	case errors.As(err, &v):
		return fiber.StatusUnprocessableEntity
	case isLimit(err):
		return fiber.StatusTooManyRequests
	case models.IsUnavailable(err):
		return fiber.StatusServiceUnavailable
	default:
		return fiber.StatusInternalServerError
	}
}

// messages are the only error texts users see.
var messages = map[int]string{
	fiber.StatusBadRequest:            "The request could not be understood.",
	fiber.StatusForbidden:             "You do not have access to this page.",
	fiber.StatusNotFound:              "We could not find that page.",
	fiber.StatusMethodNotAllowed:      "We could not find that page.",
	fiber.StatusGone:                  "This page has been removed.",
	fiber.StatusRequestEntityTooLarge: "What you sent is too large.",
	fiber.StatusUnprocessableEntity:   "Some of what you entered needs another look.",
	fiber.StatusTooManyRequests:       "Too many attempts. Wait a minute and try again.",
	fiber.StatusInternalServerError:   "Something went wrong on our side. We have been told and will look into it.",
	fiber.StatusServiceUnavailable:    "The site is briefly unavailable. Try again in a moment.",
}

// ErrorHandler renders every error as a page (or JSON for JSON clients) with
// the request id, logging server errors once. Go error text never reaches the
// user; a fiber.Error's own message does, since handlers write it for users.
func (h *Handler) ErrorHandler(c *fiber.Ctx, err error) error {
	code := statusOf(err)
	msg, ok := messages[code]
	if !ok {
		msg = messages[fiber.StatusInternalServerError]
		if code < 500 {
			msg = messages[fiber.StatusBadRequest]
		}
	}
	var ue *userError
	if errors.As(err, &ue) {
		msg = ue.Msg
	}
	if le, ok := models.AsLimit(err); ok {
		msg = le.Error() // written for users
	}
	if code >= 500 {
		h.Log.Error("request failed", "err", err, "method", c.Method(), "route", routePattern(c),
			"request_id", requestID(c))
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	h.setSecurityHeaders(c) // Fiber's own 413 and 431 come here without middleware
	if code == fiber.StatusRequestEntityTooLarge {
		drainBody(c)
		if ok, err := h.uploadTooLarge(c); ok {
			return err
		}
	}
	if code == fiber.StatusServiceUnavailable {
		c.Set(fiber.HeaderRetryAfter, "30")
	}
	h.errorPageUser(c, code)
	if wantsJSON(c) {
		return c.Status(code).JSON(fiber.Map{"error": msg, "status": code, "request_id": requestID(c)})
	}
	data := errorShowPage{Status: code, Message: msg}
	// An error page must not depend on the database (it may be the error),
	// so it shows no remaining-views count.
	c.Locals("views_left", -1)
	if rerr := h.render(c, code, "errors/show", msg, nil, data); rerr != nil {
		h.Log.Error("error page failed", "err", rerr, "request_id", requestID(c))
		return c.Status(code).SendString(msg + " (request " + requestID(c) + ")")
	}
	return nil
}

func wantsJSON(c *fiber.Ctx) bool {
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, fiber.MIMEApplicationJSON) && !strings.Contains(accept, "text/html")
}

func isLimit(err error) bool {
	_, ok := models.AsLimit(err)
	return ok
}
