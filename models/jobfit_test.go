package models_test

import (
	"slices"
	"testing"

	"careercenter/models"
)

func TestFitOfAProfileAndAJob(t *testing.T) {
	remoteFLTX := models.Job{WorkMode: "remote", RemoteStates: []string{"FL", "TX"},
		CredentialsRequired: [][]string{{"CPC", "CCS-P"}, {"CRC"}}}
	onsite := models.Job{WorkMode: "onsite", City: "Tampa", State: "FL",
		CredentialsRequired: [][]string{{"CPC"}}, ApprenticeOK: true}
	anywhere := models.Job{WorkMode: "remote", CredentialsRequired: [][]string{{"RHIT"}}}
	for _, tc := range []struct {
		name      string
		job       models.Job
		p         models.Profile
		met, of   int
		missing   []string
		unchecked bool
	}{
		{"missing CRC", remoteFLTX, models.Profile{Credentials: []string{"CCS-P"}, State: "TX"}, 2, 3, []string{"CRC"}, false},
		{"all met", remoteFLTX, models.Profile{Credentials: []string{"CPC", "CRC"}, State: "FL"}, 3, 3, nil, false},
		{"wrong state", remoteFLTX, models.Profile{Credentials: []string{"CPC", "CRC"}, State: "GA"}, 2, 3, []string{"location (remote for FL, TX)"}, false},
		{"no state", remoteFLTX, models.Profile{Credentials: []string{"CPC"}}, 1, 2, []string{"CRC"}, true},
		{"CPC-A considered", onsite, models.Profile{Credentials: []string{"CPC-A"}, State: "FL"}, 2, 2, nil, false},
		{"on-site elsewhere", onsite, models.Profile{Credentials: []string{"CPC"}, State: "GA"}, 1, 2, []string{"location (on-site in Tampa, FL)"}, false},
		{"anywhere in the US", anywhere, models.Profile{State: "AK"}, 1, 2, []string{"RHIT"}, false},
	} {
		fit := models.FitOf(&tc.job, &tc.p)
		if fit.Met != tc.met || fit.Total != tc.of || !slices.Equal(fit.Missing, tc.missing) || fit.NoState != tc.unchecked {
			t.Errorf("%s: %+v", tc.name, fit)
		}
	}
	// CPC-A is no CPC where apprentices are not considered.
	strict := onsite
	strict.ApprenticeOK = false
	if fit := models.FitOf(&strict, &models.Profile{Credentials: []string{"CPC-A"}, State: "FL"}); fit.Met != 1 {
		t.Errorf("CPC-A met a strict CPC requirement: %+v", fit)
	}
}
