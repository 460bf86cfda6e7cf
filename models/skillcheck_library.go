package models

import "strings"

// LibraryScenario is a ready-made scenario written for this site, which an
// employer adds to a check as it is or copies and edits. Every expected code
// is in the sample code set (a test checks it).
type LibraryScenario struct {
	Key          string
	Topic        string
	Title        string
	Description  string
	ModifierRule string
	Expected     []ExpectedCode
}

// Input is the scenario as the scenario form takes it.
func (l *LibraryScenario) Input() ScenarioInput {
	s := Scenario{Expected: l.Expected}
	return ScenarioInput{Title: l.Title, Description: l.Description, ModifierRule: l.ModifierRule,
		Expected: s.ExpectedText(), LibraryKey: l.Key}
}

// Codes lists the expected codes in a line, for the library list.
func (l *LibraryScenario) Codes() string {
	parts := make([]string, len(l.Expected))
	for i, e := range l.Expected {
		parts[i] = e.String()
	}
	return strings.Join(parts, ", ")
}

// LibraryScenarioByKey returns the library's scenario with key, or nil.
func LibraryScenarioByKey(key string) *LibraryScenario {
	for i := range ScenarioLibrary {
		if ScenarioLibrary[i].Key == key {
			return &ScenarioLibrary[i]
		}
	}
	return nil
}

func cpt(code string, mods ...string) ExpectedCode {
	return ExpectedCode{System: "cpt", Code: code, Modifiers: mods}
}
func hcpcs(code string, mods ...string) ExpectedCode {
	return ExpectedCode{System: "hcpcs", Code: code, Modifiers: mods}
}
func cm(code string) ExpectedCode  { return ExpectedCode{System: "icd-10-cm", Code: code} }
func pcs(code string) ExpectedCode { return ExpectedCode{System: "icd-10-pcs", Code: code} }

// ScenarioLibrary is the library, by topic. The cases are invented and
// carry no patient's details.
var ScenarioLibrary = []LibraryScenario{
	{
		Key: "em-new-moderate", Topic: "E/M levels", Title: "New patient, two chronic conditions",
		Description: "A 58-year-old new patient comes to the family practice office to establish care. " +
			"The physician reviews outside records, orders labs and adjusts the dose of the patient's blood pressure " +
			"medication for essential hypertension that is not at goal. Hyperlipidemia is reviewed and a statin is continued.\n" +
			"Medical decision making is documented as moderate.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cpt("99204"), cm("I10"), cm("E78.5")},
	},
	{
		Key: "em-established-low", Topic: "E/M levels", Title: "Established patient with a cold",
		Description: "An established patient is seen in the office for three days of sore throat, runny nose and cough. " +
			"The physician diagnoses an acute upper respiratory infection and recommends rest and fluids; " +
			"an over-the-counter medication is suggested. Medical decision making is documented as low.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cpt("99213"), cm("J06.9")},
	},
	{
		Key: "em-25-injection", Topic: "E/M levels", Title: "Office visit and a ketorolac injection",
		Description: "An established patient with low back pain comes in after lifting boxes. The physician takes a history, " +
			"examines the back, reviews medications and prescribes physical therapy; medical decision making is moderate " +
			"and separately documented. During the visit, ketorolac tromethamine 15 mg is given by intramuscular injection.\n" +
			"Code the visit, the injection and the drug.",
		ModifierRule: ModifiersRequired,
		Expected:     []ExpectedCode{cpt("99214", "25"), cpt("96372"), hcpcs("J1885"), cm("M54.50")},
	},
	{
		Key: "cm-diabetes-ckd", Topic: "ICD-10-CM: diabetes and CKD", Title: "Type 2 diabetes with stage 4 CKD",
		Description: "A patient with type 2 diabetes is followed for diabetic chronic kidney disease, stage 4 by the " +
			"nephrologist's note. The patient injects insulin daily. Code the diagnoses only.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cm("E11.22"), cm("N18.4"), cm("Z79.4")},
	},
	{
		Key: "cm-diabetes-hyperglycemia", Topic: "ICD-10-CM: diabetes and CKD", Title: "Poorly controlled type 2 diabetes on an oral drug",
		Description: "The physician documents type 2 diabetes, poorly controlled, with an A1c of 9.8 %. " +
			"The patient takes metformin and no insulin. Code the diagnoses only.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cm("E11.65"), cm("Z79.84")},
	},
	{
		Key: "cm-injury-hip", Topic: "ICD-10-CM: injury", Title: "Fall at home, fractured hip",
		Description: "An 81-year-old is brought to the emergency department after falling at home; the record does not say how. " +
			"X-rays show a fracture of the neck of the right femur, part not specified. This is the first encounter for the " +
			"injury. Code the diagnoses, with the external cause.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cm("S72.001A"), cm("W19.XXXA")},
	},
	{
		Key: "cm-injury-laceration", Topic: "ICD-10-CM: injury", Title: "Hand laceration repaired in the emergency department",
		Description: "A patient cut the back of the right hand on a broken glass. The 2 cm laceration has no foreign body " +
			"and is closed with a simple single-layer repair. Code the repair and the diagnosis; do not code the ED visit.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cpt("12001"), cm("S61.411A")},
	},
	{
		Key: "surgery-tka-right", Topic: "Surgery with modifiers", Title: "Right total knee replacement",
		Description: "The surgeon performs a total knee arthroplasty of the right knee for unilateral primary osteoarthritis " +
			"of the right knee. Code the procedure for the surgeon, with the laterality modifier, and the diagnosis.",
		ModifierRule: ModifiersRequired,
		Expected:     []ExpectedCode{cpt("27447", "RT"), cm("M17.11")},
	},
	{
		Key: "surgery-knee-scope", Topic: "Surgery with modifiers", Title: "Arthroscopic meniscectomy, right knee",
		Description: "A patient injured the right knee playing soccer last week. MRI showed a bucket-handle tear of the medial " +
			"meniscus. The surgeon performs an arthroscopic partial medial meniscectomy of the right knee. " +
			"Code the procedure with its laterality modifier, and the diagnosis for this first encounter.",
		ModifierRule: ModifiersHalf,
		Expected:     []ExpectedCode{cpt("29881", "RT"), cm("S83.211A")},
	},
	{
		Key: "surgery-screening-colonoscopy", Topic: "Surgery with modifiers", Title: "Screening colonoscopy that removes a polyp",
		Description: "A Medicare patient at average risk has a screening colonoscopy. One polyp of the sigmoid colon is removed " +
			"with a snare. Code the procedure with the modifier Medicare asks for when a screening turns therapeutic, " +
			"and the diagnoses.",
		ModifierRule: ModifiersRequired,
		Expected:     []ExpectedCode{cpt("45385", "PT"), cm("Z12.11"), cm("K63.5")},
	},
	{
		Key: "hcpcs-diabetes-supplies", Topic: "HCPCS supplies", Title: "Home glucose testing supplies",
		Description: "A patient with type 2 diabetes who uses insulin is given a home blood glucose monitor, a box of test strips " +
			"and a box of lancets by the supplier. Code the supplies only.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{hcpcs("E0607"), hcpcs("A4253"), hcpcs("A4259")},
	},
	{
		Key: "hcpcs-cpap", Topic: "HCPCS supplies", Title: "CPAP device for sleep apnea",
		Description: "After a sleep study confirms obstructive sleep apnea, the supplier delivers a continuous positive airway " +
			"pressure device. Code the device and the diagnosis.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{hcpcs("E0601"), cm("G47.33")},
	},
	{
		Key: "hcpcs-flu-shot", Topic: "HCPCS supplies", Title: "Flu shot for a Medicare patient",
		Description: "A Medicare patient comes in only for a seasonal influenza vaccine, which the nurse gives. " +
			"Code the administration and the diagnosis; leave the vaccine product out.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{hcpcs("G0008"), cm("Z23")},
	},
	{
		Key: "risk-heart-lungs-kidneys", Topic: "Risk adjustment", Title: "Annual visit: heart failure, COPD, diabetic CKD",
		Description: "At a yearly visit the physician assesses each condition: heart failure, stable on diuretics; chronic " +
			"obstructive pulmonary disease, no exacerbation; type 2 diabetes with diabetic chronic kidney disease, stage 4. " +
			"Code every condition that risk adjustment would capture.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cm("I50.9"), cm("J44.9"), cm("E11.22"), cm("N18.4")},
	},
	{
		Key: "risk-afib-neuropathy", Topic: "Risk adjustment", Title: "Chart review: atrial fibrillation and neuropathy",
		Description: "A chart review of a visit finds atrial fibrillation, rate controlled; type 2 diabetes with diabetic " +
			"neuropathy of a type the note does not name; and hypothyroidism treated with levothyroxine. " +
			"Each condition is monitored and treated. Code the diagnoses.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{cm("I48.91"), cm("E11.40"), cm("E03.9")},
	},
	{
		Key: "pcs-lap-appendectomy", Topic: "ICD-10-PCS", Title: "Inpatient laparoscopic appendectomy",
		Description: "A patient admitted with acute appendicitis has the appendix removed laparoscopically. " +
			"Code the facility's procedure code and the diagnosis.",
		ModifierRule: ModifiersIgnored,
		Expected:     []ExpectedCode{pcs("0DTJ4ZZ"), cm("K35.80")},
	},
}
