package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"careercenter/models"
)

func TestReportJob(t *testing.T) {
	k := newJobKit(t)
	co := k.company("bright-path", "Bright Path Billing", models.CompanyEmployer)
	j := k.job(co, func(j *models.Job) { j.Title = "Remote Starter Coder" })
	path := "/jobs/" + strconv.FormatInt(j.ID, 10) + "/report"

	guest := k.s.browser()
	mustContain(t, guest.get(j.Path()).Body, "Report this job", `action="`+path+`"`,
		"Never pay for equipment") // remote jobs warn about paying
	res := guest.post(path, url.Values{"reason": {"other"}, "details": {" "}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("other without text: %d", res.Status)
	}
	mustContain(t, res.Body, "Tell us what is wrong with this job.")

	res = guest.post(path, url.Values{"reason": {"scam"}})
	if res.Status != http.StatusSeeOther || res.Location != j.Path() {
		t.Fatalf("report: %d %s", res.Status, res.Location)
	}
	mustContain(t, guest.get(j.Path()).Body, "Thank you for your report.")
	guest.post(path, url.Values{"reason": {"wrong_info"}})
	mustContain(t, guest.get(j.Path()).Body, "You already reported this job.")
	// A new cookie from the same address is the same guest.
	again := k.s.browser()
	again.post(path, url.Values{"reason": {"scam"}})
	mustContain(t, again.get(j.Path()).Body, "You already reported this job.")

	// An account reports once too; the third reader hides the job.
	reader, _ := k.user("reader@example.com", false)
	reader.post(path, url.Values{"reason": {"filled"}})
	reader.post(path, url.Values{"reason": {"filled"}})
	mustContain(t, reader.get(j.Path()).Body, "You already reported this job.")
	mustContain(t, guest.get("/jobs").Body, "Remote Starter Coder")
	third := k.s.browser()
	third.ip = "198.51.100.9"
	third.post(path, url.Values{"reason": {"scam"}})
	lacks(t, guest.get("/jobs").Body, "Remote Starter Coder")
	lacks(t, guest.get("/jobs?q=starter").Body, "Remote Starter Coder")

	// The admin sees it first, with its three reports, and resolves them.
	admin, _ := k.user("admin@example.com", true)
	other := k.job(co, func(j *models.Job) { j.Title = "Inpatient Auditor" })
	k.s.browser().post("/jobs/"+strconv.FormatInt(other.ID, 10)+"/report", url.Values{"reason": {"filled"}})
	if res := k.s.browser().get("/admin/reports"); res.Status != http.StatusNotFound {
		t.Fatalf("guest on the queue: %d", res.Status)
	}
	body := admin.get("/admin/reports").Body
	mustContain(t, body, "Remote Starter Coder", "3 reports", "2 say scam", "Inpatient Auditor")
	var first int64
	if err := k.s.db.Bun.NewRaw(`SELECT min(id) FROM job_reports WHERE job_id = ?`, j.ID).Scan(context.Background(), &first); err != nil {
		t.Fatal(err)
	}
	res = admin.post("/admin/reports/"+strconv.FormatInt(first, 10)+"/resolve", url.Values{"reason": {"checked"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("resolve: %d", res.Status)
	}
	lacks(t, admin.get("/admin/reports").Body, "Remote Starter Coder")
	var audited int
	_ = k.s.db.Bun.NewRaw(`SELECT count(*) FROM audit_log WHERE action = 'reports.resolve'`).Scan(context.Background(), &audited)
	if audited != 1 {
		t.Fatalf("audit rows: %d", audited)
	}
}

func TestDomainCheckPages(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme-health", "Acme Health", models.CompanyEmployer)
	owner, u := k.user("owner@example.com", false)
	member, m := k.user("member@example.com", false)
	ctx := context.Background()
	if _, err := k.s.db.Bun.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, 'owner'), (?, ?, 'member')`,
		co.ID, u.ID, co.ID, m.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := k.s.db.Bun.NewRaw(`UPDATE companies SET email_domain = 'acme.example' WHERE id = ?`, co.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	mustContain(t, owner.get(co.Path()).Body, "Verify domain")
	lacks(t, member.get(co.Path()).Body, "Verify domain")
	if res := member.post(co.Path()+"/verify-domain", url.Values{"local": {"hr"}}); res.Status != http.StatusForbidden {
		t.Fatalf("member: %d", res.Status)
	}
	res := owner.post(co.Path()+"/verify-domain", url.Values{"local": {"h r"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad local part: %d", res.Status)
	}
	mustContain(t, res.Body, "Enter the part before the @", `value="h r"`)
	res = owner.post(co.Path()+"/verify-domain", url.Values{"local": {"hr"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request: %d", res.Status)
	}
	mustContain(t, owner.get(co.Path()).Body, "We sent a link to hr@acme.example")
	link := k.s.lastLink("hr@acme.example", "/domain-check")
	// Anyone holding the link may use it (the mailbox is the proof), once.
	res = k.s.browser().get(link)
	if res.Status != http.StatusSeeOther || res.Location != co.Path() {
		t.Fatalf("confirm: %d %s", res.Status, res.Location)
	}
	mustContain(t, owner.get(co.Path()).Body, "Verified domain: acme.example")
	lacks(t, owner.get(co.Path()).Body, "Verify domain</button>")
	if res := k.s.browser().get(link); res.Status != http.StatusNotFound {
		t.Fatalf("second use: %d", res.Status)
	}
}

func TestPostingLimitPage(t *testing.T) {
	k := newJobKit(t)
	co := k.company("busy-co", "Busy Co", models.CompanyEmployer)
	b, u := k.user("busy@example.com", false)
	k.join(co, u)
	for i := 0; i < models.PostingsPerDay; i++ {
		k.job(co, func(j *models.Job) { j.Title = "Coder " + strconv.Itoa(i); j.SubmittedAt = time.Now() })
	}
	draft := k.job(co, func(j *models.Job) {
		j.Title, j.Status, j.PublishedAt, j.ExpiresAt = "One Too Many", models.JobDraft, time.Time{}, time.Time{}
	})
	res := b.post("/jobs/"+strconv.FormatInt(draft.ID, 10)+"/submit", url.Values{})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("submit over the limit: %d %s", res.Status, res.Body)
	}
	mustContain(t, res.Body, "the most we accept in a day")
}
