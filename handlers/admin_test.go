package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// auditCount counts audit rows of an action on a target.
func (s *site) auditCount(action, targetID string) int {
	s.t.Helper()
	var n int
	if err := s.db.Bun.NewRaw(`SELECT count(*) FROM audit_log WHERE action = ? AND target_id = ?`, action, targetID).
		Scan(context.Background(), &n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

func TestEveryAdminRouteRefusesOthers(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme", "employer")
	j := k.job(co, nil)
	member, _ := k.user("member@example.com", false)
	id := strconv.FormatInt(j.ID, 10)
	seen := 0
	for _, r := range k.s.web.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/admin") || (r.Method != "GET" && r.Method != "POST") {
			continue
		}
		seen++
		path := strings.ReplaceAll(r.Path, ":id<int>", id)
		for name, b := range map[string]*browser{"guest": k.s.browser(), "member": member} {
			var res response
			if r.Method == "GET" {
				res = b.get(path)
			} else {
				res = b.post(path, url.Values{"reason": {"x"}, "value": {"1"}, "domain": {"example.com"}})
			}
			if res.Status != http.StatusNotFound {
				t.Errorf("%s %s %s: %d", name, r.Method, path, res.Status)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d admin routes", seen)
	}
	var n int
	if err := k.s.db.Bun.NewRaw(`SELECT count(*) FROM audit_log`).Scan(context.Background(), &n); err != nil || n != 0 {
		t.Fatalf("audit rows written by non-admins: %d %v", n, err)
	}
}

func TestAdminActionsWriteAuditRows(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme", "employer")
	// Only a company's own domain can be verified (not none, not free mail).
	if _, err := k.s.db.Bun.ExecContext(context.Background(), `UPDATE companies SET email_domain = 'acme.example' WHERE id = ?`, co.ID); err != nil {
		t.Fatal(err)
	}
	j := k.job(co, nil)
	admin, _ := k.user("admin@example.com", true)
	_, other := k.user("other@example.com", false)
	jid, uid, cid := strconv.FormatInt(j.ID, 10), strconv.FormatInt(other.ID, 10), strconv.FormatInt(co.ID, 10)
	until := time.Now().Add(5 * 24 * time.Hour).Format("2006-01-02")
	cases := []struct {
		path, action, target string
		form                 url.Values
	}{
		{"/admin/jobs/" + jid + "/feature", "job.feature", jid, url.Values{"until": {until}}},
		{"/admin/jobs/" + jid + "/extend", "job.extend", jid, url.Values{"days": {"10"}}},
		{"/admin/jobs/" + jid + "/unhide", "job.unhide", jid, url.Values{}},
		{"/admin/users/" + uid + "/ban", "user.ban", uid, url.Values{"reason": {"spam"}}},
		{"/admin/users/" + uid + "/unban", "user.unban", uid, url.Values{}},
		{"/admin/users/" + uid + "/admin", "user.admin_grant", uid, url.Values{"value": {"1"}}},
		{"/admin/users/" + uid + "/admin", "user.admin_revoke", uid, url.Values{"value": {"0"}}},
		{"/admin/companies/" + cid + "/verify", "company.verify", cid, url.Values{}},
		{"/admin/companies/" + cid + "/trust", "company.trust", cid, url.Values{"value": {"1"}}},
		{"/admin/companies/" + cid + "/trust", "company.untrust", cid, url.Values{"value": {"0"}}},
		{"/admin/domains", "domain.ban", "spam.example", url.Values{"domain": {"Spam.example"}, "reason": {"scams"}}},
		{"/admin/domains/delete", "domain.unban", "spam.example", url.Values{"domain": {"spam.example"}}},
		{"/admin/jobs/" + jid + "/remove", "job.remove", jid, url.Values{"reason": {"scam"}}},
	}
	for _, c := range cases {
		if res := admin.post(c.path, c.form); res.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", c.action, res.Status, res.Body)
		}
		if n := k.s.auditCount(c.action, c.target); n != 1 {
			t.Errorf("%s: %d audit rows", c.action, n)
		}
	}
	res := admin.get("/admin/audit?action=user.ban&actor=admin@")
	mustContain(t, res.Body, "user.ban", "admin@example.com", "spam")
	lacks(t, res.Body, "<td>job.feature</td>")
	// A refused action leaves no row.
	if res := admin.post("/admin/jobs/"+jid+"/extend", url.Values{"days": {"5"}}); res.Status != http.StatusConflict {
		t.Fatalf("extend a removed job: %d", res.Status)
	}
	if n := k.s.auditCount("job.extend", jid); n != 1 {
		t.Fatalf("refused extend audited: %d", n)
	}
}

func TestReviewQueueAsksForChanges(t *testing.T) {
	s := newSite(t)
	owner, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(owner, postingForm(co))
	owner.post("/jobs/"+id+"/submit", url.Values{})
	admin := postingAdmin(s, "admin@example.com")

	res := admin.post("/admin/jobs/"+id+"/changes", url.Values{"note": {"  "}})
	if res.Status != http.StatusUnprocessableEntity || s.jobStatus(id) != "pending_review" {
		t.Fatalf("empty note: %d %s", res.Status, s.jobStatus(id))
	}
	mustContain(t, res.Body, "Say what to change.")
	res = admin.post("/admin/jobs/"+id+"/changes", url.Values{"note": {"Add the salary range."}})
	if res.Status != http.StatusSeeOther || s.jobStatus(id) != "draft" {
		t.Fatalf("changes: %d %s", res.Status, s.jobStatus(id))
	}
	mails := s.emails("hr@example.com")
	last := mails[len(mails)-1]
	if !strings.Contains(last.Subject, "Changes asked") || !strings.Contains(last.Text, "Add the salary range.") {
		t.Fatalf("email: %q\n%s", last.Subject, last.Text)
	}
	if s.auditCount("job.changes", id) != 1 {
		t.Fatal("no audit row")
	}
	if res := admin.post("/admin/jobs/"+id+"/approve", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("approve a draft: %d", res.Status)
	}
}

func TestAdminDashboardCounts(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme", "employer")
	k.job(co, nil)
	k.job(co, func(j *models.Job) { j.Status = models.JobPendingReview; j.Title = "Waiting" })
	admin, _ := k.user("admin@example.com", true)
	res := admin.get("/admin")
	if res.Status != 200 {
		t.Fatalf("/admin: %d", res.Status)
	}
	mustContain(t, res.Body, "<strong>1</strong> job</p>", "<strong>1</strong> on the board", `aria-label="Admin"`)
}

func TestBannedUserIsSignedOutAndHisJobsLeaveTheBoard(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme", "employer")
	author, u := k.user("author@example.com", false)
	k.job(co, func(j *models.Job) { j.CreatedBy = u.ID; j.Title = "Remote Coder From Home" })
	admin, me := k.user("admin@example.com", true)
	if res := author.get("/account"); res.Status != 200 {
		t.Fatalf("before ban: %d", res.Status)
	}
	mustContain(t, k.s.browser().get("/jobs?q=remote").Body, "Remote Coder From Home")

	res := admin.post("/admin/users/"+strconv.FormatInt(u.ID, 10)+"/ban", url.Values{"reason": {" "}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("ban without reason: %d", res.Status)
	}
	mustContain(t, res.Body, "Say why", `id="e-ban-`+strconv.FormatInt(u.ID, 10)+`"`)
	if res := admin.post("/admin/users/"+strconv.FormatInt(me.ID, 10)+"/ban", url.Values{"reason": {"x"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("self ban: %d", res.Status)
	}
	if res := admin.post("/admin/users/"+strconv.FormatInt(u.ID, 10)+"/ban", url.Values{"reason": {"Scam posts"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("ban: %d", res.Status)
	}
	if res := author.get("/account"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Fatalf("banned session still works: %d %q", res.Status, res.Location)
	}
	banned := k.s.browser().post("/login", url.Values{"email": {"author@example.com"}, "password": {"correct horse battery"}})
	wrong := k.s.browser().post("/login", url.Values{"email": {"admin@example.com"}, "password": {"wrong password here"}})
	if banned.Status != http.StatusUnprocessableEntity || banned.Status != wrong.Status {
		t.Fatalf("banned login: %d, wrong password: %d", banned.Status, wrong.Status)
	}
	lacks(t, k.s.browser().get("/jobs?q=remote").Body, "Remote Coder From Home")

	admin.post("/admin/users/"+strconv.FormatInt(u.ID, 10)+"/unban", url.Values{})
	mustContain(t, k.s.browser().get("/jobs?q=remote").Body, "Remote Coder From Home")
	if res := k.s.browser().post("/login", url.Values{"email": {"author@example.com"}, "password": {"correct horse battery"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("login after unban: %d", res.Status)
	}
}

func TestDomainBanHidesThatDomainsJobs(t *testing.T) {
	k := newJobKit(t)
	bad := k.company("bad", "Bad Co", "employer")
	good := k.company("good", "Good Co", "employer")
	ctx := context.Background()
	if _, err := k.s.db.Bun.NewRaw(`UPDATE companies SET email_domain = CASE slug WHEN 'bad' THEN 'scam.example' ELSE 'good.example' END`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	k.job(bad, func(j *models.Job) { j.Title = "Easy Coding Money" })
	k.job(good, func(j *models.Job) { j.Title = "Honest Coding Job" })
	admin, _ := k.user("admin@example.com", true)

	res := admin.post("/admin/domains", url.Values{"domain": {"scam.example"}, "reason": {""}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("no reason: %d", res.Status)
	}
	mustContain(t, res.Body, `id="e-reason"`, `value="scam.example"`)
	if res := admin.post("/admin/domains", url.Values{"domain": {"@Scam.Example"}, "reason": {"Fake jobs"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("ban: %d %s", res.Status, res.Body)
	}
	if res := admin.post("/admin/domains", url.Values{"domain": {"scam.example"}, "reason": {"again"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("ban twice: %d", res.Status)
	}
	body := k.s.browser().get("/jobs?q=coding").Body
	lacks(t, body, "Easy Coding Money")
	mustContain(t, body, "Honest Coding Job")
	mustContain(t, admin.get("/admin/domains").Body, "scam.example", "Fake jobs")

	if res := admin.post("/admin/domains/delete", url.Values{"domain": {"scam.example"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("unban: %d", res.Status)
	}
	mustContain(t, k.s.browser().get("/jobs?q=coding").Body, "Easy Coding Money", "Honest Coding Job")
	if res := admin.post("/admin/domains/delete", url.Values{"domain": {"scam.example"}}); res.Status != http.StatusNotFound {
		t.Fatalf("unban twice: %d", res.Status)
	}
}

func TestAdminFeatureExtendRemove(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme", "employer")
	j := k.job(co, func(j *models.Job) { j.Title = "Inpatient Coder" })
	admin, me := k.user("admin@example.com", true)
	jid := strconv.FormatInt(j.ID, 10)
	read := func() *models.Job {
		got, err := models.JobByID(context.Background(), k.s.db.Bun, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	if res := admin.post("/admin/jobs/"+jid+"/feature", url.Values{"until": {"2001-01-01"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("feature in the past: %d", res.Status)
	}
	until := time.Now().Add(3 * 24 * time.Hour).UTC()
	admin.post("/admin/jobs/"+jid+"/feature", url.Values{"until": {until.Format("2006-01-02")}})
	if got := read().FeaturedUntil.UTC().Format("2006-01-02"); got != until.Format("2006-01-02") {
		t.Fatalf("featured until %s", got)
	}

	before := read().ExpiresAt
	if res := admin.post("/admin/jobs/"+jid+"/extend", url.Values{"days": {"0"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("extend by 0: %d", res.Status)
	}
	admin.post("/admin/jobs/"+jid+"/extend", url.Values{"days": {"7"}})
	if d := read().ExpiresAt.Sub(before); d != 7*24*time.Hour {
		t.Fatalf("extended by %s", d)
	}

	mustContain(t, admin.get("/admin/jobs?q=inpatient&status=active").Body, "Inpatient Coder")
	lacks(t, admin.get("/admin/jobs?q=inpatient&status=draft").Body, "Inpatient Coder")
	admin.post("/admin/jobs/"+jid+"/remove", url.Values{"reason": {"scam"}})
	if res := k.s.browser().get(j.Path()); res.Status != http.StatusGone {
		t.Fatalf("removed job page: %d", res.Status)
	}
	lacks(t, k.s.browser().get("/jobs?q=inpatient").Body, "Inpatient Coder")

	// An admin cannot revoke their own role.
	if res := admin.post("/admin/users/"+strconv.FormatInt(me.ID, 10)+"/admin", url.Values{"value": {"0"}}); res.Status != http.StatusConflict {
		t.Fatalf("self revoke: %d", res.Status)
	}
}
