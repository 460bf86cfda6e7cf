package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// newRegistration shows the sign-up form.
func (h *Handler) newRegistration(c *fiber.Ctx) error {
	f := &form{Values: map[string]string{"account_type": signUpType(c.Query("as"))}}
	return h.render(c, fiber.StatusOK, "auth/register", "Create your account", f, h.oauthButtons(""))
}

// signUpType is the account type the sign-up form shows chosen: employer
// when asked for, else coder (the welcome page after a provider's sign-up
// shows none chosen until one is).
func signUpType(asked string) string {
	if asked == models.AccountEmployer {
		return asked
	}
	return models.AccountCoder
}

// createRegistration creates an unverified account and mails the link. An
// address that already has an account gets the same page, and its owner an
// email instead, so the form tells nobody which addresses are registered.
func (h *Handler) createRegistration(c *fiber.Ctx) error {
	f := readForm(c, "name", "email", "account_type")
	reg := models.Registration{Name: f.Get("name"), Email: f.Get("email"),
		Password: c.FormValue("password"), AccountType: f.Get("account_type")}

	newUser, err := h.Mail.Register(c.UserContext(), h.DB, reg)
	if v, ok := models.AsValidation(err); ok {
		f.Values["account_type"] = signUpType(f.Get("account_type"))
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/register", "Create your account", f.failed(v), h.oauthButtons(""))
	}
	if err != nil {
		return err
	}
	if newUser != nil {
		if err := h.carryOver(c, newUser); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "auth/check_email", "Check your email", nil,
		checkEmailPage{Email: models.NormalizeEmail(reg.Email)})
}

// verifyEmail spends the link from the verification email and signs the
// owner in: following it proves they read that mailbox.
func (h *Handler) verifyEmail(c *fiber.Ctx) error {
	u, err := models.VerifyEmail(c.UserContext(), h.DB, c.Query("token"))
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, fiber.StatusNotFound, "auth/link_invalid", "This link no longer works", nil,
			linkInvalidPage{Retry: "/verify/resend", RetryLabel: "Send a new verification link"})
	}
	if err != nil {
		return err
	}
	return h.signInTo(c, u, "/start", "Your email address is verified. Welcome to CareerCenter!")
}

// newVerificationResend asks for the address to send a new link to.
func (h *Handler) newVerificationResend(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "auth/email_link", verificationResendPage.Title, nil, verificationResendPage)
}

// resendVerification sends a new link when an unverified account has that
// address, and answers the same way in every case.
func (h *Handler) resendVerification(c *fiber.Ctx) error {
	return h.mailLinkForm(c, verificationResendPage, h.Mail.ResendVerification)
}
