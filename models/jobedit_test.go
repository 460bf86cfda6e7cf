package models_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

func TestJobInputValidation(t *testing.T) {
	k := postingKit{}
	k.company = 7
	cases := []struct {
		name  string
		edit  func(in *models.JobInput)
		draft bool
		field string // the field with a message; "" when valid
	}{
		{"complete", func(in *models.JobInput) {}, false, ""},
		{"no company", func(in *models.JobInput) { in.CompanyID = 0 }, true, "company_id"},
		{"no title", func(in *models.JobInput) { in.Title = "  " }, true, "title"},
		{"long title", func(in *models.JobInput) { in.Title = strings.Repeat("a", 121) }, true, "title"},
		{"draft without description", func(in *models.JobInput) { in.Description = "" }, true, ""},
		{"submitted without description", func(in *models.JobInput) { in.Description = "" }, false, "description"},
		{"long description", func(in *models.JobInput) { in.Description = strings.Repeat("a", 20001) }, true, "description"},
		{"on-site without city", func(in *models.JobInput) { in.WorkMode = "onsite"; in.State = "GA" }, false, "city"},
		{"hybrid without state", func(in *models.JobInput) { in.WorkMode = "hybrid"; in.City = "Atlanta" }, false, "state"},
		{"odd work mode", func(in *models.JobInput) { in.WorkMode = "moon" }, true, "work_mode"},
		{"odd state", func(in *models.JobInput) { in.State = "ZZ" }, true, "state"},
		{"bad zip", func(in *models.JobInput) { in.PostalCode = "3030" }, true, "postal_code"},
		{"odd remote state", func(in *models.JobInput) { in.RemoteStates = []string{"GA", "XX"} }, true, "remote_states"},
		{"odd employment", func(in *models.JobInput) { in.EmploymentType = "gig" }, true, "employment_type"},
		{"odd setting", func(in *models.JobInput) { in.Settings = []string{"spa"} }, true, "settings"},
		{"odd specialty", func(in *models.JobInput) { in.Specialties = []string{"x"} }, true, "specialties"},
		{"odd code set", func(in *models.JobInput) { in.CodeSets = []string{"icd-9"} }, true, "code_sets"},
		{"odd credential", func(in *models.JobInput) { in.Required = [][]string{{"RHIT"}, {"XYZ"}} }, true, "credentials_required"},
		{"four requirements", func(in *models.JobInput) { in.Required = [][]string{{"CPC"}, {"CCS"}, {"RHIT"}, {"CIC"}} }, true, "credentials_required"},
		{"empty groups are dropped", func(in *models.JobInput) { in.Required = [][]string{{}, {"CPC"}, {}, {}} }, true, ""},
		{"odd preferred", func(in *models.JobInput) { in.Preferred = []string{"MD"} }, true, "credentials_preferred"},
		{"negative experience", func(in *models.JobInput) { in.Experience = "-1" }, true, "experience_min_years"},
		{"fractional experience", func(in *models.JobInput) { in.Experience = "2.5" }, true, "experience_min_years"},
		{"salary in words", func(in *models.JobInput) { in.SalaryMin = "lots" }, true, "salary_min"},
		{"salary in cents", func(in *models.JobInput) { in.SalaryMax = "65000.50" }, true, "salary_max"},
		{"max below min", func(in *models.JobInput) { in.SalaryMin, in.SalaryMax = "30", "25" }, true, "salary_max"},
		{"amount without period", func(in *models.JobInput) { in.SalaryPeriod = "" }, true, "salary_period"},
		{"odd period", func(in *models.JobInput) { in.SalaryPeriod = "week" }, true, "salary_period"},
		{"no salary at all", func(in *models.JobInput) { in.SalaryMin, in.SalaryMax, in.SalaryPeriod = "", "", "" }, false, ""},
		{"too many systems", func(in *models.JobInput) { in.Systems = "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p" }, true, "systems"},
		{"on-site apply", func(in *models.JobInput) { in.ApplyMethod, in.ApplyURL = "onsite", "" }, false, ""},
		{"odd apply method", func(in *models.JobInput) { in.ApplyMethod = "fax" }, true, "apply_method"},
		{"apply URL without scheme", func(in *models.JobInput) { in.ApplyURL = "example.com/apply" }, true, "apply_url"},
		{"javascript apply URL", func(in *models.JobInput) { in.ApplyURL = "javascript:alert(1)" }, true, "apply_url"},
		{"submitted without apply URL", func(in *models.JobInput) { in.ApplyURL = "" }, false, "apply_url"},
		{"draft without apply URL", func(in *models.JobInput) { in.ApplyURL = "" }, true, ""},
		{"apply email", func(in *models.JobInput) { in.ApplyMethod, in.ApplyEmail = "email", "jobs@example.com" }, false, ""},
		{"bad apply email", func(in *models.JobInput) { in.ApplyMethod, in.ApplyEmail = "email", "jobs at example" }, true, "apply_email"},
		{"submitted without apply email", func(in *models.JobInput) { in.ApplyMethod = "email" }, false, "apply_email"},
		{"odd plan", func(in *models.JobInput) { in.Plan = "gold" }, true, "plan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := k.input()
			c.edit(&in)
			errs := in.Validate()
			if c.draft {
				errs = in.ValidateDraft()
			}
			if c.field == "" && len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if c.field != "" && (errs[c.field] == "" || len(errs) != 1) {
				t.Fatalf("want a message for %s only, got %v", c.field, errs)
			}
		})
	}
}

func TestCreateJobKeepsDerivedFieldsInStep(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	in := k.input()
	in.Title = "Coder II – Outpatient / Pro-Fee (Remote!) " + strings.Repeat("word ", 14)
	in.WorkMode, in.RemoteStates = "onsite", []string{"GA"}
	j, err := models.CreateJob(k.ctx, k.db, k.user.ID, in, now)
	if err != nil {
		t.Fatal(err)
	}
	got := k.reload(j.ID)
	if got.Status != models.JobDraft || got.CompanyName != "Co acme-health" || got.CreatedBy != k.user.ID {
		t.Fatalf("draft: %+v", got)
	}
	if !strings.HasPrefix(got.Slug, "coder-ii-outpatient-pro-fee-remote-word-") || len(got.Slug) > 80 ||
		strings.HasSuffix(got.Slug, "-") {
		t.Fatalf("slug %q", got.Slug)
	}
	if !reflect.DeepEqual(got.Credentials, []string{"RHIT", "CCS", "CIC", "CPC"}) ||
		!reflect.DeepEqual(got.CredentialsRequired, [][]string{{"RHIT"}, {"CCS", "CIC"}}) {
		t.Fatalf("credentials %v / %v", got.Credentials, got.CredentialsRequired)
	}
	if *got.SalaryMin != 52000 || *got.SalaryMax != 65000 || *got.SalaryPeriod != "year" ||
		!reflect.DeepEqual(got.Systems, []string{"Epic", "3M 360 Encompass"}) || len(got.RemoteStates) != 0 {
		t.Fatalf("salary %v-%v, systems %v, remote states %v", *got.SalaryMin, *got.SalaryMax, got.Systems, got.RemoteStates)
	}

	// Someone else's company is not offered.
	_, other := k.employer("other@example.com", "other-co")
	in.CompanyID = other
	if _, err := models.CreateJob(k.ctx, k.db, k.user.ID, in, now); err == nil {
		t.Fatal("posted for a company the user does not belong to")
	} else if v, ok := models.AsValidation(err); !ok || v["company_id"] == "" {
		t.Fatalf("other company: %v", err)
	}
}

func TestUpdateJobByStatus(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)

	// Wording on a live job: stays live.
	live := k.job(models.JobActive, now)
	in := k.input()
	in.Description = "Code outpatient charts, now with E/M."
	in.Plan = models.PlanFeatured // a submitted job's plan is paid for and stays
	got, err := models.UpdateJob(k.ctx, k.db, live.ID, k.user.ID, in, now)
	if err != nil || got.Status != models.JobActive || k.reload(live.ID).Description != in.Description ||
		k.reload(live.ID).Plan != models.PlanStandard {
		t.Fatalf("wording: %v %+v", err, got)
	}

	// A new title: back to review.
	in.Title = "Inpatient Coder"
	got, err = models.UpdateJob(k.ctx, k.db, live.ID, k.user.ID, in, now)
	if err != nil || got.Status != models.JobPendingReview || k.reload(live.ID).Slug != "inpatient-coder" {
		t.Fatalf("title: %v %+v", err, got)
	}

	// A new company: back to review too.
	_, second := k.employer("second@example.com", "second-co")
	if _, err := k.db.ExecContext(k.ctx, `INSERT INTO company_members (company_id, user_id) VALUES (?, ?)`,
		second, k.user.ID); err != nil {
		t.Fatal(err)
	}
	live = k.job(models.JobActive, now)
	in = k.input()
	in.CompanyID = second
	got, err = models.UpdateJob(k.ctx, k.db, live.ID, k.user.ID, in, now)
	if err != nil || got.Status != models.JobPendingReview || got.CompanyName != "Co second-co" {
		t.Fatalf("company: %v %+v", err, got)
	}

	// A live job must stay complete; a draft need not.
	in = k.input()
	in.Description = ""
	if _, err := models.UpdateJob(k.ctx, k.db, k.job(models.JobActive, now).ID, k.user.ID, in, now); err == nil {
		t.Fatal("a live job lost its description")
	}
	draft := k.job(models.JobDraft, now)
	if got, err := models.UpdateJob(k.ctx, k.db, draft.ID, k.user.ID, in, now); err != nil || got.Status != models.JobDraft {
		t.Fatalf("draft: %v", err)
	}

	// Editing an expired job relists it as a draft.
	got, err = models.UpdateJob(k.ctx, k.db, k.job(models.JobExpired, now).ID, k.user.ID, k.input(), now)
	if err != nil || got.Status != models.JobDraft || !got.ExpiresAt.IsZero() {
		t.Fatalf("expired: %v %+v", err, got)
	}

	for _, status := range []string{models.JobFilled, models.JobRejected, models.JobWithdrawn, models.JobRemoved} {
		if _, err := models.UpdateJob(k.ctx, k.db, k.job(status, now).ID, k.user.ID, k.input(), now); !errors.Is(err, models.ErrNotEditable) {
			t.Fatalf("%s edited: %v", status, err)
		}
	}
}

func TestDuplicateJobAndDashboard(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	src := k.job(models.JobRejected, now)
	dup, err := models.DuplicateJob(k.ctx, k.db, src.ID, k.user.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	got := k.reload(dup.ID)
	if got.Status != models.JobDraft || got.Title != "Outpatient Coder II (copy)" || got.Slug != "outpatient-coder-ii-copy" ||
		got.RejectionReason != "" || got.Description != src.Description || !reflect.DeepEqual(got.Credentials, src.Credentials) {
		t.Fatalf("copy: %+v", got)
	}

	groups, err := models.JobsForMember(k.ctx, k.db, k.user.ID)
	if err != nil || len(groups) != 1 || len(groups[0].Jobs) != 2 || groups[0].Jobs[0].ID != dup.ID {
		t.Fatalf("dashboard: %v %+v", err, groups)
	}
	stranger, _ := k.employer("stranger@example.com", "stranger-co")
	if groups, _ := models.JobsForMember(k.ctx, k.db, stranger.ID); len(groups) != 1 || len(groups[0].Jobs) != 0 {
		t.Fatalf("stranger sees %+v", groups)
	}
}
