package handlers_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// jobPostingOf returns the page's one JSON-LD block, parsed.
func jobPostingOf(t *testing.T, body string) map[string]any {
	t.Helper()
	blocks := ldRE.FindAllStringSubmatch(body, -1)
	if len(blocks) != 1 {
		t.Fatalf("%d JSON-LD blocks in:\n%s", len(blocks), body)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(blocks[0][1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, blocks[0][1])
	}
	return ld
}

// ldField walks a parsed JSON value: ldField(ld, "baseSalary", "value", "unitText").
func ldField(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func TestJobPostingJSONLD(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	k.addLogo(co)
	ints := func(n int) *int { return &n }
	period := func(p string) *string { return &p }
	cases := []struct {
		name  string
		edit  func(*models.Job)
		check map[string]any // path "a.b.c" → wanted value; nil means absent
	}{
		{"remote with states", func(j *models.Job) { j.RemoteStates = []string{"TX", "FL"} }, map[string]any{
			"employmentType": "FULL_TIME", "jobLocationType": "TELECOMMUTE", "jobLocation": nil,
			"applicantLocationRequirements": []any{
				map[string]any{"@type": "State", "name": "Texas"}, map[string]any{"@type": "State", "name": "Florida"}},
		}},
		{"remote anywhere", func(j *models.Job) { j.EmploymentType = "contract" }, map[string]any{
			"employmentType": "CONTRACTOR", "jobLocationType": "TELECOMMUTE", "jobLocation": nil,
			"applicantLocationRequirements": []any{map[string]any{"@type": "Country", "name": "US"}},
		}},
		{"onsite", func(j *models.Job) {
			j.WorkMode, j.City, j.State, j.PostalCode, j.EmploymentType = "onsite", "Tampa", "FL", "33601", "part_time"
		}, map[string]any{
			"employmentType": "PART_TIME", "jobLocationType": nil, "applicantLocationRequirements": nil,
			"jobLocation.@type": "Place", "jobLocation.address.@type": "PostalAddress",
			"jobLocation.address.addressLocality": "Tampa", "jobLocation.address.addressRegion": "FL",
			"jobLocation.address.postalCode": "33601", "jobLocation.address.addressCountry": "US",
		}},
		{"hybrid", func(j *models.Job) {
			j.WorkMode, j.City, j.State, j.EmploymentType = "hybrid", "Austin", "TX", "per_diem"
		}, map[string]any{
			"employmentType": "PER_DIEM", "jobLocationType": nil, "applicantLocationRequirements": nil,
			"jobLocation.address.addressLocality": "Austin", "jobLocation.address.addressRegion": "TX",
			"jobLocation.address.addressCountry": "US",
		}},
		{"hourly salary", func(j *models.Job) {
			j.SalaryMin, j.SalaryMax, j.SalaryPeriod, j.EmploymentType = ints(25), ints(32), period("hour"), "temporary"
		}, map[string]any{
			"employmentType": "TEMPORARY", "baseSalary.@type": "MonetaryAmount", "baseSalary.currency": "USD",
			"baseSalary.value.@type": "QuantitativeValue", "baseSalary.value.minValue": 25.0,
			"baseSalary.value.maxValue": 32.0, "baseSalary.value.unitText": "HOUR",
		}},
		{"yearly salary, one figure", func(j *models.Job) {
			j.SalaryMin, j.SalaryMax, j.SalaryPeriod = ints(60000), ints(60000), period("year")
		}, map[string]any{
			"baseSalary.value.value": 60000.0, "baseSalary.value.minValue": nil, "baseSalary.value.unitText": "YEAR",
		}},
		{"yearly salary from", func(j *models.Job) { j.SalaryMin, j.SalaryPeriod = ints(52000), period("year") },
			map[string]any{"baseSalary.value.minValue": 52000.0, "baseSalary.value.maxValue": nil, "baseSalary.value.unitText": "YEAR"}},
		{"per chart", func(j *models.Job) { j.SalaryMin, j.SalaryMax, j.SalaryPeriod = ints(3), ints(5), period("chart") },
			map[string]any{"baseSalary": nil}},
		{"no salary", nil, map[string]any{"baseSalary": nil, "educationRequirements": nil,
			"qualifications": nil, "experienceRequirements": nil, "directApply": false}},
		{"credentials and experience, on-site apply", func(j *models.Job) {
			j.CredentialsRequired, j.CredentialsPreferred = [][]string{{"RHIT"}, {"CCS", "CIC"}}, []string{"CRC"}
			j.ApprenticeOK, j.ExperienceMinYears, j.ApplyMethod = true, 2, "onsite"
		}, map[string]any{
			"directApply": true,
			"educationRequirements": []any{
				map[string]any{"@type": "EducationalOccupationalCredential", "credentialCategory": "professional certificate", "name": "RHIT"},
				map[string]any{"@type": "EducationalOccupationalCredential", "credentialCategory": "professional certificate", "name": "CCS or CIC"}},
			"qualifications":               "Required: RHIT and (CCS or CIC). Preferred: CRC. CPC-A considered. At least 2 years of coding experience.",
			"experienceRequirements.@type": "OccupationalExperienceRequirements", "experienceRequirements.monthsOfExperience": 24.0,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := k.job(co, func(j *models.Job) {
				j.Description = "Code **charts**."
				if c.edit != nil {
					c.edit(j)
				}
			})
			res := k.s.browser().get(j.Path())
			if res.Status != http.StatusOK {
				t.Fatalf("status %d", res.Status)
			}
			ld := jobPostingOf(t, res.Body)
			required := map[string]any{
				"@context": "https://schema.org/", "@type": "JobPosting", "title": j.Title,
				"description":              "<p>Code <strong>charts</strong>.</p>\n",
				"url":                      "http://jobs.test" + j.Path(),
				"datePosted":               j.PublishedAt.UTC().Format(time.DateOnly),
				"validThrough":             j.ExpiresAt.UTC().Truncate(time.Second).Format(time.RFC3339),
				"hiringOrganization.@type": "Organization", "hiringOrganization.name": "Acme Health",
				"hiringOrganization.sameAs": "https://acme.example.com",
				"hiringOrganization.logo":   "http://jobs.test/companies/acme/logo",
				"identifier.@type":          "PropertyValue", "identifier.name": "Acme Health",
				"identifier.value": strconv.FormatInt(j.ID, 10),
			}
			for _, want := range []map[string]any{required, c.check} {
				for path, v := range want {
					if got := ldField(ld, strings.Split(path, ".")...); !reflect.DeepEqual(got, v) {
						t.Errorf("%s = %#v, want %#v", path, got, v)
					}
				}
			}
			if ld["employmentType"] == "" || (ld["jobLocation"] == nil && ld["jobLocationType"] == nil) {
				t.Errorf("employment type or location missing: %v", ld)
			}
		})
	}
}
