package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/app/mail"
	"careercenter/models"
)

// newPasswordReset asks for the address to send a reset link to.
func (h *Handler) newPasswordReset(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "auth/forgot", "Reset your password", nil, nil)
}

// requestPasswordReset mails a reset link when the address has an account,
// and answers the same way when it has none.
func (h *Handler) requestPasswordReset(c *fiber.Ctx) error {
	return h.mailLinkForm(c, "auth/forgot", "Reset your password", true,
		func(ctx context.Context, tx bun.Tx, u *models.User) error {
			secret, tok, err := models.IssueUserToken(ctx, tx, u.ID, models.PurposeResetPassword, "")
			if err != nil {
				return err
			}
			return h.Mail.Queue(ctx, tx, mail.Message{To: u.Email, Template: "reset_password",
				Key:  fmt.Sprintf("reset_password:%d", tok.ID),
				Data: map[string]any{"Name": u.Name, "Link": h.BaseURL + "/password/reset?token=" + secret}})
		})
}

// mailLinkForm serves the forms that take only an address and mail a link to
// its account, if there is one: the answer is the same either way.
func (h *Handler) mailLinkForm(c *fiber.Ctx, view, title string, reset bool,
	send func(ctx context.Context, tx bun.Tx, u *models.User) error) error {
	f := readForm(c, "email")
	if f.Get("email") == "" {
		f.Errors.Add("email", "Enter your email address.")
		return h.render(c, fiber.StatusUnprocessableEntity, view, title, f, nil)
	}
	err := h.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := models.UserByEmail(ctx, tx, f.Get("email"))
		if errors.Is(err, models.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return send(ctx, tx, u)
	})
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "auth/check_email", "Check your email", nil,
		checkEmailPage{Email: models.NormalizeEmail(f.Get("email")), Reset: reset})
}

// editPassword shows the new-password form for a valid reset link.
func (h *Handler) editPassword(c *fiber.Ctx) error {
	token := c.Query("token")
	ok, err := models.TokenValid(c.UserContext(), h.DB, models.PurposeResetPassword, token)
	if err != nil {
		return err
	}
	if !ok {
		return h.resetLinkInvalid(c)
	}
	f := &form{Values: map[string]string{"token": token}}
	return h.render(c, fiber.StatusOK, "auth/reset", "Choose a new password", f, nil)
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
