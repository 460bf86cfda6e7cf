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
	return h.renderLogin(c, fiber.StatusOK, f, false)
}

// loginPage is the sign-in form's data. OfferLink shows "Email me a sign-in
// link" while sign-ins for the address wait.
type loginPage struct {
	OAuth     []oauthButton
	OfferLink bool
}

func (h *Handler) renderLogin(c *fiber.Ctx, status int, f *form, offerLink bool) error {
	return h.render(c, status, "auth/login", "Log in", f, loginPage{OAuth: h.oauthButtons(f.Get("next")), OfferLink: offerLink})
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
		return h.renderLogin(c, fiber.StatusUnprocessableEntity, f, false)
	}

	wait, err := models.LoginWait(ctx, h.DB, f.Get("email"), ip)
	if err != nil {
		return err
	}
	if wait > 0 {
		f.Error = fmt.Sprintf("Too many failed attempts. Try again in %d minute(s), reset your password, "+
			"or sign in with a link sent to your email.", int(math.Ceil(wait.Minutes())))
		return h.renderLogin(c, fiber.StatusTooManyRequests, f, true)
	}
	u, err := models.Authenticate(ctx, h.DB, f.Get("email"), c.FormValue("password"))
	if errors.Is(err, models.ErrBadCredentials) {
		if err := h.recordLoginFailure(ctx, f.Get("email"), ip); err != nil {
			return err
		}
		h.counters().SignInFailure()
		f.Error = badLogin
		return h.renderLogin(c, fiber.StatusUnprocessableEntity, f, false)
	}
	if err != nil {
		return err
	}
	if err := models.ClearLoginFailures(ctx, h.DB, u.Email); err != nil {
		return err
	}
	return h.signInTo(c, u, localPath(f.Get("next"), "/account"), "")
}

// logout ends the session.
func (h *Handler) logout(c *fiber.Ctx) error {
	if err := h.signOut(c); err != nil {
		return err
	}
	return redirect(c, "/", "You are logged out.")
}

// signInTo signs u in and sends them on to a local path, with a flash message
// when flash is not empty.
func (h *Handler) signInTo(c *fiber.Ctx, u *models.User, to, flash string) error {
	if err := h.signIn(c, u); err != nil {
		return err
	}
	return redirect(c, to, flash)
}
