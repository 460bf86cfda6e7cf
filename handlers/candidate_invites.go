package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// invitesOffMessage is what an employer reads when the candidate turned
// invitations off.
const invitesOffMessage = "This candidate has turned off invitations from employers."

// inviteCandidate sends "invite to apply": the site emails the candidate a
// link to one of the company's live jobs, without telling the company the
// address. Refusals come back to the profile with a message by the form.
func (h *Handler) inviteCandidate(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	ok, err := models.CanSearchCandidates(c.UserContext(), h.DB, u)
	if err != nil {
		return err
	}
	if !ok {
		return models.ErrForbidden
	}
	f := readForm(c, "job_id")
	f.Name = "invite"
	jobID, _ := strconv.ParseInt(f.Get("job_id"), 10, 64)
	inv, err := h.Mail.InviteToApply(c.UserContext(), h.DB, u, id, jobID, h.now())
	if errors.Is(err, models.ErrInvitesOff) {
		f.Error = invitesOffMessage
		return h.renderCandidate(c, fiber.StatusConflict, id, f)
	}
	if v, ok := models.AsValidation(err); ok {
		return h.renderCandidate(c, fiber.StatusUnprocessableEntity, id, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/candidates/"+strconv.FormatInt(id, 10), "Invitation sent. We emailed the candidate a link "+
		"to your job "+inv.Job.Title+". You will see their contact details and resume if they apply.")
}
