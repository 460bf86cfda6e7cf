package models

import "strings"

// JobFit says how a coder's profile meets a job's requirements: each
// required credential group ("CPC or CCS-P") is one requirement, and where
// the work may be done is another when the profile names a state.
type JobFit struct {
	Met     int
	Total   int
	Missing []string // what is missing, in the words of the job page
	// NoState: the profile names no state, so the location was not checked.
	NoState bool
}

// FitOf compares a profile with a job. A CPC-A counts as a CPC when the job
// considers apprentices.
func FitOf(j *Job, p *Profile) JobFit {
	var fit JobFit
	for _, g := range j.CredentialsRequired {
		if len(g) == 0 {
			continue
		}
		fit.Total++
		if credentialGroupMet(g, p.Credentials, j.ApprenticeOK) {
			fit.Met++
		} else {
			fit.Missing = append(fit.Missing, strings.Join(g, " or "))
		}
	}
	if p.State == "" {
		fit.NoState = true
		return fit
	}
	fit.Total++
	if ok, need := locationMet(j, p.State); ok {
		fit.Met++
	} else {
		fit.Missing = append(fit.Missing, need)
	}
	return fit
}

func credentialGroupMet(group, held []string, apprenticeOK bool) bool {
	for _, c := range group {
		for _, h := range held {
			if strings.EqualFold(c, h) || (apprenticeOK && c == "CPC" && h == "CPC-A") {
				return true
			}
		}
	}
	return false
}

// locationMet follows the search's state filter (stateCondition): a remote
// job is open to its listed states (none listed: anywhere in the US); a
// hybrid or on-site job is in its own state.
func locationMet(j *Job, state string) (bool, string) {
	if j.WorkMode == "remote" {
		if len(j.RemoteStates) == 0 {
			return true, ""
		}
		for _, s := range j.RemoteStates {
			if s == state {
				return true, ""
			}
		}
		return false, "location (remote for " + strings.Join(j.RemoteStates, ", ") + ")"
	}
	if j.State == "" || j.State == state {
		return true, ""
	}
	return false, "location (" + strings.ToLower(TermLabel(WorkModes, j.WorkMode)) + " in " +
		strings.TrimPrefix(j.PlaceText(), TermLabel(WorkModes, j.WorkMode)+": ") + ")"
}
