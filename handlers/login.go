package handlers

import (
	"errors"
	"fmt"
	"math"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// badLogin is the one message for an unknown email, a wrong password and an
// unverified address.
const badLogin = "That email and password do not match a verified account. " +
	"Check both, or verify your address first."

// newLogin shows the sign-in form.
func (h *Handler) newLogin(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Redirect(localPath(c.Query("next"), "/account"), fiber.StatusSeeOther)
	}
	f := &form{Values: map[string]string{"next": c.Query("next")}}
	return h.render(c, fiber.StatusOK, "auth/login", "Log in", f, h.oauthButtons(f.Get("next")))
}

// createLogin checks the back-off, then the credentials, and starts a new
// session on success.
func (h *Handler) createLogin(c *fiber.Ctx) error {
	f := readForm(c, "email", "next")
	ctx := c.UserContext()
	ip := h.ipHash(c)
	if f.Get("email") == "" {
		f.Errors.Add("email", "Enter your email address.")
	}
	if c.FormValue("password") == "" {
		f.Errors.Add("password", "Enter your password.")
	}
	if f.HasErrors() {
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/login", "Log in", f, h.oauthButtons(f.Get("next")))
	}

	wait, err := models.LoginWait(ctx, h.DB, f.Get("email"), ip)
	if err != nil {
		return err
	}
	if wait > 0 {
		f.Error = fmt.Sprintf("Too many failed attempts. Try again in %d minute(s), or reset your password.",
			int(math.Ceil(wait.Minutes())))
		return h.render(c, fiber.StatusTooManyRequests, "auth/login", "Log in", f, h.oauthButtons(f.Get("next")))
	}
	u, err := models.Authenticate(ctx, h.DB, f.Get("email"), c.FormValue("password"))
	if errors.Is(err, models.ErrBadCredentials) {
		if err := models.RecordLoginFailure(ctx, h.DB, f.Get("email"), ip); err != nil {
			return err
		}
		h.Metrics.SignInFailure()
		f.Error = badLogin
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/login", "Log in", f, h.oauthButtons(f.Get("next")))
	}
	if err != nil {
		return err
	}
	if err := models.ClearLoginFailures(ctx, h.DB, u.Email); err != nil {
		return err
	}
	if err := h.signIn(c, u); err != nil {
		return err
	}
	return redirect(c, localPath(f.Get("next"), "/account"), "")
}

// logout ends the session.
func (h *Handler) logout(c *fiber.Ctx) error {
	if err := h.signOut(c); err != nil {
		return err
	}
	return redirect(c, "/", "You are logged out.")
}
