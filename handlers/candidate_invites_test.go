package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/app/mail"
)

// Employers find candidates without learning who they are or how to reach
// them; "invite to apply" reaches the candidate through the site, within
// limits, unless the candidate turned invitations off.
func TestInviteToApplyKeepsTheCandidatePrivate(t *testing.T) {
	w := newApplyWorld(t)
	ada := strconv.FormatInt(w.coderU.ID, 10)
	w.coder.post("/profile", url.Values{"headline": {"Remote HCC coder"}, "summary": {"Ten years of risk adjustment."},
		"remote_preference": {"remote"}, "visibility": {"visible"}, "invites_allowed": {"1"}})
	w.exec(`INSERT INTO profile_credentials (user_id, credential, number, year) VALUES (?, 'CRC', 'AAPC-0123456', 2020)`, w.coderU.ID)
	private := []string{"ada@example.com", "Ada Candidate", "AAPC-0123456", "Ada Resume.pdf", "/resume"}

	// A company nobody vouched for does not get to search.
	for _, path := range []string{"/candidates", "/candidates/" + ada} {
		res := w.owner.get(path)
		if res.Status != http.StatusForbidden {
			t.Fatalf("unverified company GET %s: %d", path, res.Status)
		}
		mustContain(t, res.Body, "Unlock candidate search", "verified its own email domain", "paid for a job posting")
		lacks(t, res.Body, private...)
	}
	w.exec(`UPDATE companies SET email_domain = 'acme.example', domain_verified_at = now() WHERE id = ?`, w.co.ID)

	res := w.owner.get("/candidates")
	mustContain(t, res.Body, "Remote HCC coder", "CRC", `href="/candidates/`+ada+`"`)
	lacks(t, res.Body, private...)
	res = w.owner.get("/candidates/" + ada)
	if res.Status != http.StatusOK {
		t.Fatalf("profile: %d", res.Status)
	}
	mustContain(t, res.Body, "Remote HCC coder", "Ten years of risk adjustment.", "CRC", "2020", "Self-declared",
		`action="/candidates/`+ada+`/invites"`, "Remote Outpatient Coder")
	lacks(t, res.Body, private...)
	// The coder and admins see the member number.
	mustContain(t, w.coder.get("/candidates/"+ada).Body, "AAPC-0123456")
	admin, _ := w.user("admin@example.com", true)
	mustContain(t, admin.get("/candidates/"+ada).Body, "AAPC-0123456", "Mark verified")

	// The invitation: one email to the candidate, linking to the apply page.
	invite := func(b *browser, jobID int64) response {
		return b.post("/candidates/"+ada+"/invites", url.Values{"job_id": {strconv.FormatInt(jobID, 10)}})
	}
	res = invite(w.owner, w.live.ID)
	if res.Status != http.StatusSeeOther || res.Location != "/candidates/"+ada {
		t.Fatalf("invite: %d %s %s", res.Status, res.Location, res.Body)
	}
	invitations := func() []mail.EmailArgs {
		var out []mail.EmailArgs
		for _, e := range w.s.emails("ada@example.com") {
			if strings.Contains(e.Subject, "invites you to apply") {
				out = append(out, e)
			}
		}
		return out
	}
	emails := invitations()
	if len(emails) != 1 || emails[0].Subject != "Acme Health invites you to apply: Remote Outpatient Coder" {
		t.Fatalf("emails: %+v", emails)
	}
	mustContain(t, emails[0].Text, "http://jobs.test/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/apply", "does not have your email address")
	res = w.owner.get("/candidates/" + ada)
	mustContain(t, res.Body, "Invitation sent")
	lacks(t, res.Body, private...)

	// Once per candidate and job, also for another member of the company.
	res = invite(w.member, w.live.ID)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("second invite: %d", res.Status)
	}
	mustContain(t, res.Body, "already invited to “Remote Outpatient Coder”", `id="e-job_id"`)
	// Only the company's own live jobs.
	otherCo := w.company("other-co", "Other Co", "employer")
	foreign := w.job(otherCo, nil)
	if res := invite(w.owner, foreign.ID); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("another company's job: %d", res.Status)
	}

	// At most 20 a day per company.
	second := w.onsiteJob("Coding Auditor")
	w.exec(`INSERT INTO users (email, name) SELECT 'c' || g || '@example.com', 'C' FROM generate_series(1, 19) g`)
	w.exec(`INSERT INTO candidate_invites (company_id, job_id, candidate_id, created_at)
		SELECT ?, ?, id, now() FROM users WHERE email LIKE 'c%@example.com' AND email <> 'cand@example.com'`, w.co.ID, second.ID)
	if n := w.count(`SELECT count(*) FROM candidate_invites WHERE company_id = ?`, w.co.ID); n != 20 {
		t.Fatalf("%d invites", n)
	}
	res = invite(w.owner, second.ID)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("21st invite: %d", res.Status)
	}
	mustContain(t, res.Body, "20 invitations in the last 24 hours")
	w.exec(`UPDATE candidate_invites SET created_at = now() - interval '25 hours' WHERE job_id = ?`, second.ID)
	if res := invite(w.owner, second.ID); res.Status != http.StatusSeeOther {
		t.Fatalf("invite the next day: %d", res.Status)
	}

	// The candidate turns invitations off: the button says so, posts are refused.
	w.coder.post("/profile", url.Values{"headline": {"Remote HCC coder"}, "remote_preference": {"remote"}, "visibility": {"visible"}})
	third := w.onsiteJob("Inpatient Coder")
	res = w.owner.get("/candidates/" + ada)
	mustContain(t, res.Body, "Invitations turned off")
	lacks(t, res.Body, `action="/candidates/`+ada+`/invites"`)
	if res := invite(w.owner, third.ID); res.Status != http.StatusConflict {
		t.Fatalf("invite while off: %d", res.Status)
	}
	if n := len(invitations()); n != 2 {
		t.Fatalf("%d emails to the candidate", n)
	}
}
