package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// postingAdmin signs up email and makes it an admin.
func postingAdmin(s *site, email string) *browser {
	s.t.Helper()
	b := s.registered(email)
	if _, err := s.db.Bun.ExecContext(context.Background(), `UPDATE users SET is_admin = true WHERE email = ?`, email); err != nil {
		s.t.Fatal(err)
	}
	return b
}

func TestAdminAreaIsHiddenFromOthers(t *testing.T) {
	s := newSite(t)
	owner, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(owner, postingForm(co))
	owner.post("/jobs/"+id+"/submit", url.Values{})

	for name, b := range map[string]*browser{"guest": s.browser(), "member": owner} {
		for _, path := range []string{"/admin", "/admin/review"} {
			if res := b.get(path); res.Status != http.StatusNotFound {
				t.Errorf("%s GET %s: %d", name, path, res.Status)
			}
		}
		for _, action := range []string{"approve", "reject"} {
			res := b.post("/admin/jobs/"+id+"/"+action, url.Values{"reason": {"no"}})
			if res.Status != http.StatusNotFound {
				t.Errorf("%s POST %s: %d", name, action, res.Status)
			}
		}
	}
	if s.jobStatus(id) != "pending_review" {
		t.Fatal("a non-admin reviewed the job")
	}
}

func TestReviewQueueApprovesAndRejectsWithEmail(t *testing.T) {
	s := newSite(t)
	owner, co := postingEmployer(s, "hr@example.com", "acme-health")
	first := postingForm(co)
	first.Set("title", "First Coder")
	second := postingForm(co)
	second.Set("title", "Second Coder")
	a, b := postingDraft(owner, first), postingDraft(owner, second)
	owner.post("/jobs/"+a+"/submit", url.Values{})
	owner.post("/jobs/"+b+"/submit", url.Values{})
	admin := postingAdmin(s, "admin@example.com")

	if res := admin.get("/admin"); res.Status != 200 {
		t.Fatalf("/admin dashboard: %d", res.Status)
	}
	res := admin.get("/admin/review")
	if res.Status != 200 || strings.Index(res.Body, "First Coder") > strings.Index(res.Body, "Second Coder") {
		t.Fatalf("queue: %d\n%s", res.Status, res.Body)
	}
	mustContain(t, res.Body, "Co acme-health", `href="/jobs/`+a+`/preview"`, "requires RHIT and (CCS or CIC)")
	if res := admin.get("/jobs/" + a + "/preview"); res.Status != 200 {
		t.Fatalf("admin preview: %d", res.Status)
	}

	res = admin.post("/admin/jobs/"+a+"/approve", url.Values{})
	if res.Status != http.StatusSeeOther || s.jobStatus(a) != "active" {
		t.Fatalf("approve: %d %s", res.Status, s.jobStatus(a))
	}
	mails := s.emails("hr@example.com")
	last := mails[len(mails)-1]
	if !strings.Contains(last.Subject, "“First Coder” is live") || !strings.Contains(last.Text, "http://jobs.test/jobs/"+a+"/first-coder") {
		t.Fatalf("approval email: %q\n%s", last.Subject, last.Text)
	}
	if res := admin.post("/admin/jobs/"+a+"/approve", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("approve twice: %d", res.Status)
	}

	// A reason is required, and shown beside the field when missing.
	res = admin.post("/admin/jobs/"+b+"/reject", url.Values{"reason": {"  "}})
	if res.Status != http.StatusUnprocessableEntity || s.jobStatus(b) != "pending_review" {
		t.Fatalf("reject without reason: %d", res.Status)
	}
	mustContain(t, res.Body, `id="e-reason-`+b+`">Say why, so the employer can fix it.`)
	sent := len(s.emails("hr@example.com"))
	res = admin.post("/admin/jobs/"+b+"/reject", url.Values{"reason": {"Add the pay range."}})
	if res.Status != http.StatusSeeOther || s.jobStatus(b) != "rejected" {
		t.Fatalf("reject: %d %s", res.Status, s.jobStatus(b))
	}
	mails = s.emails("hr@example.com")
	if len(mails) != sent+1 || !strings.Contains(mails[sent].Subject, "not approved") ||
		!strings.Contains(mails[sent].Text, "Add the pay range.") {
		t.Fatalf("rejection email: %+v", mails[sent:])
	}
	mustContain(t, owner.get("/employer").Body, "Rejected", "Add the pay range.")
	if strings.Contains(admin.get("/admin/review").Body, "Second Coder") {
		t.Fatal("a rejected job stays in the queue")
	}
}
