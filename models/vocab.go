package models

// Term is one entry of a controlled vocabulary: a stable value stored in the
// database and in URLs, and the label people read.
type Term struct {
	Value string
	Label string
}

// CodeSystems are the code sets of the code pages and of the job field
// code_sets. The value is also the URL segment (/codes/icd-10-cm/E11.9).
var CodeSystems = []Term{
	{"cpt", "CPT"},
	{"hcpcs", "HCPCS Level II"},
	{"icd-10-cm", "ICD-10-CM"},
	{"icd-10-pcs", "ICD-10-PCS"},
}

// Specialties tag code pages and jobs alike, so a code page can link to the
// coding jobs in its specialty.
var Specialties = []Term{
	{"anesthesiology", "Anesthesiology"},
	{"behavioral-health", "Behavioral health"},
	{"cardiology", "Cardiology"},
	{"dermatology", "Dermatology"},
	{"emergency-medicine", "Emergency medicine"},
	{"endocrinology", "Endocrinology"},
	{"family-medicine", "Family medicine"},
	{"gastroenterology", "Gastroenterology"},
	{"general-surgery", "General surgery"},
	{"home-health", "Home health"},
	{"internal-medicine", "Internal medicine"},
	{"interventional-radiology", "Interventional radiology"},
	{"laboratory-pathology", "Laboratory and pathology"},
	{"nephrology", "Nephrology"},
	{"neurology", "Neurology"},
	{"obstetrics-gynecology", "Obstetrics and gynecology"},
	{"oncology", "Oncology"},
	{"ophthalmology", "Ophthalmology"},
	{"orthopedics", "Orthopedics"},
	{"pediatrics", "Pediatrics"},
	{"pulmonology", "Pulmonology"},
	{"radiology", "Radiology"},
	{"urology", "Urology"},
	{"wound-care", "Wound care"},
	{"dme-supplies", "DME and supplies"},
}

// Settings are where coding happens (a job field, and a filter).
var Settings = []Term{
	{"inpatient-facility", "Inpatient facility"},
	{"outpatient-facility", "Outpatient facility"},
	{"pro-fee", "Professional fee"},
	{"emergency-department", "Emergency department"},
	{"risk-adjustment", "Risk adjustment / HCC"},
	{"cdi", "Clinical documentation integrity"},
	{"auditing", "Auditing"},
	{"denials", "Denials and AR"},
}

// TermLabel returns the label of value in terms, or value itself.
func TermLabel(terms []Term, value string) string {
	for _, t := range terms {
		if t.Value == value {
			return t.Label
		}
	}
	return value
}

// IsTerm reports whether value belongs to terms.
func IsTerm(terms []Term, value string) bool {
	for _, t := range terms {
		if t.Value == value {
			return true
		}
	}
	return false
}

// WorkModes of a job.
var WorkModes = []Term{{"remote", "Remote"}, {"hybrid", "Hybrid"}, {"onsite", "On-site"}}

// EmploymentTypes of a job; the values map onto schema.org employmentType.
var EmploymentTypes = []Term{
	{"full_time", "Full-time"}, {"part_time", "Part-time"}, {"contract", "Contract"},
	{"per_diem", "Per diem"}, {"temporary", "Temporary"},
}

// SalaryPeriods: coders are paid by the hour, the year, or per chart.
var SalaryPeriods = []Term{{"hour", "per hour"}, {"year", "per year"}, {"chart", "per chart"}}

// ApplyMethods: on this site, on the employer's site, or by email.
var ApplyMethods = []Term{{"onsite", "Apply on CareerCenter"}, {"url", "On the employer's website"}, {"email", "By email"}}

// JobPlans are the posting plans.
var JobPlans = []Term{{"standard", "Standard (30 days)"}, {"featured", "Featured (30 days, shown first)"}}

// Credentials are the coding certifications employers ask for.
var Credentials = []Term{
	{"CPC", "CPC"}, {"CPC-A", "CPC-A"}, {"COC", "COC"}, {"CIC", "CIC"}, {"CRC", "CRC"},
	{"CPB", "CPB"}, {"CPMA", "CPMA"}, {"CDEO", "CDEO"}, {"CCS", "CCS"}, {"CCS-P", "CCS-P"},
	{"CCA", "CCA"}, {"RHIT", "RHIT"}, {"RHIA", "RHIA"}, {"CDIP", "CDIP"}, {"CCDS", "CCDS"},
	{"CCDS-O", "CCDS-O"}, {"CEMC", "CEMC"}, {"CANPC", "CANPC"}, {"CCC", "CCC"}, {"CEDC", "CEDC"},
}

// States are the US states and DC, by postal abbreviation.
var States = []Term{
	{"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"}, {"CA", "California"},
	{"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"DC", "District of Columbia"},
	{"FL", "Florida"}, {"GA", "Georgia"}, {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"},
	{"IN", "Indiana"}, {"IA", "Iowa"}, {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"},
	{"ME", "Maine"}, {"MD", "Maryland"}, {"MA", "Massachusetts"}, {"MI", "Michigan"},
	{"MN", "Minnesota"}, {"MS", "Mississippi"}, {"MO", "Missouri"}, {"MT", "Montana"},
	{"NE", "Nebraska"}, {"NV", "Nevada"}, {"NH", "New Hampshire"}, {"NJ", "New Jersey"},
	{"NM", "New Mexico"}, {"NY", "New York"}, {"NC", "North Carolina"}, {"ND", "North Dakota"},
	{"OH", "Ohio"}, {"OK", "Oklahoma"}, {"OR", "Oregon"}, {"PA", "Pennsylvania"},
	{"RI", "Rhode Island"}, {"SC", "South Carolina"}, {"SD", "South Dakota"}, {"TN", "Tennessee"},
	{"TX", "Texas"}, {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"}, {"WA", "Washington"},
	{"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"},
}
