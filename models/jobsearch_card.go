package models

import (
	"strconv"
	"strings"
	"time"
)

// These helpers have value receivers so templates can call them on a Job
// however it was passed (the job card partial takes a Job value).

// FeaturedNow reports a job featured at this moment, for the card's mark
// (templates have no clock; search orders by featured_until itself).
func (j Job) FeaturedNow() bool { return j.FeaturedUntil.After(time.Now()) }

// maxStatesShown keeps a card's remote line short.
const maxStatesShown = 6

// PlaceText says where the work is done: "Remote, anywhere in the US",
// "Remote: FL, GA, TX", "Hybrid: Tampa, FL", "On-site: Austin, TX".
func (j Job) PlaceText() string {
	mode := TermLabel(WorkModes, j.WorkMode)
	if j.WorkMode == "remote" {
		switch n := len(j.RemoteStates); {
		case n == 0:
			return mode + ", anywhere in the US"
		case n <= maxStatesShown:
			return mode + ": " + strings.Join(j.RemoteStates, ", ")
		default:
			return mode + ": " + strings.Join(j.RemoteStates[:maxStatesShown], ", ") +
				" and " + strconv.Itoa(n-maxStatesShown) + " more states"
		}
	}
	var where []string
	for _, s := range []string{j.City, j.State} {
		if s != "" {
			where = append(where, s)
		}
	}
	if len(where) == 0 {
		return mode
	}
	return mode + ": " + strings.Join(where, ", ")
}
