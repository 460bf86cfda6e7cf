package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// The roles of the access matrix, in the order of each row's statuses.
var matrixRoles = []string{"guest", "other coder", "candidate", "member", "other company", "admin"}

// matrixOrder is the order the roles try a route: the ones whose request
// succeeds and changes something (the candidate, the member) go last, so
// every refusal is tried against the state the row was written for.
var matrixOrder = []int{0, 1, 4, 5, 3, 2}

// login stands for a 303 to the login page, where guests are sent for
// pages; their posts are refused (403) before any handler runs.
const login = -303

// TestAccessMatrix tries every route of candidate profiles, applications
// and the pipeline as each kind of person. Objects a person may not see
// answer 404, never 403. The owner column says whose handlers a row tests.
func TestAccessMatrix(t *testing.T) {
	w := newApplyWorld(t)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	// The candidate (Ada) has a visible profile, two credentials and two
	// resumes; she applied to two jobs of Acme Health (the member's company).
	w.coder.post("/profile", url.Values{"headline": {"Outpatient coder"}, "years_experience": {"6"},
		"remote_preference": {"remote"}, "visibility": {"visible"}, "invites_allowed": {"1"}})
	w.exec(`INSERT INTO profile_credentials (user_id, credential) VALUES (?, 'CPC'), (?, 'CRC')`, w.coderU.ID, w.coderU.ID)
	cred := id(int64(w.count(`SELECT id FROM profile_credentials WHERE user_id = ? AND credential = 'CPC'`, w.coderU.ID)))
	verifyCred := id(int64(w.count(`SELECT id FROM profile_credentials WHERE user_id = ? AND credential = 'CRC'`, w.coderU.ID)))
	spare := w.saveResume(w.coderU, "old.pdf", applyPDF+"old")
	w.exec(`UPDATE resumes SET is_current = (id = ?) WHERE user_id = ?`, w.resume.ID, w.coderU.ID)
	second := w.onsiteJob("Coding Auditor")
	if res := applyTo(w.coder, w.live, "Hello", "", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("apply: %d", res.Status)
	}
	applyTo(w.coder, second, "", "", nil)
	app, app2 := w.applicationOf(w.live, w.coderU), w.applicationOf(second, w.coderU)

	// The other people: a coder with a resume of their own, a member of
	// another company, an admin.
	otherCoder, otherCoderU := w.person("zed@example.com", "Zed Coder")
	w.saveResume(otherCoderU, "zed.pdf", applyPDF+"zed")
	otherMember, otherMemberU := w.person("hr@other.example", "Other HR")
	w.join(w.company("other-co", "Other Co", "employer"), otherMemberU)
	admin, _ := w.user("admin@example.com", true)
	// Both companies verified their own domains, which unlocks candidate search.
	w.exec(`UPDATE companies SET email_domain = slug || '.example', domain_verified_at = now()`)
	browsers := []*browser{w.s.browser(), otherCoder, w.coder, w.member, otherMember, admin}

	job, pipeline := "/jobs/"+id(w.live.ID), "/employer/jobs/"+id(w.live.ID)
	rows := []struct {
		owner, method, path string
		form                url.Values
		want                [6]int // guest, other coder, candidate, member, other company, admin
	}{
		// Applying and following one's applications.
		{"C2", "GET", job + "/apply", nil, [6]int{login, 200, 200, 200, 200, 200}},
		{"C2", "POST", job + "/apply", url.Values{}, [6]int{403, 303, 409, 422, 422, 422}},
		{"C2", "GET", "/applications", nil, [6]int{login, 200, 200, 200, 200, 200}},
		{"C2", "POST", "/applications/" + app2 + "/withdraw", url.Values{}, [6]int{403, 404, 303, 404, 404, 404}},
		// The employer's pipeline: members of the hiring company only.
		{"C2", "GET", pipeline + "/applicants", nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"C2", "GET", pipeline + "/applicants.csv", nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"C2", "POST", pipeline + "/applicants/status", url.Values{"ids": {app}, "status": {"reviewed"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"C2", "POST", pipeline + "/rejection-emails", url.Values{"notify": {"off"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"C2", "GET", "/employer/applications/" + app, nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"C2", "POST", "/employer/applications/" + app + "/status", url.Values{"status": {"interviewing"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"C2", "POST", "/employer/applications/" + app + "/notes", url.Values{"body": {"Call her"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"C2", "GET", "/employer/applications/" + app + "/resume", nil, [6]int{login, 404, 404, 200, 404, 404}},
		// Profiles, credentials, resumes and data: each person's own.
		{"C1", "GET", "/profile", nil, [6]int{login, 200, 200, 200, 200, 200}},
		{"C1", "POST", "/profile", url.Values{"headline": {"Coder"}, "remote_preference": {"any"}, "visibility": {"visible"}, "invites_allowed": {"1"}},
			[6]int{403, 303, 303, 303, 303, 303}},
		{"C1", "POST", "/profile/credentials", url.Values{"credential": {"CCS"}, "year": {"2020"}}, [6]int{403, 303, 303, 303, 303, 303}},
		{"C1", "POST", "/profile/credentials/" + cred + "/delete", url.Values{}, [6]int{403, 404, 303, 404, 404, 404}},
		{"C1", "POST", "/profile/resumes", url.Values{}, [6]int{403, 422, 422, 422, 422, 422}},
		{"C1", "GET", "/profile/resumes/" + id(w.resume.ID), nil, [6]int{login, 404, 200, 404, 404, 404}},
		{"C1", "POST", "/profile/resumes/" + id(spare.ID) + "/delete", url.Values{}, [6]int{403, 404, 303, 404, 404, 404}},
		{"C1", "GET", "/account/export", nil, [6]int{login, 200, 200, 200, 200, 200}},
		{"C1", "POST", "/admin/credentials/" + verifyCred + "/verify", url.Values{}, [6]int{404, 404, 404, 404, 404, 303}},
		// Candidate search (employers and admins; coders are told it is for employers).
		{"C3", "GET", "/candidates", nil, [6]int{login, 403, 403, 200, 200, 200}},
		{"C3", "GET", "/candidates/" + id(w.coderU.ID), nil, [6]int{login, 403, 200, 200, 200, 200}},
		{"I12", "POST", "/candidates/" + id(w.coderU.ID) + "/invites", url.Values{"job_id": {id(w.live.ID)}}, [6]int{403, 403, 403, 303, 422, 422}},
	}
	for _, row := range rows {
		for _, i := range matrixOrder {
			b, want := browsers[i], row.want[i]
			var res response
			if row.method == "GET" {
				res = b.get(row.path)
			} else {
				form := url.Values{}
				for k, v := range row.form {
					form[k] = v
				}
				res = b.post(row.path, form)
			}
			ok := res.Status == want
			if want == login {
				ok = res.Status == http.StatusSeeOther && strings.HasPrefix(res.Location, "/login")
			}
			if !ok {
				wanted := strconv.Itoa(want)
				if want == login {
					wanted = "303 to /login"
				}
				t.Errorf("[%s] %s %s as %s: %d %s, want %s", row.owner, row.method, row.path, matrixRoles[i],
					res.Status, res.Location, wanted)
			}
		}
	}

	// What the successful requests did.
	checks := map[string]int{
		`SELECT count(*) FROM applications WHERE id = ` + app2 + ` AND status = 'withdrawn'`:        1,
		`SELECT count(*) FROM applications WHERE id = ` + app + ` AND status = 'interviewing'`:      1,
		`SELECT count(*) FROM application_notes WHERE application_id = ` + app:                      1,
		fmt.Sprintf(`SELECT count(*) FROM applications WHERE user_id = %d`, otherCoderU.ID):         1,
		fmt.Sprintf(`SELECT count(*) FROM jobs WHERE id = %d AND NOT notify_rejections`, w.live.ID): 1,
	}
	for query, want := range checks {
		if got := w.count(query); got != want {
			t.Errorf("%s: %d, want %d", query, got, want)
		}
	}
}
