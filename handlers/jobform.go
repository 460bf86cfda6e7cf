package handlers

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// jobFormData is the job form's own data (.Data in views/jobs/form.html).
type jobFormData struct {
	Job         *models.Job // nil for a new job
	Input       models.JobInput
	Action      string
	Companies   []models.Company
	Required    []checkGroup // one fieldset per requirement
	Groups      []checkGroup // remote states, settings, specialties, code sets, preferred
	PlanChoice  bool         // the plan is chosen until the job is submitted
	Credentials string       // the required rule as a sentence
}

// checkGroup is one fieldset of checkboxes, laid out in columns.
type checkGroup struct {
	Name, Legend, Hint, Error string
	Number                    int // of a credential requirement
	Columns                   [][]models.Term
	Chosen                    []string
}

// newJob shows an empty form, for the company of ?company= when given.
func (h *Handler) newJob(c *fiber.Ctx) error {
	companyID, _ := strconv.ParseInt(c.Query("company"), 10, 64)
	if companyID == 0 {
		var err error
		if companyID, err = models.LastUsedCompany(c.UserContext(), h.DB, currentUser(c).ID); err != nil {
			return err
		}
	}
	in := models.JobInput{CompanyID: companyID, WorkMode: "remote", EmploymentType: "full_time",
		ApplyMethod: "url", Plan: models.PlanStandard}
	return h.renderJobForm(c, fiber.StatusOK, nil, in, nil, "")
}

// createJob saves a new draft and shows its preview.
func (h *Handler) createJob(c *fiber.Ctx) error {
	in := readJobInput(c)
	var j *models.Job
	err := h.withinLimit(c, models.LimitDrafts, func(ctx context.Context, tx bun.Tx) (err error) {
		j, err = models.CreateJob(ctx, tx, currentUser(c).ID, in, h.now())
		return err
	})
	if v, ok := models.AsValidation(err); ok {
		return h.renderJobForm(c, fiber.StatusUnprocessableEntity, nil, in, v, "")
	}
	if le, ok := models.AsLimit(err); ok {
		return h.renderJobForm(c, fiber.StatusTooManyRequests, nil, in, nil, le.Error())
	}
	if err != nil {
		return err
	}
	return redirect(c, previewPath(j), "Draft saved. This is how your job will look.")
}

// editJob shows the form filled from the saved job.
func (h *Handler) editJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	if !j.Editable() {
		return jobChangeError(models.ErrNotEditable, "edited")
	}
	return h.renderJobForm(c, fiber.StatusOK, j, models.InputFromJob(j), nil, "")
}

// updateJob saves the form over the job and shows its preview.
func (h *Handler) updateJob(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	in := readJobInput(c)
	saved, err := models.UpdateJob(c.UserContext(), h.DB, j.ID, currentUser(c).ID, in, h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.renderJobForm(c, fiber.StatusUnprocessableEntity, j, in, v, "")
	}
	if err != nil {
		return jobChangeError(err, "edited")
	}
	flash := "Saved."
	if j.Status == models.JobActive && saved.Status == models.JobPendingReview {
		flash = "Saved. A new title or company needs another review: the job is off the site until it is approved."
	}
	return redirect(c, previewPath(saved), flash)
}

func previewPath(j *models.Job) string { return "/jobs/" + strconv.FormatInt(j.ID, 10) + "/preview" }

// readJobInput copies the job form out of the request, checkbox lists included.
func readJobInput(c *fiber.Ctx) models.JobInput {
	v := func(name string) string { return string([]byte(c.FormValue(name))) }
	companyID, _ := strconv.ParseInt(c.FormValue("company_id"), 10, 64)
	in := models.JobInput{CompanyID: companyID, Title: v("title"), City: v("city"), State: v("state"),
		PostalCode: v("postal_code"), WorkMode: v("work_mode"), RemoteStates: jobFormList(c, "remote_states"),
		EmploymentType: v("employment_type"), Settings: jobFormList(c, "settings"),
		Specialties: jobFormList(c, "specialties"), CodeSets: jobFormList(c, "code_sets"),
		Preferred: jobFormList(c, "credentials_preferred"), ApprenticeOK: c.FormValue("apprentice_ok") != "",
		Experience: v("experience_min_years"), SalaryMin: v("salary_min"), SalaryMax: v("salary_max"),
		SalaryPeriod: v("salary_period"), Systems: v("systems"), ApplyMethod: v("apply_method"),
		ApplyURL: v("apply_url"), ApplyEmail: v("apply_email"), Description: v("description"), Plan: v("plan")}
	for i := 1; i <= models.MaxCredentialGroups; i++ {
		in.Required = append(in.Required, jobFormList(c, requiredField(i)))
	}
	return in
}

func requiredField(i int) string { return "required_" + strconv.Itoa(i) }

// jobFormList copies every value of a repeated form field (checkboxes).
func jobFormList(c *fiber.Ctx, name string) []string {
	var out []string
	for _, b := range c.Request().PostArgs().PeekMulti(name) {
		out = append(out, string(b))
	}
	return out
}

// renderJobForm draws the job form with what was typed and a message beside
// each bad field; msg, when given, heads the form.
func (h *Handler) renderJobForm(c *fiber.Ctx, status int, j *models.Job, in models.JobInput,
	errs models.ValidationErrors, msg string) error {
	companies, err := models.CompaniesForUser(c.UserContext(), h.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	f := &form{Values: map[string]string{"title": in.Title, "city": in.City, "postal_code": in.PostalCode,
		"experience_min_years": in.Experience, "salary_min": in.SalaryMin, "salary_max": in.SalaryMax,
		"systems": in.Systems, "apply_url": in.ApplyURL, "apply_email": in.ApplyEmail,
		"description": in.Description}, Errors: models.ValidationErrors{}, Error: msg}
	f.failed(errs)
	d := jobFormData{Job: j, Input: in, Action: "/jobs", Companies: companies,
		PlanChoice:  j == nil || j.Status == models.JobDraft || j.Status == models.JobExpired,
		Credentials: credentialsSentence(in.Required)}
	title := "Post a job"
	if j != nil {
		d.Action, title = "/jobs/"+strconv.FormatInt(j.ID, 10), "Edit job"
	}
	for i := 0; i < models.MaxCredentialGroups; i++ {
		g := checkGroup{Name: requiredField(i + 1), Number: i + 1, Legend: "Requirement " + strconv.Itoa(i+1) + ": any one of",
			Columns: termColumns(models.Credentials, 4)}
		if i > 0 {
			g.Legend = "and requirement " + strconv.Itoa(i+1) + ": any one of"
		}
		if i < len(in.Required) {
			g.Chosen = in.Required[i]
		}
		d.Required = append(d.Required, g)
	}
	d.Groups = []checkGroup{
		{Name: "remote_states", Legend: "States where remote coders may live",
			Hint:    "For remote and hybrid jobs. Leave all unchecked for anywhere in the US.",
			Columns: termColumns(models.States, 4), Chosen: in.RemoteStates},
		{Name: "settings", Legend: "Settings", Columns: termColumns(models.Settings, 2), Chosen: in.Settings},
		{Name: "specialties", Legend: "Specialties", Columns: termColumns(models.Specialties, 3), Chosen: in.Specialties},
		{Name: "code_sets", Legend: "Code sets used", Columns: termColumns(models.CodeSystems, 2), Chosen: in.CodeSets},
		{Name: "credentials_preferred", Legend: "Preferred credentials", Hint: "Nice to have, not required.",
			Columns: termColumns(models.Credentials, 4), Chosen: in.Preferred},
	}
	for i := range d.Groups {
		d.Groups[i].Error = f.Errors[d.Groups[i].Name]
	}
	return h.render(c, status, "jobs/form", title, f, d)
}

// termColumns splits terms into n columns of nearly equal length, read top
// to bottom.
func termColumns(terms []models.Term, n int) [][]models.Term {
	per := (len(terms) + n - 1) / n
	var cols [][]models.Term
	for start := 0; start < len(terms); start += per {
		cols = append(cols, terms[start:min(start+per, len(terms))])
	}
	return cols
}
