package models

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Describe says the search in words, for page titles, feeds and alert
// emails: work_mode=remote&credential=CPC&setting=risk-adjustment reads
// "Remote CPC jobs in risk adjustment / HCC".
func (f JobFilter) Describe() string {
	var lead []string
	if len(f.WorkModes) > 0 {
		lead = append(lead, orList(labelsOf(WorkModes, f.WorkModes, true)))
	}
	if len(f.Credentials) > 0 {
		lead = append(lead, orList(f.Credentials))
	}
	if len(f.EmploymentTypes) > 0 {
		lead = append(lead, orList(labelsOf(EmploymentTypes, f.EmploymentTypes, true)))
	}
	lead = append(lead, "jobs")
	s := strings.Join(lead, " ")
	if f.Text != "" {
		s += " matching “" + f.Text + "”"
	}
	if len(f.Settings) > 0 {
		s += " in " + orList(labelsOf(Settings, f.Settings, true))
	}
	if len(f.Specialties) > 0 {
		join := " in "
		if len(f.Settings) > 0 {
			join = " and "
		}
		s += join + orList(labelsOf(Specialties, f.Specialties, true))
	}
	if len(f.CodeSets) > 0 {
		s += " using " + orList(labelsOf(CodeSystems, f.CodeSets, false))
	}
	if f.State != "" {
		s += " open to coders in " + TermLabel(States, f.State)
	}
	if f.Location != "" {
		s += " located in " + f.Location
	}
	var extra []string
	if f.ApprenticeOK {
		extra = append(extra, "CPC-A considered")
	}
	if f.SalaryMin > 0 {
		extra = append(extra, "paying at least "+Dollars(f.SalaryMin)+" "+TermLabel(SalaryPeriods, f.SalaryPeriod))
	}
	switch f.PostedDays {
	case 0:
	case 1:
		extra = append(extra, "posted in the last day")
	default:
		extra = append(extra, "posted in the last "+strconv.Itoa(f.PostedDays)+" days")
	}
	if f.Answers {
		extra = append(extra, "from employers who answer most applicants")
	}
	if len(extra) > 0 {
		s += ", " + strings.Join(extra, ", ")
	}
	if s == "jobs" {
		return "All jobs"
	}
	return upperFirst(s)
}

// labelsOf gives the labels of values; lower turns "Risk adjustment" into
// "risk adjustment" to sit inside a sentence (acronyms such as "ED" stay).
func labelsOf(vocab []Term, values []string, lower bool) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = TermLabel(vocab, v)
		if lower {
			out[i] = LowerFirst(out[i])
		}
	}
	return out
}

func orList(items []string) string { return strings.Join(items, " or ") }

// LowerFirst lowercases the first letter of a phrase, unless it starts an
// acronym ("HCC risk adjustment" stays).
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
