package handlers

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"careercenter/models"
)

// jobPosting is the schema.org JobPosting that Google for Jobs reads. Only
// live pages carry it: an expired or filled job must drop out of job search.
type jobPosting struct {
	Context            string       `json:"@context"`
	Type               string       `json:"@type"`
	Title              string       `json:"title"`
	Description        string       `json:"description"` // the sanitized HTML of the page
	URL                string       `json:"url"`
	DatePosted         string       `json:"datePosted"`
	ValidThrough       string       `json:"validThrough,omitempty"`
	EmploymentType     string       `json:"employmentType"`
	HiringOrganization organization `json:"hiringOrganization"`
	Identifier         typedValue   `json:"identifier"`
	DirectApply        bool         `json:"directApply"`

	JobLocation                   *place      `json:"jobLocation,omitempty"`
	JobLocationType               string      `json:"jobLocationType,omitempty"`
	ApplicantLocationRequirements []namedArea `json:"applicantLocationRequirements,omitempty"`

	BaseSalary             *monetaryAmount `json:"baseSalary,omitempty"`
	EducationRequirements  []credential    `json:"educationRequirements,omitempty"`
	Qualifications         string          `json:"qualifications,omitempty"`
	ExperienceRequirements *experience     `json:"experienceRequirements,omitempty"`
}

type organization struct {
	Type   string `json:"@type"`
	Name   string `json:"name"`
	SameAs string `json:"sameAs,omitempty"`
	Logo   string `json:"logo,omitempty"`
}

type typedValue struct {
	Type  string `json:"@type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type place struct {
	Type    string        `json:"@type"`
	Address postalAddress `json:"address"`
}

type postalAddress struct {
	Type            string `json:"@type"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressCountry  string `json:"addressCountry"`
}

type namedArea struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type monetaryAmount struct {
	Type     string            `json:"@type"`
	Currency string            `json:"currency"`
	Value    quantitativeValue `json:"value"`
}

type quantitativeValue struct {
	Type     string `json:"@type"`
	Value    *int   `json:"value,omitempty"`
	MinValue *int   `json:"minValue,omitempty"`
	MaxValue *int   `json:"maxValue,omitempty"`
	UnitText string `json:"unitText"`
}

type credential struct {
	Type     string `json:"@type"`
	Category string `json:"credentialCategory"`
	Name     string `json:"name"`
}

type experience struct {
	Type   string `json:"@type"`
	Months int    `json:"monthsOfExperience"`
}

// googleEmploymentTypes maps our employment types onto Google's values.
var googleEmploymentTypes = map[string]string{
	"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR",
	"per_diem": "PER_DIEM", "temporary": "TEMPORARY",
}

// salaryUnits maps salary periods onto Google's unitText. Per-chart pay has
// no unit there (HOUR, DAY, WEEK, MONTH, YEAR only), and calling it hourly or
// yearly would mislead, so per-chart jobs carry no baseSalary.
var salaryUnits = map[string]string{"hour": "HOUR", "year": "YEAR"}

// credentialCategory is Google's value for a professional certification in
// educationRequirements (its list: high school, associate degree, bachelor
// degree, professional certificate, postgraduate degree).
const credentialCategory = "professional certificate"

// jobPostingFor builds the JobPosting of a live job. description is the
// page's sanitized HTML; logoURL is "" when the company has no logo.
func jobPostingFor(j *models.Job, canonical string, description template.HTML, logoURL string) jobPosting {
	p := jobPosting{
		Context: "https://schema.org/", Type: "JobPosting",
		Title: j.Title, Description: string(description), URL: canonical,
		DatePosted:     j.PublishedAt.UTC().Format(time.DateOnly),
		EmploymentType: googleEmploymentTypes[j.EmploymentType],
		HiringOrganization: organization{Type: "Organization", Name: j.Company.Name,
			SameAs: webURL(j.Company.Website), Logo: logoURL},
		Identifier:     typedValue{Type: "PropertyValue", Name: j.Company.Name, Value: strconv.FormatInt(j.ID, 10)},
		DirectApply:    j.ApplyMethod == "onsite",
		BaseSalary:     baseSalary(j),
		Qualifications: qualifications(j),
	}
	if !j.ExpiresAt.IsZero() {
		p.ValidThrough = j.ExpiresAt.UTC().Format(time.RFC3339)
	}
	if j.WorkMode == "remote" {
		p.JobLocationType = "TELECOMMUTE"
		p.ApplicantLocationRequirements = []namedArea{{Type: "Country", Name: "US"}}
		if len(j.RemoteStates) > 0 {
			p.ApplicantLocationRequirements = make([]namedArea, len(j.RemoteStates))
			for i, s := range j.RemoteStates {
				p.ApplicantLocationRequirements[i] = namedArea{Type: "State", Name: models.TermLabel(models.States, s)}
			}
		}
	} else {
		p.JobLocation = &place{Type: "Place", Address: postalAddress{Type: "PostalAddress",
			AddressLocality: j.City, AddressRegion: j.State, PostalCode: j.PostalCode, AddressCountry: "US"}}
	}
	for _, group := range j.CredentialsRequired {
		if len(group) > 0 {
			p.EducationRequirements = append(p.EducationRequirements, credential{
				Type: "EducationalOccupationalCredential", Category: credentialCategory,
				Name: strings.Join(group, " or ")})
		}
	}
	if j.ExperienceMinYears > 0 {
		p.ExperienceRequirements = &experience{Type: "OccupationalExperienceRequirements", Months: 12 * j.ExperienceMinYears}
	}
	return p
}

func baseSalary(j *models.Job) *monetaryAmount {
	if j.SalaryPeriod == nil || salaryUnits[*j.SalaryPeriod] == "" || (j.SalaryMin == nil && j.SalaryMax == nil) {
		return nil
	}
	v := quantitativeValue{Type: "QuantitativeValue", UnitText: salaryUnits[*j.SalaryPeriod]}
	switch {
	case j.SalaryMin != nil && j.SalaryMax != nil && *j.SalaryMin == *j.SalaryMax:
		v.Value = j.SalaryMin
	default:
		v.MinValue, v.MaxValue = j.SalaryMin, j.SalaryMax
	}
	return &monetaryAmount{Type: "MonetaryAmount", Currency: "USD", Value: v}
}

// qualifications says in words what the credential properties say in
// structure: "Required: RHIT and (CCS or CIC). Preferred: CRC. …".
func qualifications(j *models.Job) string {
	var parts []string
	if s := credentialsSentence(j.CredentialsRequired); s != "" {
		parts = append(parts, "Required: "+s+".")
	}
	if len(j.CredentialsPreferred) > 0 {
		parts = append(parts, "Preferred: "+strings.Join(j.CredentialsPreferred, ", ")+".")
	}
	if j.ApprenticeOK {
		parts = append(parts, "CPC-A considered.")
	}
	if j.ExperienceMinYears > 0 {
		parts = append(parts, "At least "+strconv.Itoa(j.ExperienceMinYears)+" "+
			pluralize(j.ExperienceMinYears, "year", "years")+" of coding experience.")
	}
	return strings.Join(parts, " ")
}

// jsonLD is p ready for a <script type="application/ld+json"> element.
// json.Marshal writes <, > and & as \u escapes (and U+2028/2029 too), so no
// text a user typed can close the element or open a comment in it.
func jsonLD(p jobPosting) (template.JS, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil // #nosec: HTML-significant characters are \u-escaped above
}
