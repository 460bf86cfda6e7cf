package models

// The structure each code set is browsed by (/codes/:system). Ranges are
// made contiguous so every well-formed code falls in exactly one group; the
// labels follow the code sets' own chapter and section titles.

// cptNumeric matches CPT's five-digit codes; the other CPT groups are
// told apart by their last letter.
const cptNumeric = `^[0-9]{5}$`

func cptRange(label, lo, hi string) CodeGroup {
	return CodeGroup{System: "cpt", Param: "range", Key: lo + "-" + hi, Label: label,
		Span: lo + "–" + hi, lo: lo, hi: hi, pattern: cptNumeric}
}

func cptLetter(label string, letter byte) CodeGroup {
	l, L := string(letter), upper(string(letter))
	return CodeGroup{System: "cpt", Param: "range", Key: "0001" + L + "-9999" + L, Label: label,
		Span: "0001" + L + "–9999" + L, lo: "0000" + l, hi: "9999" + l, pattern: `^[0-9]{4}` + l + `$`}
}

func cptSection(key, label string, ranges ...CodeGroup) CodeGroup {
	return CodeGroup{System: "cpt", Param: "section", Key: key, Label: label, Span: spanOf(ranges), Groups: ranges}
}

// spanOf is the span of a run of ranges: the first's start to the last's
// end, of the five-digit ranges when there are any.
func spanOf(gs []CodeGroup) string {
	var digits []CodeGroup
	for _, g := range gs {
		if g.pattern == cptNumeric {
			digits = append(digits, g)
		}
	}
	if len(digits) == 0 {
		return gs[0].Span
	}
	return digits[0].lo + "–" + digits[len(digits)-1].hi
}

// cptOutline is CPT in the order of the code book: sections, each split
// into its subsections' code ranges.
var cptOutline = []CodeGroup{
	cptSection("evaluation-and-management", "Evaluation and Management",
		cptRange("Evaluation and management services", "99200", "99499")),
	cptSection("anesthesia", "Anesthesia",
		cptRange("Anesthesia", "00000", "09999")),
	cptSection("surgery", "Surgery",
		cptRange("General", "10000", "10029"),
		cptRange("Integumentary system", "10030", "19999"),
		cptRange("Musculoskeletal system", "20000", "29999"),
		cptRange("Respiratory system", "30000", "32999"),
		cptRange("Cardiovascular system", "33000", "37999"),
		cptRange("Hemic and lymphatic systems", "38000", "38999"),
		cptRange("Mediastinum and diaphragm", "39000", "39999"),
		cptRange("Digestive system", "40000", "49999"),
		cptRange("Urinary system", "50000", "53999"),
		cptRange("Male genital system", "54000", "55899"),
		cptRange("Reproductive system and intersex surgery", "55900", "55999"),
		cptRange("Female genital system", "56000", "58999"),
		cptRange("Maternity care and delivery", "59000", "59999"),
		cptRange("Endocrine system", "60000", "60999"),
		cptRange("Nervous system", "61000", "64999"),
		cptRange("Eye and ocular adnexa", "65000", "68999"),
		cptRange("Auditory system", "69000", "69979"),
		cptRange("Operating microscope", "69980", "69999")),
	cptSection("radiology", "Radiology",
		cptRange("Diagnostic radiology (imaging)", "70000", "76499"),
		cptRange("Diagnostic ultrasound", "76500", "76999"),
		cptRange("Radiologic guidance", "77000", "77029"),
		cptRange("Breast imaging", "77030", "77069"),
		cptRange("Bone and joint studies", "77070", "77099"),
		cptRange("Radiation oncology", "77100", "77799"),
		cptRange("Nuclear medicine", "77800", "79999")),
	cptSection("pathology-and-laboratory", "Pathology and Laboratory",
		cptRange("Organ or disease oriented panels", "80000", "80099"),
		cptRange("Drug assays and drug testing", "80100", "80399"),
		cptRange("Evocative and suppression testing; consultations", "80400", "80999"),
		cptRange("Urinalysis", "81000", "81099"),
		cptRange("Molecular pathology and multianalyte assays", "81100", "81999"),
		cptRange("Chemistry", "82000", "84999"),
		cptRange("Hematology and coagulation", "85000", "85999"),
		cptRange("Immunology and transfusion medicine", "86000", "86999"),
		cptRange("Microbiology", "87000", "87999"),
		cptRange("Anatomic, cytologic and surgical pathology", "88000", "88999"),
		cptRange("Other pathology and laboratory procedures", "89000", "89999"),
		cptLetter("Multianalyte assays with algorithmic analyses", 'm')),
	cptSection("medicine", "Medicine",
		cptRange("Immune globulins, vaccines and their administration", "90000", "90759"),
		cptLetter("Immunization administration (vaccine product codes)", 'a'),
		cptRange("Psychiatry", "90760", "90899"),
		cptRange("Biofeedback and dialysis", "90900", "90999"),
		cptRange("Gastroenterology", "91000", "91999"),
		cptRange("Ophthalmology", "92000", "92499"),
		cptRange("Special otorhinolaryngologic services", "92500", "92919"),
		cptRange("Cardiovascular", "92920", "93799"),
		cptRange("Noninvasive vascular diagnostic studies", "93800", "93999"),
		cptRange("Pulmonary", "94000", "94999"),
		cptRange("Allergy and clinical immunology", "95000", "95199"),
		cptRange("Endocrinology, neurology and neuromuscular procedures", "95200", "96029"),
		cptRange("Assessments, testing and health behavior services", "96030", "96359"),
		cptRange("Hydration, injections, infusions and chemotherapy", "96360", "96549"),
		cptRange("Dermatological procedures and photodynamic therapy", "96550", "96999"),
		cptRange("Physical medicine and rehabilitation", "97000", "97799"),
		cptRange("Nutrition, acupuncture, osteopathic and chiropractic treatment", "97800", "98999"),
		cptRange("Special services, procedures and reports; moderate sedation", "99000", "99199"),
		cptRange("Home health and other services", "99500", "99999")),
	cptSection("category-ii", "Category II (performance measurement)", cptLetter("Category II codes", 'f')),
	cptSection("category-iii", "Category III (emerging technology)", cptLetter("Category III codes", 't')),
	cptSection("proprietary-laboratory-analyses", "Proprietary Laboratory Analyses", cptLetter("PLA codes", 'u')),
}

func cmChapter(n, lo, hi, label string) CodeGroup {
	return CodeGroup{System: "icd-10-cm", Param: "chapter", Key: n, Label: label,
		Span: upper(lo) + "–" + upper(hi), lo: lo, hi: hi}
}

// cmOutline is ICD-10-CM's 22 chapters, split on the first three characters
// of a code (its category).
var cmOutline = []CodeGroup{
	cmChapter("1", "a00", "b99", "Certain infectious and parasitic diseases"),
	cmChapter("2", "c00", "d49", "Neoplasms"),
	cmChapter("3", "d50", "d89", "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism"),
	cmChapter("4", "e00", "e89", "Endocrine, nutritional and metabolic diseases"),
	cmChapter("5", "f01", "f99", "Mental, behavioral and neurodevelopmental disorders"),
	cmChapter("6", "g00", "g99", "Diseases of the nervous system"),
	cmChapter("7", "h00", "h59", "Diseases of the eye and adnexa"),
	cmChapter("8", "h60", "h95", "Diseases of the ear and mastoid process"),
	cmChapter("9", "i00", "i99", "Diseases of the circulatory system"),
	cmChapter("10", "j00", "j99", "Diseases of the respiratory system"),
	cmChapter("11", "k00", "k95", "Diseases of the digestive system"),
	cmChapter("12", "l00", "l99", "Diseases of the skin and subcutaneous tissue"),
	cmChapter("13", "m00", "m99", "Diseases of the musculoskeletal system and connective tissue"),
	cmChapter("14", "n00", "n99", "Diseases of the genitourinary system"),
	cmChapter("15", "o00", "o9a", "Pregnancy, childbirth and the puerperium"),
	cmChapter("16", "p00", "p96", "Certain conditions originating in the perinatal period"),
	cmChapter("17", "q00", "q99", "Congenital malformations, deformations and chromosomal abnormalities"),
	cmChapter("18", "r00", "r99", "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified"),
	cmChapter("19", "s00", "t88", "Injury, poisoning and certain other consequences of external causes"),
	cmChapter("20", "v00", "y99", "External causes of morbidity"),
	cmChapter("21", "z00", "z99", "Factors influencing health status and contact with health services"),
	cmChapter("22", "u00", "u85", "Codes for special purposes"),
}

func letterGroup(system, param, key, label string) CodeGroup {
	return CodeGroup{System: system, Param: param, Key: key, Label: label, Span: key,
		lo: lower(key), hi: lower(key)}
}

// hcpcsOutline is HCPCS Level II by its first letter.
var hcpcsOutline = []CodeGroup{
	letterGroup("hcpcs", "letter", "A", "Transportation services, medical and surgical supplies"),
	letterGroup("hcpcs", "letter", "B", "Enteral and parenteral therapy"),
	letterGroup("hcpcs", "letter", "C", "Outpatient prospective payment system (temporary codes)"),
	letterGroup("hcpcs", "letter", "D", "Dental procedures"),
	letterGroup("hcpcs", "letter", "E", "Durable medical equipment"),
	letterGroup("hcpcs", "letter", "G", "Procedures and professional services (temporary codes)"),
	letterGroup("hcpcs", "letter", "H", "Alcohol and drug abuse treatment and behavioral health services"),
	letterGroup("hcpcs", "letter", "J", "Drugs administered other than oral method, chemotherapy drugs"),
	letterGroup("hcpcs", "letter", "K", "Durable medical equipment (temporary codes)"),
	letterGroup("hcpcs", "letter", "L", "Orthotic and prosthetic procedures and devices"),
	letterGroup("hcpcs", "letter", "M", "Medical services and quality measures"),
	letterGroup("hcpcs", "letter", "P", "Pathology and laboratory services"),
	letterGroup("hcpcs", "letter", "Q", "Miscellaneous services (temporary codes)"),
	letterGroup("hcpcs", "letter", "R", "Diagnostic radiology services"),
	letterGroup("hcpcs", "letter", "S", "Temporary national codes (non-Medicare)"),
	letterGroup("hcpcs", "letter", "T", "National codes established for state Medicaid agencies"),
	letterGroup("hcpcs", "letter", "U", "Coronavirus diagnostic panels"),
	letterGroup("hcpcs", "letter", "V", "Vision, hearing and speech-language pathology services"),
}

// pcsOutline is ICD-10-PCS by its first character, the section.
var pcsOutline = []CodeGroup{
	letterGroup("icd-10-pcs", "section", "0", "Medical and Surgical"),
	letterGroup("icd-10-pcs", "section", "1", "Obstetrics"),
	letterGroup("icd-10-pcs", "section", "2", "Placement"),
	letterGroup("icd-10-pcs", "section", "3", "Administration"),
	letterGroup("icd-10-pcs", "section", "4", "Measurement and Monitoring"),
	letterGroup("icd-10-pcs", "section", "5", "Extracorporeal or Systemic Assistance and Performance"),
	letterGroup("icd-10-pcs", "section", "6", "Extracorporeal or Systemic Therapies"),
	letterGroup("icd-10-pcs", "section", "7", "Osteopathic"),
	letterGroup("icd-10-pcs", "section", "8", "Other Procedures"),
	letterGroup("icd-10-pcs", "section", "9", "Chiropractic"),
	letterGroup("icd-10-pcs", "section", "B", "Imaging"),
	letterGroup("icd-10-pcs", "section", "C", "Nuclear Medicine"),
	letterGroup("icd-10-pcs", "section", "D", "Radiation Therapy"),
	letterGroup("icd-10-pcs", "section", "F", "Physical Rehabilitation and Diagnostic Audiology"),
	letterGroup("icd-10-pcs", "section", "G", "Mental Health"),
	letterGroup("icd-10-pcs", "section", "H", "Substance Abuse Treatment"),
	letterGroup("icd-10-pcs", "section", "X", "New Technology"),
}

// outlines maps each code system to its top-level groups.
var outlines = map[string][]CodeGroup{
	"cpt": cptOutline, "icd-10-cm": cmOutline, "hcpcs": hcpcsOutline, "icd-10-pcs": pcsOutline,
}
