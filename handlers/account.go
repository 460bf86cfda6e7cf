package handlers

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// showAccount is the signed-in person's own page.
func (h *Handler) showAccount(c *fiber.Ctx) error {
	return h.renderAccount(c, fiber.StatusOK, nil)
}

func (h *Handler) renderAccount(c *fiber.Ctx, status int, f *form) error {
	ids, err := h.accountIdentities(c)
	if err != nil {
		return err
	}
	return h.render(c, status, "account/show", "Your account", f, accountPage{Identities: ids})
}

// changePassword replaces the password and keeps this session signed in
// under the new session epoch; other sessions end.
func (h *Handler) changePassword(c *fiber.Ctx) error {
	u := currentUser(c)
	f := readForm(c)
	f.Name = "password"
	err := models.ChangePassword(c.UserContext(), h.DB, u, c.FormValue("current_password"), c.FormValue("new_password"))
	if v, ok := models.AsValidation(err); ok {
		return h.renderAccount(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return h.signInTo(c, u, "/account", "Your password has been changed.")
}

// changeEmail mails a confirmation link to the new address; the account
// moves only when it is followed.
func (h *Handler) changeEmail(c *fiber.Ctx) error {
	u := currentUser(c)
	f := readForm(c, "email")
	f.Name = "email"
	err := h.Mail.RequestEmailChange(c.UserContext(), h.DB, u, f.Get("email"), c.FormValue("password"))
	if v, ok := models.AsValidation(err); ok {
		return h.renderAccount(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/account", fmt.Sprintf("We sent a confirmation link to %s. Your address changes when you follow it.",
		models.NormalizeEmail(f.Get("email"))))
}

// confirmEmailChange follows the link sent to the new address and tells the
// old address what happened.
func (h *Handler) confirmEmailChange(c *fiber.Ctx) error {
	err := h.Mail.ConfirmEmailChange(c.UserContext(), h.DB, c.Query("token"))
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusConflict, "auth/link_invalid", "This address is taken", nil,
			linkInvalidPage{Message: v["email"], Retry: "/account", RetryLabel: "Back to your account"})
	}
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, fiber.StatusNotFound, "auth/link_invalid", "This link no longer works", nil,
			linkInvalidPage{Retry: "/account", RetryLabel: "Request a new link from your account"})
	}
	if err != nil {
		return err
	}
	return redirect(c, "/account", "Your email address has been changed.")
}

// deleteAccount removes the account after the password is confirmed.
func (h *Handler) deleteAccount(c *fiber.Ctx) error {
	f := readForm(c)
	f.Name = "delete"
	err := models.DeleteAccount(c.UserContext(), h.DB, currentUser(c), c.FormValue("password"))
	if v, ok := models.AsValidation(err); ok {
		return h.renderAccount(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	if err := h.signOut(c); err != nil {
		return err
	}
	return redirect(c, "/", "Your account and its data have been deleted.")
}
