package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// showInvite is where the invitation email leads: the company and an Accept
// button, or a way to sign in that comes back here.
func (h *Handler) showInvite(c *fiber.Ctx) error {
	token := strings.Clone(c.Query("token"))
	inv, err := models.InviteByToken(c.UserContext(), h.DB, token)
	if errors.Is(err, models.ErrNotFound) {
		return h.inviteInvalid(c)
	}
	if err != nil {
		return err
	}
	return h.renderInvite(c, fiber.StatusOK, inv, token, "")
}

// acceptInvite makes the signed-in user a member, when the invitation was
// sent to their address.
func (h *Handler) acceptInvite(c *fiber.Ctx) error {
	token := strings.Clone(c.FormValue("token"))
	inv, err := models.AcceptInvite(c.UserContext(), h.DB, token, currentUser(c))
	if errors.Is(err, models.ErrInviteForAnotherEmail) {
		if inv, err = models.InviteByToken(c.UserContext(), h.DB, token); err != nil {
			return err
		}
		return h.renderInvite(c, fiber.StatusForbidden, inv, token, mismatchMessage(inv, currentUser(c)))
	}
	if errors.Is(err, models.ErrNotFound) {
		return h.inviteInvalid(c)
	}
	if err != nil {
		return err
	}
	return redirect(c, inv.Company.Path(), "Welcome to "+inv.Company.Name+". You can now post jobs for it.")
}

// renderInvite draws the invitation; msg explains a refusal.
func (h *Handler) renderInvite(c *fiber.Ctx, status int, inv *models.Invite, token, msg string) error {
	self := "/invites/accept?token=" + url.QueryEscape(token)
	u := currentUser(c)
	if msg == "" && u != nil {
		msg = mismatchMessage(inv, u)
	}
	return h.render(c, status, "companies/invite", "Join "+inv.Company.Name, &form{Error: msg}, invitePage{
		Invite: inv, Token: token, CanAccept: u != nil && msg == "",
		LoginURL: "/login?next=" + url.QueryEscape(self)})
}

// mismatchMessage says why a signed-in account cannot take the invitation,
// or "" when it can.
func mismatchMessage(inv *models.Invite, u *models.User) string {
	if strings.EqualFold(inv.Email, u.Email) {
		return ""
	}
	return "This invitation was sent to " + inv.Email + ", but you are logged in as " + u.Email +
		". Log out and log in with " + inv.Email + ", or ask the company's owner to invite " + u.Email + "."
}

func (h *Handler) inviteInvalid(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusNotFound, "auth/link_invalid", "This invitation no longer works", nil, linkInvalidPage{
		Message: "The invitation has expired, was already used, or was replaced by a newer one. " +
			"Ask the company's owner to invite you again.",
		Retry: "/", RetryLabel: "Go to the home page"})
}
