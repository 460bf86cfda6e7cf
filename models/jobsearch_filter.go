package models

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// JobFilter is a whole job search. It travels in the URL (ParseJobFilter and
// Query), so a search can be shared, saved and alerted on.
//
// Values within one filter are alternatives (setting=cdi&setting=auditing
// finds jobs in either); different filters must all hold.
type JobFilter struct {
	Text            string   // q: words, searched with websearch_to_tsquery
	WorkModes       []string // work_mode
	State           string   // state: where the coder lives or works (see stateCondition)
	EmploymentTypes []string // employment_type
	Settings        []string // setting
	Specialties     []string // specialty
	CodeSets        []string // code_set
	Credentials     []string // credential: jobs naming any of these, required or preferred
	ApprenticeOK    bool     // cpca: CPC-A considered
	Answers         bool     // answers: on-site jobs of employers answering most applicants (ResponsiveRate)
	// salary_min and salary_period: jobs whose range reaches SalaryMin in the
	// same period. Jobs paid by another period, or not showing pay, are left
	// out: $25 an hour and $52,000 a year are never compared.
	SalaryMin    int
	SalaryPeriod string
	PostedDays   int    // posted: 1, 7 or 30
	Location     string // location: a city, a state, or "City, ST"
	Sort         string // sort: "relevance", "newest" or "responsive"; "" is relevance with words, else newest
	Cursor       string // cursor: where the next page starts (not part of the search)
}

// Sort orders. Featured jobs come first in both.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	// SortResponsive puts jobs of employers that answer the most applicants
	// first (those without a figure last), newest first among equals.
	SortResponsive = "responsive"
)

// PostedWithin are the choices of the "posted" filter, in days.
var PostedWithin = []int{1, 7, 30}

// maxTextLen bounds what the search box passes to PostgreSQL.
const maxTextLen = 200

// ParseJobFilter reads a search from URL query values. Values it does not
// know are dropped, never an error: old links and hand-edited URLs still work.
func ParseJobFilter(v url.Values) JobFilter {
	f := JobFilter{
		Text:            cleanText(v.Get("q"), maxTextLen),
		WorkModes:       terms(v["work_mode"], WorkModes, false),
		EmploymentTypes: terms(v["employment_type"], EmploymentTypes, false),
		Settings:        terms(v["setting"], Settings, false),
		Specialties:     terms(v["specialty"], Specialties, false),
		CodeSets:        terms(v["code_set"], CodeSystems, false),
		Credentials:     terms(v["credential"], Credentials, true),
		Location:        cleanText(v.Get("location"), 80),
		Cursor:          strings.TrimSpace(v.Get("cursor")),
	}
	if st := terms([]string{v.Get("state")}, States, true); len(st) == 1 {
		f.State = st[0]
	}
	switch strings.ToLower(v.Get("cpca")) {
	case "1", "true", "on", "yes":
		f.ApprenticeOK = true
	}
	switch strings.ToLower(v.Get("answers")) {
	case "1", "true", "on", "yes":
		f.Answers = true
	}
	if n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(v.Get("salary_min")), ",", "")); err == nil && n > 0 && n < 10_000_000 {
		f.SalaryMin = n
		f.SalaryPeriod = v.Get("salary_period")
		if !IsTerm(SalaryPeriods, f.SalaryPeriod) {
			f.SalaryPeriod = guessPeriod(n)
		}
	}
	if n, err := strconv.Atoi(v.Get("posted")); err == nil && slices.Contains(PostedWithin, n) {
		f.PostedDays = n
	}
	if s := v.Get("sort"); s == SortRelevance || s == SortNewest || s == SortResponsive {
		f.Sort = s
	}
	return f
}

// guessPeriod reads an amount typed without a period: nobody is paid
// $1,000 an hour, and few earn under $1,000 a year.
func guessPeriod(n int) string {
	if n >= 1000 {
		return "year"
	}
	return "hour"
}

// setNonEmpty sets k to val in v unless val is empty: a search's URL
// carries only what was chosen.
func setNonEmpty(v url.Values, k, val string) {
	if val != "" {
		v.Set(k, val)
	}
}

// Query writes the search back as URL values, in the parameter names
// ParseJobFilter reads. The cursor is left out: it names a page, not the
// search.
func (f JobFilter) Query() url.Values {
	v := url.Values{}
	set := func(k, val string) { setNonEmpty(v, k, val) }
	set("q", f.Text)
	v["work_mode"] = f.WorkModes
	set("state", f.State)
	v["employment_type"] = f.EmploymentTypes
	v["setting"] = f.Settings
	v["specialty"] = f.Specialties
	v["code_set"] = f.CodeSets
	v["credential"] = f.Credentials
	if f.ApprenticeOK {
		v.Set("cpca", "1")
	}
	if f.SalaryMin > 0 {
		v.Set("salary_min", strconv.Itoa(f.SalaryMin))
		set("salary_period", f.SalaryPeriod)
	}
	if f.PostedDays > 0 {
		v.Set("posted", strconv.Itoa(f.PostedDays))
	}
	if f.Answers {
		v.Set("answers", "1")
	}
	set("location", f.Location)
	set("sort", f.Sort)
	for k, vals := range v {
		if len(vals) == 0 {
			delete(v, k)
		}
	}
	return v
}

// Empty reports a search with no words and no filters: every live job.
func (f JobFilter) Empty() bool {
	f.Sort, f.Cursor = "", ""
	return len(f.Query()) == 0
}

// Order is the sort in effect: relevance needs words to rank by.
func (f JobFilter) Order() string {
	if f.Sort == SortResponsive {
		return SortResponsive
	}
	if f.Sort == SortNewest || f.Text == "" {
		return SortNewest
	}
	return SortRelevance
}

// terms keeps the values that belong to the vocabulary, once each, in the
// vocabulary's spelling (foldCase lets "cpc" stand for "CPC", "tx" for "TX").
func terms(values []string, vocab []Term, foldCase bool) []string {
	var out []string
	for _, v := range values {
		for _, t := range vocab {
			if (t.Value == v || foldCase && strings.EqualFold(t.Value, v)) && !slices.Contains(out, t.Value) {
				out = append(out, t.Value)
			}
		}
	}
	return out
}

// cleanText trims s, drops control characters and cuts it to max runes.
func cleanText(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = strings.TrimSpace(string(r[:max]))
	}
	return s
}
