package models_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"testing"
	"time"

	"careercenter/models"
)

// addSearchSet inserts five live jobs that differ in every filter, and
// non-live jobs that would match everything.
func addSearchSet(f *searchFixture) {
	h := time.Hour
	f.job(models.Job{Title: "Inpatient Coder", Slug: "inpatient-coder", Settings: []string{"inpatient-facility"},
		Specialties: []string{"general-surgery"}, CodeSets: []string{"icd-10-cm", "icd-10-pcs"},
		CredentialsRequired: [][]string{{"RHIT", "RHIA"}, {"CCS"}},
		SalaryMin:           pInt(30), SalaryMax: pInt(38), SalaryPeriod: pStr("hour"),
		Description: "Abstract inpatient records and assign DRGs.", PublishedAt: f.now.Add(-48 * h)})
	f.job(models.Job{Title: "Risk Adjustment Coder", RemoteStates: []string{"TX", "FL"}, EmploymentType: "contract",
		Settings: []string{"risk-adjustment"}, Specialties: []string{"internal-medicine"}, CodeSets: []string{"icd-10-cm"},
		CredentialsRequired: [][]string{{"CRC", "CPC"}}, ApprenticeOK: true,
		SalaryMin: pInt(55000), SalaryMax: pInt(65000), SalaryPeriod: pStr("year"),
		Description: "Review HCC documentation.", PublishedAt: f.now.Add(-240 * h)})
	f.job(models.Job{Title: "ED Facility Coder", WorkMode: "hybrid", City: "Tampa", State: "FL", EmploymentType: "part_time",
		Settings: []string{"emergency-department"}, Specialties: []string{"emergency-medicine"},
		CodeSets: []string{"cpt", "icd-10-cm"}, CredentialsRequired: [][]string{{"CPC", "CCS"}},
		SalaryMin: pInt(4), SalaryMax: pInt(6), SalaryPeriod: pStr("chart"), PublishedAt: f.now.Add(-20 * h)})
	f.job(models.Job{Title: "Cardiology Pro-Fee Coder", WorkMode: "onsite", City: "Austin", State: "TX",
		Settings: []string{"pro-fee"}, Specialties: []string{"cardiology"}, CodeSets: []string{"cpt"},
		CredentialsRequired: [][]string{{"CPC"}}, CredentialsPreferred: []string{"CEMC"},
		FeaturedUntil: f.now.Add(72 * h), PublishedAt: f.now.Add(-120 * h)})
	f.job(models.Job{Title: "Coding Auditor", RemoteStates: []string{"CA"}, Settings: []string{"auditing"},
		Specialties: []string{"orthopedics"}, CodeSets: []string{"cpt", "hcpcs"}, CredentialsRequired: [][]string{{"CPMA"}},
		SalaryMin: pInt(70000), SalaryMax: pInt(80000), SalaryPeriod: pStr("year"), PublishedAt: f.now.Add(-600 * h)})

	// Never shown: past expiry though still marked active, and every other status.
	everything := func(title, status string, expires time.Time) models.Job {
		return models.Job{Title: title, Status: status, Settings: []string{"inpatient-facility", "risk-adjustment"},
			CredentialsRequired: [][]string{{"CPC", "CCS", "RHIT"}}, ApprenticeOK: true, ExpiresAt: expires,
			Description: "Inpatient coder risk adjustment auditor"}
	}
	f.job(everything("Expired Inpatient Coder", models.JobActive, f.now.Add(-time.Minute)))
	for _, st := range []string{models.JobExpired, models.JobFilled, models.JobDraft, models.JobPendingReview,
		models.JobRejected, models.JobWithdrawn, models.JobRemoved} {
		f.job(everything(st+" Inpatient Coder", st, time.Time{}))
	}
}

var allFive = []string{"Inpatient Coder", "Risk Adjustment Coder", "ED Facility Coder", "Cardiology Pro-Fee Coder", "Coding Auditor"}

func TestSearchJobsFilters(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	cases := []struct {
		query string
		want  []string
	}{
		{"", allFive},
		{"q=inpatient", []string{"Inpatient Coder"}},
		{"q=%22risk+adjustment%22", []string{"Risk Adjustment Coder"}},
		{"q=CCS", []string{"Inpatient Coder", "ED Facility Coder"}},
		{"q=coder+-cardiology&work_mode=remote", []string{"Inpatient Coder", "Risk Adjustment Coder"}},
		{"work_mode=remote", []string{"Inpatient Coder", "Risk Adjustment Coder", "Coding Auditor"}},
		{"work_mode=remote&work_mode=hybrid", []string{"Inpatient Coder", "Risk Adjustment Coder", "ED Facility Coder", "Coding Auditor"}},
		// Remote jobs open to the state (or to anywhere), and hybrid or on-site jobs in it.
		{"state=TX", []string{"Inpatient Coder", "Risk Adjustment Coder", "Cardiology Pro-Fee Coder"}},
		{"state=fl", []string{"Inpatient Coder", "Risk Adjustment Coder", "ED Facility Coder"}},
		{"state=CA", []string{"Inpatient Coder", "Coding Auditor"}},
		{"employment_type=contract", []string{"Risk Adjustment Coder"}},
		{"setting=risk-adjustment&setting=auditing", []string{"Risk Adjustment Coder", "Coding Auditor"}},
		{"specialty=cardiology", []string{"Cardiology Pro-Fee Coder"}},
		{"code_set=icd-10-pcs", []string{"Inpatient Coder"}},
		{"code_set=hcpcs&code_set=icd-10-pcs", []string{"Inpatient Coder", "Coding Auditor"}},
		{"credential=CPC", []string{"Risk Adjustment Coder", "ED Facility Coder", "Cardiology Pro-Fee Coder"}},
		{"credential=cemc", []string{"Cardiology Pro-Fee Coder"}}, // preferred counts, any case
		{"credential=RHIA&credential=CPMA", []string{"Inpatient Coder", "Coding Auditor"}},
		{"cpca=1", []string{"Risk Adjustment Coder"}},
		// Salary: the top of the range reaches the amount, in the same period only.
		{"salary_min=30&salary_period=hour", []string{"Inpatient Coder"}},
		{"salary_min=39&salary_period=hour", nil},
		{"salary_min=60%2C000", []string{"Risk Adjustment Coder", "Coding Auditor"}}, // a year, guessed
		{"salary_min=75000&salary_period=year", []string{"Coding Auditor"}},
		{"salary_min=5&salary_period=chart", []string{"ED Facility Coder"}},
		{"posted=1", []string{"ED Facility Coder"}},
		{"posted=7", []string{"ED Facility Coder", "Inpatient Coder", "Cardiology Pro-Fee Coder"}},
		{"posted=30", allFive},
		{"location=Tampa", []string{"ED Facility Coder"}},
		{"location=tam", []string{"ED Facility Coder"}},
		{"location=Texas", []string{"Cardiology Pro-Fee Coder"}},
		{"location=Austin%2C+TX", []string{"Cardiology Pro-Fee Coder"}},
		{"location=Austin%2C+FL", nil},
		{"location=50%25_", nil},
		{"q=coder&work_mode=remote&credential=CCS", []string{"Inpatient Coder"}},
		// Garbage is ignored, never an error.
		{"q=%22%26%26%7C%21", allFive},
		{"q=the", allFive},
		{"q=%27%3B+DROP+TABLE+jobs%3B--", nil},
		{"work_mode=spaceship&setting=&credential=XYZ&state=ZZ", allFive},
		{"salary_min=abc&posted=3&cpca=maybe&sort=sideways", allFive},
		{"cursor=not-a-cursor", allFive},
		{"cursor=eyJzIjo5OX0", allFive},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			page := f.search(c.query, 50)
			if got := sortedTitles(page.Jobs); !sameSet(got, c.want...) {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if page.Total != len(c.want) || page.Capped || page.Next != "" {
				t.Errorf("total %d capped %v next %q", page.Total, page.Capped, page.Next)
			}
		})
	}
}

func TestSearchJobsOrder(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	// Featured first, then newest.
	want := []string{"Cardiology Pro-Fee Coder", "ED Facility Coder", "Inpatient Coder", "Risk Adjustment Coder", "Coding Auditor"}
	if got := jobTitles(f.search("", 50).Jobs); !slices.Equal(got, want) {
		t.Errorf("newest: got %q", got)
	}
	// Relevance: the featured job still leads; a title match outranks a
	// description match.
	f.job(models.Job{Title: "Billing Specialist", Description: "Some inpatient work.", PublishedAt: f.now.Add(-time.Minute)})
	got := jobTitles(f.search("q=inpatient", 50).Jobs)
	if !slices.Equal(got, []string{"Inpatient Coder", "Billing Specialist"}) {
		t.Errorf("relevance: got %q", got)
	}
	if got := jobTitles(f.search("q=inpatient&sort=newest", 50).Jobs); !slices.Equal(got, []string{"Billing Specialist", "Inpatient Coder"}) {
		t.Errorf("newest with words: got %q", got)
	}
	got = jobTitles(f.search("q=coder", 50).Jobs)
	if len(got) != 4 || got[0] != "Cardiology Pro-Fee Coder" {
		t.Errorf("featured first in relevance: got %q", got)
	}
	// The company comes along for the agency label.
	if page := f.search("q=auditor", 50); page.Jobs[0].Company == nil || page.Jobs[0].Company.Name != "Acme Health" {
		t.Errorf("company not loaded: %+v", page.Jobs[0].Company)
	}
}

func TestJobFilterURLAndWords(t *testing.T) {
	cases := []struct{ query, canonical, words string }{
		{"", "", "All jobs"},
		{"work_mode=remote&credential=cpc&setting=risk-adjustment", "credential=CPC&setting=risk-adjustment&work_mode=remote",
			"Remote CPC jobs in risk adjustment / HCC"},
		{"q=++inpatient+%0Acoder+&work_mode=hybrid&work_mode=onsite&work_mode=moon", "q=inpatient+coder&work_mode=hybrid&work_mode=onsite",
			"Hybrid or on-site jobs matching “inpatient coder”"},
		{"employment_type=part_time&specialty=cardiology&setting=cdi&code_set=cpt&state=tx&location=Austin",
			"code_set=cpt&employment_type=part_time&location=Austin&setting=cdi&specialty=cardiology&state=TX",
			"Part-time jobs in clinical documentation integrity and cardiology using CPT open to coders in Texas located in Austin"},
		{"cpca=on&salary_min=25&posted=7&sort=newest&cursor=abc", "cpca=1&posted=7&salary_min=25&salary_period=hour&sort=newest",
			"Jobs, CPC-A considered, paying at least $25 per hour, posted in the last 7 days"},
		{"salary_min=52000&salary_period=year&posted=1&setting=emergency-department", "posted=1&salary_min=52000&salary_period=year&setting=emergency-department",
			"Jobs in emergency department, paying at least $52,000 per year, posted in the last day"},
	}
	for _, c := range cases {
		v, _ := url.ParseQuery(c.query)
		f := models.ParseJobFilter(v)
		if got := f.Query().Encode(); got != c.canonical {
			t.Errorf("%q: query %q, want %q", c.query, got, c.canonical)
		}
		if got := f.Describe(); got != c.words {
			t.Errorf("%q: words %q, want %q", c.query, got, c.words)
		}
		// What Query writes, ParseJobFilter reads back the same.
		if again := models.ParseJobFilter(f.Query()); again.Query().Encode() != c.canonical {
			t.Errorf("%q: round trip %q", c.query, again.Query().Encode())
		}
	}
}

func TestLatestJobs(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	ctx := context.Background()
	jobs, err := models.LatestJobs(ctx, f.db, models.JobFilter{}, time.Time{}, f.now, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Newest first, featuring ignored.
	if got := jobTitles(jobs); !slices.Equal(got, []string{"ED Facility Coder", "Inpatient Coder", "Cardiology Pro-Fee Coder"}) {
		t.Errorf("got %q", got)
	}
	jobs, err = models.LatestJobs(ctx, f.db, models.JobFilter{Credentials: []string{"CPC"}}, f.now.Add(-100*time.Hour), f.now, 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := jobTitles(jobs); !slices.Equal(got, []string{"ED Facility Coder"}) {
		t.Errorf("since: got %q", got)
	}
}

// Searches write the words into their own statement; text of stop words
// only ("the") has no words to match and must list and count every job, as
// a search without words does, and so must text without letters.
func TestSearchJobsStopWordsOnly(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	all := f.search("", 50)
	allFacets, err := models.JobFacets(context.Background(), f.db, models.JobFilter{}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"q=the", "q=the+and+of", "q=%22%26%26%7C%21", "q=coder+the"} {
		page := f.search(q, 50)
		facets, err := models.JobFacets(context.Background(), f.db, models.ParseJobFilter(mustQuery(t, q)), f.now)
		if err != nil {
			t.Fatal(err)
		}
		if q == "q=coder+the" { // a real word still searches
			if page.Total != 4 || len(page.Jobs) != 4 {
				t.Errorf("%s: %d jobs, total %d", q, len(page.Jobs), page.Total)
			}
			continue
		}
		if !slices.Equal(jobTitles(page.Jobs), jobTitles(all.Jobs)) || page.Total != all.Total {
			t.Errorf("%s: got %q (total %d), want %q (total %d)", q, jobTitles(page.Jobs), page.Total,
				jobTitles(all.Jobs), all.Total)
		}
		if !reflect.DeepEqual(facets, allFacets) {
			t.Errorf("%s: facets differ from a search without words", q)
		}
	}
	if page := f.search("q=zzzunknownword", 50); page.Total != 0 || len(page.Jobs) != 0 {
		t.Errorf("unknown word: %d jobs, total %d", len(page.Jobs), page.Total)
	}
}
