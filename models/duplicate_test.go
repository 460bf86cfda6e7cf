package models_test

import (
	"slices"
	"testing"
	"time"

	"careercenter/models"
)

// Boilerplate that one company puts on all of its jobs.
const (
	sunriseAbout = "About Sunrise Health Partners: we are a network of twelve community hospitals and forty clinics " +
		"across Georgia and Florida. We offer medical, dental and vision insurance from day one, a 401(k) with a 5% match, " +
		"paid AAPC or AHIMA membership and two CEU days a year. Sunrise Health Partners is an equal opportunity employer."
	ridgeAbout = "Ridgeview Revenue Cycle Services supports physician groups nationwide. Every coder gets a company laptop, " +
		"a production bonus paid quarterly, and a dedicated educator. We are proud to be an equal opportunity employer " +
		"and we welcome applicants of every background."
)

// The originals of the corpus: a job's title, company and description.
var (
	inpatient = models.JobText{Title: "Inpatient Coder II", Company: "Sunrise Health Partners", Description: "" +
		"Assign ICD-10-CM and ICD-10-PCS codes to inpatient records for our acute care hospitals, including complex " +
		"surgical and ICU stays. Validate MS-DRG and APR-DRG assignment, query physicians through our CDI team when " +
		"documentation is unclear, and keep a 95% accuracy rate on quarterly audits. Requires CCS or RHIT and three " +
		"years of inpatient coding. Epic and 3M 360 Encompass experience preferred. " + sunriseAbout}
	profee = models.JobText{Title: "Professional Fee Coder", Company: "Sunrise Health Partners", Description: "" +
		"Code evaluation and management visits and office procedures for our primary care and cardiology clinics using " +
		"CPT, HCPCS and ICD-10-CM. Review provider documentation for medical necessity, apply modifiers correctly and " +
		"work claim edits and denials with the billing team. Requires CPC and two years of pro-fee experience; CPC-A " +
		"candidates with externship experience are considered. " + sunriseAbout}
	edCoder = models.JobText{Title: "Emergency Department Coder", Company: "Sunrise Health Partners", Description: "" +
		"Code facility and professional emergency department encounters, including E/M levels, injections and infusions, " +
		"and observation stays. Apply our ED leveling guidelines and flag charts missing provider signatures. Weekend " +
		"rotation once a month. Requires CPC or CCS and one year of ED coding. " + sunriseAbout}
	hccCoder = models.JobText{Title: "Risk Adjustment Coder (HCC)", Company: "Ridgeview Revenue Cycle Services", Description: "" +
		"Review outpatient charts for Medicare Advantage members and capture every supported hierarchical condition " +
		"category. Apply MEAT criteria, ICD-10-CM guidelines and CMS-HCC model rules, and document findings in our " +
		"abstraction tool. Production expectation of 25 charts per hour once trained. Requires CRC or CPC. " + ridgeAbout}
	auditor = models.JobText{Title: "Coding Auditor", Company: "Ridgeview Revenue Cycle Services", Description: "" +
		"Audit physician coding for our client groups, write clear education summaries for each provider and track " +
		"error trends over time. Present findings to practice managers every month and recommend process changes. " +
		"Requires CPMA or CCS-P and five years of coding with two in auditing. " + ridgeAbout}
	denials = models.JobText{Title: "Denials Specialist", Company: "Ridgeview Revenue Cycle Services", Description: "" +
		"Work coding-related denials from commercial payers and Medicare, write appeals with supporting documentation " +
		"and guidelines, and correct claims for resubmission. Identify root causes and share them with the coding team " +
		"leads. Requires CPC and experience with payer portals and claim scrubbers. " + ridgeAbout}
	scam = models.JobText{Title: "Remote Medical Coder - No Experience", Company: "National Coding Solutions", Description: "" +
		"Work from home coding charts for a national clinic group. Start right away, flexible hours, paid weekly. You " +
		"buy the starter kit with the laptop and the encoder licence for $300, refunded with your first paycheck. " +
		"Training is provided online. Send your full name, date of birth and phone number to our hiring manager to " +
		"get started today."}
)

// edit applies light edits a reposter makes: a few words swapped.
func edit(t models.JobText, title, company string, pairs ...string) models.JobText {
	out := models.JobText{Title: title, Company: company, Description: t.Description}
	for i := 0; i+1 < len(pairs); i += 2 {
		out.Description = replaceOnce(out.Description, pairs[i], pairs[i+1])
	}
	return out
}

func replaceOnce(s, old, new string) string {
	i := indexOf(s, old)
	if i < 0 {
		panic("corpus edit: " + old + " not found")
	}
	return s[:i] + new + s[i+len(old):]
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

type corpusPair struct {
	name   string
	a, b   models.JobText
	repost bool
}

// duplicateCorpus is labelled by hand: reposts (the same job posted again,
// by its company or under another name, with light edits) and distinct jobs
// of the same company, which share its name and boilerplate.
func duplicateCorpus() []corpusPair {
	return []corpusPair{
		{"scam under a new name", scam, edit(scam, "Medical Coder (Remote) - Entry Level", "US Coding Partners",
			"national clinic group", "nationwide physician network", "$300", "$349", "flexible hours", "set your own hours",
			"Training is provided online.", "Full online training included."), true},
		{"scam with a sentence more", scam, models.JobText{Title: "Remote Medical Coder", Company: "NCS Health Coding",
			Description: scam.Description + " Positions are limited, so reply within 48 hours to hold your place."}, true},
		{"scam reworded", scam, edit(scam, "Work From Home Medical Coder - No Experience Needed", "National Coding Group",
			"Work from home coding", "Work remotely coding", "Start right away", "Start this week", "paid weekly", "paid every Friday",
			"refunded with your first paycheck", "fully reimbursed on your first paycheck", "get started today", "begin"), true},
		{"inpatient repost", inpatient, edit(inpatient, "Inpatient Coder II - Remote", "Sunrise Health Partners",
			"95%", "96%", "three", "four", "Epic and 3M 360 Encompass experience preferred.", "Epic experience preferred."), true},
		{"hcc repost by an agency", hccCoder, edit(hccCoder, "HCC Risk Adjustment Coder", "Coders On Demand Staffing",
			"25 charts per hour", "22 charts per hour", "Requires CRC or CPC.", "CRC or CPC required.",
			"Ridgeview Revenue Cycle Services supports", "Our client supports"), true},
		{"auditor repost", auditor, edit(auditor, "Senior Coding Auditor", "Ridgeview Revenue Cycle Services",
			"every month", "each quarter", "five years", "six years", "recommend process changes", "suggest improvements"), true},
		{"inpatient vs pro-fee", inpatient, profee, false},
		{"inpatient vs ED", inpatient, edCoder, false},
		{"pro-fee vs ED", profee, edCoder, false},
		{"HCC vs auditor", hccCoder, auditor, false},
		{"HCC vs denials", hccCoder, denials, false},
		{"auditor vs denials", auditor, denials, false},
		{"scam vs HCC", scam, hccCoder, false},
	}
}

// The threshold separates the labelled corpus with a margin on both sides;
// the old trigram check at 0.8 missed most of these reposts.
func TestDuplicateThresholdSeparatesTheCorpus(t *testing.T) {
	lowestRepost, highestDistinct := 1.0, 0.0
	for _, p := range duplicateCorpus() {
		sim := models.TextSimilarity(p.a, p.b)
		t.Logf("%-26s repost=%-5v %.3f", p.name, p.repost, sim)
		if p.repost {
			lowestRepost = min(lowestRepost, sim)
		} else {
			highestDistinct = max(highestDistinct, sim)
		}
	}
	if lowestRepost < models.DuplicateThreshold+0.05 || highestDistinct > models.DuplicateThreshold-0.05 {
		t.Fatalf("threshold %.2f does not separate reposts (lowest %.3f) from distinct jobs (highest %.3f) by 0.05",
			models.DuplicateThreshold, lowestRepost, highestDistinct)
	}
	if s := models.TextSimilarity(scam, scam); s != 1 {
		t.Fatalf("a text against itself: %v", s)
	}
}

// A repost with light edits under another company is flagged at submission;
// the company's distinct jobs are not.
func TestLightlyEditedRepostIsFlagged(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	other, otherCo := k.employer("other@example.com", "us-coding-partners")
	k.set(`UPDATE companies SET trusted = true WHERE id = ?`, otherCo)
	first, err := k.submitted(k.user.ID, k.company, scam.Title, scam.Description, now)
	if err != nil || len(first.Flags) != 0 {
		t.Fatalf("first posting: %v %v", err, first.Flags)
	}
	for _, p := range duplicateCorpus()[:3] {
		j, err := k.submitted(other.ID, otherCo, p.b.Title, p.b.Description, now)
		if err != nil || !slices.Contains(j.Flags, models.FlagNearDuplicate) || j.Status != models.JobPendingReview {
			t.Fatalf("%s: %v %+v", p.name, err, j)
		}
	}
	// A company's distinct jobs share its boilerplate, not their text: even
	// next to its own rejected job, which every new job is compared with.
	hr, sunrise := k.employer("hr@sunrise.example", "sunrise-health")
	k.set(`UPDATE companies SET name = 'Sunrise Health Partners' WHERE id = ?`, sunrise)
	rejected, err := k.submitted(hr.ID, sunrise, inpatient.Title, inpatient.Description, now)
	if err != nil {
		t.Fatal(err)
	}
	k.set(`UPDATE jobs SET status = 'rejected' WHERE id = ?`, rejected.ID)
	for _, text := range []models.JobText{profee, edCoder} {
		j, err := k.submitted(hr.ID, sunrise, text.Title, text.Description, now)
		if err != nil || len(j.Flags) != 0 {
			t.Fatalf("distinct job %q: %v %+v", text.Title, err, j)
		}
	}
}
