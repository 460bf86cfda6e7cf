package handlers

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// jobActions is what the job page offers its reader beside the title (and,
// on phones, in the bar at the bottom of the screen).
type jobActions struct {
	// GuestSaveURL leads a guest through sign-in back to the job, which
	// then asks to confirm the save (a GET never changes anything).
	GuestSaveURL string
	SaveConfirm  bool           // back from sign-in with ?save=1 and not saved yet
	Fit          *models.JobFit // a coder with a profile: how they meet the requirements
	NoProfile    bool           // a coder without a profile: invite them to add one
}

// guestActions is what a guest is offered: saving leads through sign-in.
func guestActions(j *models.Job) jobActions {
	return jobActions{GuestSaveURL: "/login?next=" + url.QueryEscape(j.Path()+"?save=1")}
}

// jobPageActions fills in the save and fit parts of a live job's page for
// its reader.
func (h *Handler) jobPageActions(c *fiber.Ctx, j *models.Job, d *jobPageData) error {
	u := currentUser(c)
	if u == nil {
		d.Actions = guestActions(j)
		return nil
	}
	if d.Save != nil && !d.Save.Saved && c.Query("save") == "1" {
		d.Actions.SaveConfirm = true
	}
	if u.AccountType != models.AccountCoder {
		return nil
	}
	p, err := models.ProfileByUser(c.UserContext(), h.DB, u.ID)
	if errors.Is(err, models.ErrNotFound) {
		d.Actions.NoProfile = true
		return nil
	}
	if err != nil {
		return err
	}
	if fit := models.FitOf(j, p); fit.Total > 0 {
		d.Actions.Fit = &fit
	}
	return nil
}
