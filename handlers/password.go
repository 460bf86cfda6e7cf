package handlers

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// mailLinkPage is one of the forms that take only an address and mail a
// link to its account (views/auth/email_link.html).
type mailLinkPage struct {
	Title  string
	Intro  string
	Action string // where the form posts
	Reset  bool   // the link resets a password (the check-email page says so)
}

var (
	passwordResetPage = mailLinkPage{Title: "Reset your password", Action: "/password/forgot", Reset: true,
		Intro: "Enter the address of your account and we will email you a link to choose a new password."}
	verificationResendPage = mailLinkPage{Title: "Resend the verification link", Action: "/verify/resend"}
)

// newPasswordReset asks for the address to send a reset link to.
func (h *Handler) newPasswordReset(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "auth/email_link", passwordResetPage.Title, nil, passwordResetPage)
}

// requestPasswordReset mails a reset link when the address has an account,
// and answers the same way when it has none.
func (h *Handler) requestPasswordReset(c *fiber.Ctx) error {
	return h.mailLinkForm(c, passwordResetPage, h.Mail.RequestPasswordReset)
}

// mailLinkForm serves the forms that take only an address and mail a link to
// its account, if there is one: the answer is the same either way.
func (h *Handler) mailLinkForm(c *fiber.Ctx, page mailLinkPage,
	send func(ctx context.Context, db bun.IDB, address string) error) error {
	f := readForm(c, "email")
	if f.Get("email") == "" {
		f.Errors.Add("email", "Enter your email address.")
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/email_link", page.Title, f, page)
	}
	if err := send(c.UserContext(), h.DB, f.Get("email")); err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "auth/check_email", "Check your email", nil,
		checkEmailPage{Email: models.NormalizeEmail(f.Get("email")), Reset: page.Reset})
}

// editPassword shows the new-password form for a valid reset link.
func (h *Handler) editPassword(c *fiber.Ctx) error {
	return h.withLiveLink(c, models.PurposeResetPassword, h.resetLinkInvalid, func(token string) error {
		f := &form{Values: map[string]string{"token": token}}
		return h.render(c, fiber.StatusOK, "auth/reset", "Choose a new password", f, nil)
	})
}

// withLiveLink runs show with the query's token when it is a live emailed
// link for purpose, and draws invalid when it is spent, expired or unknown.
func (h *Handler) withLiveLink(c *fiber.Ctx, purpose string, invalid fiber.Handler, show func(token string) error) error {
	token := c.Query("token")
	ok, err := models.TokenValid(c.UserContext(), h.DB, purpose, token)
	if err != nil {
		return err
	}
	if !ok {
		return invalid(c)
	}
	return show(token)
}

// resetPassword spends the link and sets the new password; every other
// session of the account ends.
func (h *Handler) resetPassword(c *fiber.Ctx) error {
	f := readForm(c, "token")
	_, err := models.ResetPassword(c.UserContext(), h.DB, f.Get("token"), c.FormValue("password"))
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/reset", "Choose a new password", f.failed(v), nil)
	}
	if errors.Is(err, models.ErrNotFound) {
		return h.resetLinkInvalid(c)
	}
	if err != nil {
		return err
	}
	return redirect(c, "/login", "Your password has been changed. Log in with your new password.")
}

func (h *Handler) resetLinkInvalid(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusNotFound, "auth/link_invalid", "This link no longer works", nil,
		linkInvalidPage{Retry: "/password/forgot", RetryLabel: "Send a new reset link"})
}
