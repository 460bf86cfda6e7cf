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
