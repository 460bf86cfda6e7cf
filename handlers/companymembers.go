package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// lastOwnerMessage explains why the only owner cannot go.
const lastOwnerMessage = "A company needs an owner, and you are its only one, so you cannot leave or be removed."

// listMembers shows a company's members to its members, and the pending
// invitations and the invite form to its owner.
func (h *Handler) listMembers(c *fiber.Ctx) error {
	co, role, err := h.companyOf(c)
	if err != nil {
		return err
	}
	return h.renderMembers(c, fiber.StatusOK, co, role, nil)
}

// inviteMember emails an invitation link to an address.
func (h *Handler) inviteMember(c *fiber.Ctx) error {
	co, err := h.ownedCompany(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	f := readForm(c, "email")
	f.Name = "invite"
	inv, err := h.Mail.InviteMember(c.UserContext(), h.DB, co, u, f.Get("email"))
	if v, ok := models.AsValidation(err); ok {
		return h.renderMembers(c, fiber.StatusUnprocessableEntity, co, models.RoleOwner, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path()+"/members", "Invitation sent to "+inv.Email+". The link works for 7 days.")
}

// memberOfRoute is the owner's company and the member the route's :user
// names.
func (h *Handler) memberOfRoute(c *fiber.Ctx) (*models.Company, int64, error) {
	co, err := h.ownedCompany(c)
	if err != nil {
		return nil, 0, err
	}
	userID, err := paramNamed(c, "user")
	return co, userID, err
}

// removeMember takes someone out of the company, by its owner.
func (h *Handler) removeMember(c *fiber.Ctx) error {
	co, userID, err := h.memberOfRoute(c)
	if err != nil {
		return err
	}
	err = models.RemoveMember(c.UserContext(), h.DB, co.ID, userID)
	if errors.Is(err, models.ErrLastOwner) {
		return h.renderMembers(c, fiber.StatusConflict, co, models.RoleOwner, &form{Name: "members", Error: lastOwnerMessage})
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path()+"/members", "The member was removed.")
}

// leaveCompany lets a member leave; the last owner cannot.
func (h *Handler) leaveCompany(c *fiber.Ctx) error {
	co, role, err := h.companyOf(c)
	if err != nil {
		return err
	}
	err = models.LeaveCompany(c.UserContext(), h.DB, co.ID, currentUser(c).ID)
	if errors.Is(err, models.ErrLastOwner) {
		return h.renderMembers(c, fiber.StatusConflict, co, role, &form{Name: "members", Error: lastOwnerMessage})
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path(), "You have left "+co.Name+".")
}

// renderMembers draws the members page; only the owner sees invitations.
func (h *Handler) renderMembers(c *fiber.Ctx, status int, co *models.Company, role string, f *form) error {
	ctx := c.UserContext()
	members, err := models.CompanyMembers(ctx, h.DB, co.ID)
	if err != nil {
		return err
	}
	var invites []models.Invite
	if role == models.RoleOwner {
		if invites, err = models.PendingInvites(ctx, h.DB, co.ID); err != nil {
			return err
		}
	}
	owners := 0
	for _, m := range members {
		if m.Owner() {
			owners++
		}
	}
	return h.render(c, status, "companies/members", "Members of "+co.Name, f, membersPage{
		Company: co, Members: members, Invites: invites, Owner: role == models.RoleOwner,
		OnlyOwner: owners == 1 && role == models.RoleOwner})
}
