package handlers

import (
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/app/mail"
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
	var inv *models.CandidateInvite
	err = h.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
		if inv, err = models.InviteToApply(ctx, tx, u, id, jobID, h.now()); err != nil {
			return err
		}
		return h.Mail.Queue(ctx, tx, h.candidateInviteEmail(inv))
	})
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

// candidateInviteEmail is the invitation as the candidate reads it: the
// job's apply page (or its page, when it is applied to elsewhere).
func (h *Handler) candidateInviteEmail(inv *models.CandidateInvite) mail.Message {
	link := h.BaseURL + inv.Job.Path()
	if inv.Job.ApplyMethod == "onsite" {
		link = h.BaseURL + "/jobs/" + strconv.FormatInt(inv.Job.ID, 10) + "/apply"
	}
	return mail.Message{To: inv.Candidate.Email, Template: "candidate_invite",
		Key: "candidate_invite:" + strconv.FormatInt(inv.ID, 10),
		Data: map[string]any{"Name": inv.Candidate.Name, "CompanyName": inv.Job.Company.Name,
			"Title": inv.Job.Title, "Link": link, "ProfileLink": h.BaseURL + "/profile"}}
}
