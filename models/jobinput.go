package models

import (
	"errors"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Limits of the job form.
const (
	MaxJobTitle         = 120
	MaxCredentialGroups = 3
	maxDescription      = 20000
	maxSalary           = 10_000_000
)

// ErrNotEditable refuses edits to a job that is closed for good (filled,
// rejected, withdrawn, removed): it can only be duplicated.
var ErrNotEditable = errors.New("job can no longer be edited")

// JobInput is what the job form sends, kept as typed so a refused form shows
// it again. Numbers stay text until Validate has checked them.
type JobInput struct {
	CompanyID                       int64
	Title, City, State, PostalCode  string
	WorkMode                        string
	RemoteStates                    []string // empty: anywhere in the US
	EmploymentType                  string
	Settings, Specialties, CodeSets []string
	Required                        [][]string // all groups needed, any one credential of each
	Preferred                       []string
	ApprenticeOK                    bool
	Experience                      string // whole years
	SalaryMin, SalaryMax            string // whole dollars
	SalaryPeriod                    string
	Systems                         string // comma-separated
	ApplyMethod, ApplyURL           string
	ApplyEmail                      string
	Description                     string // Markdown
	Plan                            string
}

var zipCodeRE = regexp.MustCompile(`^\d{5}(-\d{4})?$`)

// Validate checks a job ready to be submitted: every required field.
func (in *JobInput) Validate() ValidationErrors { return in.check(true) }

// ValidateDraft checks a draft: only company and title are needed, but what
// was entered must make sense.
func (in *JobInput) ValidateDraft() ValidationErrors { return in.check(false) }

func (in *JobInput) check(complete bool) ValidationErrors {
	in.normalize()
	errs := ValidationErrors{}
	need := func(field, value, msg string) {
		if complete && value == "" {
			errs.Add(field, msg)
		}
	}
	if in.CompanyID <= 0 {
		errs.Add("company_id", "Choose the company this job is for.")
	}
	if in.Title == "" {
		errs.Add("title", "Enter the job title.")
	}
	errs.TooLong("title", in.Title, MaxJobTitle)
	if !IsTerm(WorkModes, in.WorkMode) {
		errs.Add("work_mode", "Choose remote, hybrid or on-site.")
	}
	if in.WorkMode != "remote" {
		need("city", in.City, "Enter the city where the job is.")
		need("state", in.State, "Choose the state where the job is.")
	}
	errs.TooLong("city", in.City, 100)
	if in.State != "" && !IsTerm(States, in.State) {
		errs.Add("state", "Choose a state from the list.")
	}
	if in.PostalCode != "" && !zipCodeRE.MatchString(in.PostalCode) {
		errs.Add("postal_code", "Enter a ZIP code like 30301.")
	}
	errs.NotTerms("remote_states", in.RemoteStates, States)
	if !IsTerm(EmploymentTypes, in.EmploymentType) {
		errs.Add("employment_type", "Choose the type of employment.")
	}
	errs.NotTerms("settings", in.Settings, Settings)
	errs.NotTerms("specialties", in.Specialties, Specialties)
	errs.NotTerms("code_sets", in.CodeSets, CodeSystems)
	for _, g := range in.Required {
		errs.NotTerms("credentials_required", g, Credentials)
	}
	if len(in.Required) > MaxCredentialGroups {
		errs.Add("credentials_required", "Use at most 3 requirements.")
	}
	errs.NotTerms("credentials_preferred", in.Preferred, Credentials)
	if _, ok := formCount(in.Experience, 50); !ok {
		errs.Add("experience_min_years", "Enter a whole number of years from 0 to 50.")
	}
	in.checkSalary(errs)
	systems := systemNames(in.Systems)
	if len(systems) > 15 || slices.ContainsFunc(systems, func(s string) bool { return len([]rune(s)) > 60 }) {
		errs.Add("systems", "List at most 15 systems of up to 60 characters each.")
	}
	in.checkApply(errs, complete)
	need("description", in.Description, "Describe the job.")
	errs.TooLong("description", in.Description, maxDescription)
	if !IsTerm(JobPlans, in.Plan) {
		errs.Add("plan", "Choose a plan.")
	}
	return errs
}

// normalize trims what was typed and fills the defaults the form preselects.
func (in *JobInput) normalize() {
	for _, s := range []*string{&in.Title, &in.City, &in.State, &in.PostalCode, &in.WorkMode,
		&in.EmploymentType, &in.Experience, &in.SalaryMin, &in.SalaryMax, &in.SalaryPeriod,
		&in.Systems, &in.ApplyMethod, &in.ApplyURL, &in.ApplyEmail, &in.Description, &in.Plan} {
		*s = strings.TrimSpace(*s)
	}
	defaults := map[*string]string{&in.WorkMode: "remote", &in.EmploymentType: "full_time",
		&in.ApplyMethod: "url", &in.Plan: PlanStandard}
	for s, v := range defaults {
		if *s == "" {
			*s = v
		}
	}
	groups := [][]string{}
	for _, g := range in.Required {
		if g = distinctValues(g); len(g) > 0 {
			groups = append(groups, g)
		}
	}
	in.Required = groups
}

func (in *JobInput) checkSalary(errs ValidationErrors) {
	lo, okLo := formCount(plainDollars(in.SalaryMin), maxSalary)
	hi, okHi := formCount(plainDollars(in.SalaryMax), maxSalary)
	if !okLo {
		errs.Add("salary_min", "Enter whole dollars, like 52000.")
	}
	if !okHi {
		errs.Add("salary_max", "Enter whole dollars, like 65000.")
	}
	if okLo && okHi && in.SalaryMin != "" && in.SalaryMax != "" && hi < lo {
		errs.Add("salary_max", "The maximum must be at least the minimum.")
	}
	if in.SalaryPeriod != "" && !IsTerm(SalaryPeriods, in.SalaryPeriod) {
		errs.Add("salary_period", "Choose per hour, per year or per chart.")
	}
	if (in.SalaryMin != "" || in.SalaryMax != "") && in.SalaryPeriod == "" {
		errs.Add("salary_period", "Say whether the pay is per hour, per year or per chart.")
	}
}

// checkApply: candidates apply on this site (nothing more to fill in), on
// the employer's website, or by email.
func (in *JobInput) checkApply(errs ValidationErrors, complete bool) {
	switch in.ApplyMethod {
	case "onsite": // nothing more to fill in
	case "url":
		if complete && in.ApplyURL == "" {
			errs.Add("apply_url", "Enter the web address where candidates apply.")
		}
		if u, err := url.Parse(in.ApplyURL); in.ApplyURL != "" && (err != nil || len(in.ApplyURL) > 2000 ||
			(u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			errs.Add("apply_url", "Enter a full web address starting with https://.")
		}
	case "email":
		if complete && in.ApplyEmail == "" {
			errs.Add("apply_email", "Enter the email address that receives applications.")
		}
		if a, err := mail.ParseAddress(in.ApplyEmail); in.ApplyEmail != "" && (err != nil ||
			a.Address != in.ApplyEmail || len(in.ApplyEmail) > 254 || !strings.Contains(in.ApplyEmail, ".")) {
			errs.Add("apply_email", "Enter an email address like jobs@example.com.")
		}
	default:
		errs.Add("apply_method", "Choose how candidates apply.")
	}
}

// formCount parses an optional whole number typed in a form; "" is 0.
func formCount(s string, max int) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= max
}

// plainDollars accepts "$52,000" as well as "52000".
func plainDollars(s string) string { return strings.NewReplacer("$", "", ",", "", " ", "").Replace(s) }

func dollarAmount(s string) *int {
	if s = plainDollars(s); s == "" {
		return nil
	}
	n, _ := strconv.Atoi(s)
	return &n
}

func systemNames(s string) []string {
	out := []string{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return distinctValues(out)
}

func distinctValues(list []string) []string {
	out := []string{}
	for _, v := range list {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// apply copies a validated input onto j, with the fields derived from it.
func (in *JobInput) apply(j *Job, co *Company) {
	j.CompanyID, j.CompanyName = co.ID, co.Name
	j.Title, j.Slug = in.Title, JobSlug(in.Title)
	j.City, j.State, j.PostalCode = in.City, in.State, in.PostalCode
	j.WorkMode, j.RemoteStates = in.WorkMode, distinctValues(in.RemoteStates)
	if in.WorkMode == "onsite" {
		j.RemoteStates = []string{}
	}
	j.EmploymentType = in.EmploymentType
	j.Settings, j.Specialties, j.CodeSets = distinctValues(in.Settings), distinctValues(in.Specialties), distinctValues(in.CodeSets)
	j.CredentialsRequired, j.CredentialsPreferred = in.Required, distinctValues(in.Preferred)
	j.Credentials = distinctValues(append(slices.Concat(in.Required...), in.Preferred...))
	j.ApprenticeOK = in.ApprenticeOK
	j.ExperienceMinYears, _ = formCount(in.Experience, 50)
	j.SalaryMin, j.SalaryMax, j.SalaryPeriod = dollarAmount(in.SalaryMin), dollarAmount(in.SalaryMax), nil
	if j.SalaryMin != nil || j.SalaryMax != nil {
		period := in.SalaryPeriod
		j.SalaryPeriod = &period
	}
	j.Systems = systemNames(in.Systems)
	j.ApplyMethod, j.ApplyURL, j.ApplyEmail = in.ApplyMethod, "", ""
	switch in.ApplyMethod {
	case "url":
		j.ApplyURL = in.ApplyURL
	case "email":
		j.ApplyEmail = in.ApplyEmail
	}
	j.Description, j.Plan = in.Description, in.Plan
	j.DescriptionHTML = RenderMarkdown(in.Description)
}

// InputFromJob fills the form from a saved job.
func InputFromJob(j *Job) JobInput {
	in := JobInput{CompanyID: j.CompanyID, Title: j.Title, City: j.City, State: j.State,
		PostalCode: j.PostalCode, WorkMode: j.WorkMode, RemoteStates: j.RemoteStates,
		EmploymentType: j.EmploymentType, Settings: j.Settings, Specialties: j.Specialties,
		CodeSets: j.CodeSets, Required: j.CredentialsRequired, Preferred: j.CredentialsPreferred,
		ApprenticeOK: j.ApprenticeOK, Systems: strings.Join(j.Systems, ", "), ApplyMethod: j.ApplyMethod,
		ApplyURL: j.ApplyURL, ApplyEmail: j.ApplyEmail, Description: j.Description, Plan: j.Plan}
	if j.ExperienceMinYears > 0 {
		in.Experience = strconv.Itoa(j.ExperienceMinYears)
	}
	if j.SalaryMin != nil {
		in.SalaryMin = strconv.Itoa(*j.SalaryMin)
	}
	if j.SalaryMax != nil {
		in.SalaryMax = strconv.Itoa(*j.SalaryMax)
	}
	if j.SalaryPeriod != nil {
		in.SalaryPeriod = *j.SalaryPeriod
	}
	return in
}

// joinWords lowercases s and keeps its runs of ASCII letters and digits,
// joined by sep: "Coder (CPC), Remote" with '-' is "coder-cpc-remote".
func joinWords(s string, sep byte) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte(sep)
			}
			b.WriteRune(r)
			gap = false
		} else {
			gap = true
		}
	}
	return b.String()
}

// JobSlug makes the URL words of a title: lowercase ASCII letters and digits
// joined by hyphens, at most 80 characters, cut between words.
func JobSlug(title string) string {
	s := joinWords(title, '-')
	if len(s) > 80 {
		s = s[:80]
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "job"
	}
	return s
}
