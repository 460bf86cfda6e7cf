package models_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

func goodProfile() models.ProfileInput {
	return models.ProfileInput{Headline: "Outpatient coder, 6 years", Summary: "Cardiology and ED.",
		Specialties: []string{"cardiology"}, Settings: []string{"outpatient-facility"}, CodeSets: []string{"cpt", "icd-10-cm"},
		Years: "6", City: "Atlanta", State: "GA", RemotePreference: "remote", RemoteStates: []string{"GA", "FL"},
		DesiredPay: "$28", DesiredPayPeriod: "hour", Visibility: models.ProfileVisible}
}

func TestProfileInputValidation(t *testing.T) {
	cases := []struct {
		name, field, msg string
		edit             func(*models.ProfileInput)
	}{
		{"good", "", "", func(*models.ProfileInput) {}},
		{"empty and private", "", "", func(in *models.ProfileInput) { *in = models.ProfileInput{} }},
		{"long headline", "headline", "at most 120", func(in *models.ProfileInput) { in.Headline = strings.Repeat("x", 121) }},
		{"visible without headline", "headline", "Add a headline", func(in *models.ProfileInput) { in.Headline = " " }},
		{"long summary", "summary", "at most 5000", func(in *models.ProfileInput) { in.Summary = strings.Repeat("x", 5001) }},
		{"unknown specialty", "specialties", "Choose from the list", func(in *models.ProfileInput) { in.Specialties = []string{"astrology"} }},
		{"unknown setting", "settings", "Choose from the list", func(in *models.ProfileInput) { in.Settings = []string{"x"} }},
		{"unknown code set", "code_sets", "Choose from the list", func(in *models.ProfileInput) { in.CodeSets = []string{"icd-9"} }},
		{"years not a number", "years_experience", "whole number", func(in *models.ProfileInput) { in.Years = "six" }},
		{"too many years", "years_experience", "0 to 60", func(in *models.ProfileInput) { in.Years = "61" }},
		{"negative years", "years_experience", "0 to 60", func(in *models.ProfileInput) { in.Years = "-1" }},
		{"unknown state", "state", "Choose a state", func(in *models.ProfileInput) { in.State = "XX" }},
		{"unknown remote preference", "remote_preference", "Choose how", func(in *models.ProfileInput) { in.RemotePreference = "moon" }},
		{"unknown remote state", "remote_states", "Choose from the list", func(in *models.ProfileInput) { in.RemoteStates = []string{"ZZ"} }},
		{"pay not a number", "desired_pay", "whole dollars", func(in *models.ProfileInput) { in.DesiredPay = "lots" }},
		{"pay without period", "desired_pay_period", "per hour, per year or per chart", func(in *models.ProfileInput) { in.DesiredPayPeriod = "" }},
		{"unknown period", "desired_pay_period", "Choose per hour", func(in *models.ProfileInput) { in.DesiredPayPeriod = "week" }},
		{"unknown visibility", "visibility", "Choose who", func(in *models.ProfileInput) { in.Visibility = "everyone" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := goodProfile()
			tc.edit(&in)
			errs := in.Validate()
			if tc.field == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors: %v", errs)
				}
				return
			}
			if !strings.Contains(errs[tc.field], tc.msg) {
				t.Fatalf("%s: got %v, want %q", tc.field, errs, tc.msg)
			}
		})
	}
}

func TestSaveProfileCreatesThenReplaces(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := companyOwner(t, d.Bun, "coder@example.com")

	if _, err := models.SaveProfile(ctx, d.Bun, u.ID, models.ProfileInput{Years: "x"}); err == nil {
		t.Fatal("bad profile saved")
	}
	if _, err := models.ProfileByUser(ctx, d.Bun, u.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("refused profile stored: %v", err)
	}
	p, err := models.SaveProfile(ctx, d.Bun, u.ID, goodProfile())
	if err != nil {
		t.Fatal(err)
	}
	if !p.Visible || p.YearsExperience != 6 || *p.DesiredPay != 28 || *p.DesiredPayPeriod != "hour" ||
		!slices.Equal(p.RemoteStates, []string{"GA", "FL"}) || p.User == nil {
		t.Fatalf("saved: %+v", p)
	}
	if got := models.InputFromProfile(p); got.Years != "6" || got.DesiredPay != "28" || got.Visibility != models.ProfileVisible {
		t.Fatalf("back into the form: %+v", got)
	}

	// Replacing it: on-site needs no remote states; no pay clears the period.
	in := goodProfile()
	in.RemotePreference, in.DesiredPay, in.Visibility = "onsite", "", ""
	p, err = models.SaveProfile(ctx, d.Bun, u.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Visible || len(p.RemoteStates) != 0 || p.DesiredPay != nil || p.DesiredPayPeriod != nil {
		t.Fatalf("replaced: %+v", p)
	}
	if in := models.InputFromProfile(nil); in.Visibility != models.ProfilePrivate || in.RemotePreference != "any" {
		t.Fatalf("new profile defaults: %+v", in)
	}
}

func TestCredentialsAddDeleteVerify(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := companyOwner(t, d.Bun, "coder@example.com")
	other := companyOwner(t, d.Bun, "other@example.com")
	admin := companyOwner(t, d.Bun, "admin@example.com")
	admin.IsAdmin = true
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

	bad := []struct {
		in           models.CredentialInput
		field, words string
	}{
		{models.CredentialInput{Credential: "XYZ", Year: "2020"}, "credential", "Choose a credential"},
		{models.CredentialInput{Credential: "CPC", Number: "12 34", Year: "2020"}, "number", "letters, digits and hyphens"},
		{models.CredentialInput{Credential: "CPC", Number: strings.Repeat("1", 41), Year: "2020"}, "number", "at most 40"},
		{models.CredentialInput{Credential: "CPC", Year: "1949"}, "year", "from 1950 to 2025"},
		{models.CredentialInput{Credential: "CPC", Year: "2026"}, "year", "from 1950 to 2025"},
		{models.CredentialInput{Credential: "CPC"}, "year", "Enter the year"},
	}
	for _, tc := range bad {
		_, err := models.AddCredential(ctx, d.Bun, u.ID, tc.in, now)
		if v, ok := models.AsValidation(err); !ok || !strings.Contains(v[tc.field], tc.words) {
			t.Errorf("%+v: %v", tc.in, err)
		}
	}

	cpc, err := models.AddCredential(ctx, d.Bun, u.ID, models.CredentialInput{Credential: "CPC", Number: "A-123", Year: "2019"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.AddCredential(ctx, d.Bun, u.ID, models.CredentialInput{Credential: "CPC", Year: "2020"}, now); err == nil ||
		!strings.Contains(err.Error(), "already added CPC") {
		t.Fatalf("duplicate: %v", err)
	}
	if _, err := models.AddCredential(ctx, d.Bun, u.ID, models.CredentialInput{Credential: "CCS", Year: "2025"}, now); err != nil {
		t.Fatal(err)
	}
	p, err := models.ProfileByUser(ctx, d.Bun, u.ID)
	if err != nil || !slices.Equal(p.Credentials, []string{"CCS", "CPC"}) || p.Visible {
		t.Fatalf("profile made for the credentials: %+v %v", p, err)
	}

	// Only admins verify; to anyone else the credential is not there.
	if _, err := models.VerifyCredential(ctx, d.Bun, other, cpc.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("non-admin verify: %v", err)
	}
	if _, err := models.VerifyCredential(ctx, d.Bun, admin, cpc.ID+1000); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("missing credential: %v", err)
	}
	v, err := models.VerifyCredential(ctx, d.Bun, admin, cpc.ID)
	if err != nil || !v.Verified() || v.VerifiedBy != admin.ID || v.UserID != u.ID {
		t.Fatalf("verify: %+v %v", v, err)
	}

	if err := models.DeleteCredential(ctx, d.Bun, other.ID, cpc.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("someone else's delete: %v", err)
	}
	if err := models.DeleteCredential(ctx, d.Bun, u.ID, cpc.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := models.ProfileByUser(ctx, d.Bun, u.ID); !slices.Equal(p.Credentials, []string{"CCS"}) {
		t.Fatalf("after delete: %v", p.Credentials)
	}
}

// Credentials added at the same moment must all reach the profile's list.
func TestConcurrentCredentialsAllReachTheProfile(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := companyOwner(t, d.Bun, "coder@example.com")
	names := []string{"CPC", "COC", "CIC", "CRC", "CCS", "RHIT", "RHIA", "CDIP"}
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := models.AddCredential(ctx, d.Bun, u.ID, models.CredentialInput{Credential: name, Year: "2020"}, time.Now()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	p, err := models.ProfileByUser(ctx, d.Bun, u.ID)
	if err != nil || len(p.Credentials) != len(names) {
		t.Fatalf("profile credentials: %v %v", p.Credentials, err)
	}
}
