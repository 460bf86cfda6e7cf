package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// profilePage is the profile page's own data (.Data in views/profile/edit.html).
type profilePage struct {
	Input       models.ProfileInput
	Profile     *form        // the profile form: what was typed, and messages
	Groups      []checkGroup // specialties, settings, code sets, remote states
	Credentials []models.ProfileCredential
	Resumes     []models.Resume
	MaxResumeMB int

	RemotePreferences []models.Term
}

// Form names of the profile page, which holds several forms.
const (
	profileForm    = "profile"
	credentialForm = "credential"
	resumeForm     = "resume"
)

// editProfile shows the signed-in person's profile, credentials and resumes.
func (h *Handler) editProfile(c *fiber.Ctx) error {
	return h.renderSavedProfile(c, fiber.StatusOK, nil)
}

// saveProfile creates or replaces the profile from the form.
func (h *Handler) saveProfile(c *fiber.Ctx) error {
	in := readProfileInput(c)
	_, err := models.SaveProfile(c.UserContext(), h.DB, currentUser(c).ID, in)
	if v, ok := models.AsValidation(err); ok {
		f := &form{Name: profileForm, Errors: models.ValidationErrors{}}
		return h.renderProfile(c, fiber.StatusUnprocessableEntity, in, f.failed(v))
	}
	if err != nil {
		return err
	}
	flash := "Profile saved. It is private: only you can see it."
	if in.Visibility == models.ProfileVisible {
		flash = "Profile saved. Employers searching for candidates can find it."
	}
	return redirect(c, "/profile", flash)
}

// readProfileInput copies the profile form out of the request.
func readProfileInput(c *fiber.Ctx) models.ProfileInput {
	v := func(name string) string { return string([]byte(c.FormValue(name))) }
	return models.ProfileInput{Headline: v("headline"), Summary: v("summary"),
		Specialties: jobFormList(c, "specialties"), Settings: jobFormList(c, "settings"),
		CodeSets: jobFormList(c, "code_sets"), Years: v("years_experience"), City: v("city"),
		State: v("state"), RemotePreference: v("remote_preference"), RemoteStates: jobFormList(c, "remote_states"),
		DesiredPay: v("desired_pay"), DesiredPayPeriod: v("desired_pay_period"), Visibility: v("visibility"),
		InvitesAllowed: c.FormValue("invites_allowed") != ""}
}

// renderProfile draws the profile page. in fills the profile form; f, when
// given, is the form that was sent back with its messages (f.Name says which
// of the page's forms).
func (h *Handler) renderProfile(c *fiber.Ctx, status int, in models.ProfileInput, f *form) error {
	ctx, userID := c.UserContext(), currentUser(c).ID
	creds, err := models.CredentialsOf(ctx, h.DB, userID)
	if err != nil {
		return err
	}
	resumes, err := models.ResumesOf(ctx, h.DB, userID)
	if err != nil {
		return err
	}
	pf := &form{Errors: models.ValidationErrors{}, Values: map[string]string{"headline": in.Headline,
		"summary": in.Summary, "years_experience": in.Years, "city": in.City, "desired_pay": in.DesiredPay}}
	if f != nil && f.Name == profileForm {
		pf.failed(f.Errors)
	}
	d := profilePage{Input: in, Profile: pf, Credentials: creds, Resumes: resumes, MaxResumeMB: models.MaxResumeBytes >> 20,
		RemotePreferences: models.RemotePreferences}
	d.Groups = []checkGroup{
		{Name: "specialties", Legend: "Specialties", Columns: termColumns(models.Specialties, 3), Chosen: in.Specialties},
		{Name: "settings", Legend: "Settings you have coded in", Columns: termColumns(models.Settings, 2), Chosen: in.Settings},
		{Name: "code_sets", Legend: "Code sets you use", Columns: termColumns(models.CodeSystems, 2), Chosen: in.CodeSets},
		{Name: "remote_states", Legend: "States you can work remotely for",
			Hint:    "Some remote jobs are open only to coders in certain states. Leave all unchecked if you are not sure.",
			Columns: termColumns(models.States, 4), Chosen: in.RemoteStates},
	}
	for i := range d.Groups {
		d.Groups[i].Error = pf.Errors[d.Groups[i].Name]
	}
	return h.render(c, status, "profile/edit", "Your profile", f, d)
}

// renderSavedProfile draws the profile page as saved, with f (a
// credential or resume form sent back) or nil.
func (h *Handler) renderSavedProfile(c *fiber.Ctx, status int, f *form) error {
	p, err := models.ProfileByUser(c.UserContext(), h.DB, currentUser(c).ID)
	if errors.Is(err, models.ErrNotFound) {
		p = nil
	} else if err != nil {
		return err
	}
	return h.renderProfile(c, status, models.InputFromProfile(p), f)
}
