package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// candidatePage is a candidate's profile page (views/candidates/show.html).
// What it holds is what the viewer may see: employers get the professional
// profile only; the name shows to the coder and admins, and member numbers
// to the coder and admins, who verify them.
type candidatePage struct {
	Profile     *models.Profile
	Credentials []models.ProfileCredential
	Summary     []string
	Remote      string
	Own         bool
	Admin       bool
	Invite      *inviteBox // the employer's "invite to apply"; nil for the coder and admins outside a company
}

// inviteBox is the "invite to apply" form of a candidate page.
type inviteBox struct {
	CandidateID int64
	Jobs        []models.Job // the live jobs the viewer may invite to
	Off         bool         // the candidate turned invitations off
}

// renderCandidate draws a candidate's profile, metered like code pages: in
// full while the employer has views left (re-opening a counted profile is
// free, Pro and admins are unlimited), otherwise only the teaser, with 402.
// Coders always see their own profile, even a private one, for free. f is
// the invite form when it comes back with a message.
func (h *Handler) renderCandidate(c *fiber.Ctx, status int, id int64, f *form) error {
	ctx, u := c.UserContext(), currentUser(c)
	own := id == u.ID
	if !own {
		// Asked before looking the profile up, so the answer says nothing
		// about which profiles exist.
		access, err := models.CandidateSearchAccess(ctx, h.DB, u)
		if err != nil {
			return err
		}
		if access != models.SearchOpen {
			return h.employersOnly(c, access)
		}
	}
	p, err := models.ProfileForViewer(ctx, h.DB, id, u.ID)
	if err != nil {
		return err
	}
	creds, err := models.CredentialsOf(ctx, h.DB, id)
	if err != nil {
		return err
	}
	if !own {
		d, err := h.spendView(c, models.KindCandidate, strconv.FormatInt(id, 10))
		if err != nil {
			return err
		}
		if !d.Allowed {
			// The teaser gets only what search results show.
			return h.render(c, fiber.StatusPaymentRequired, "candidates/teaser", p.Headline, nil,
				candidateTeaserPage{Headline: p.Headline, Credentials: teaserCredentials(creds)})
		}
	}
	data := candidatePage{Profile: p, Credentials: creds, Own: own, Admin: u.IsAdmin,
		Summary: paragraphs(p.Summary), Remote: models.TermLabel(models.RemotePreferences, p.RemotePreference)}
	if !own && !u.IsAdmin {
		// Employers never receive what they may not see, not even hidden:
		// no account (name, email) and no member numbers.
		shown := *p
		shown.User = nil
		data.Profile = &shown
		for i := range data.Credentials {
			data.Credentials[i].Number = ""
		}
	}
	if !own {
		jobs, err := models.InviteJobs(ctx, h.DB, u.ID, h.now())
		if err != nil {
			return err
		}
		if len(jobs) > 0 || !u.IsAdmin {
			data.Invite = &inviteBox{CandidateID: id, Jobs: jobs, Off: !p.InvitesAllowed}
		}
	}
	title := p.Headline
	if title == "" {
		title = "Medical coder"
	}
	return h.render(c, status, "candidates/show", title, f, data)
}
