package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Mark filled and take down are asked on a page that says what happens;
// opening it changes nothing, its form does; the job is then reopened.
func TestFillAndCloseAskFirstThenReopen(t *testing.T) {
	s := newSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	s.setJobStatus(id, "active", "20 days")

	dash := b.get("/employer").Body
	mustContain(t, dash, `href="/jobs/`+id+`/fill"`, `href="/jobs/`+id+`/close"`)
	mustNotContain(t, dash, `action="/jobs/`+id+`/fill"`, `action="/jobs/`+id+`/close"`)

	res := b.get("/jobs/" + id + "/fill")
	if res.Status != 200 || s.jobStatus(id) != "active" {
		t.Fatalf("fill confirmation: %d %s", res.Status, s.jobStatus(id))
	}
	mustContain(t, res.Body, "Mark “Outpatient Coder II” as filled?", "stops taking applications",
		"reopen it from your jobs within 7 days", `action="/jobs/`+id+`/fill"`, `name="_csrf"`, `href="/employer"`)

	if res := b.post("/jobs/"+id+"/fill", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(id) != "filled" {
		t.Fatalf("fill: %d %s", res.Status, s.jobStatus(id))
	}
	dash = b.get("/employer").Body
	mustContain(t, dash, `action="/jobs/`+id+`/reopen"`, "You can reopen it until")
	if res := b.get("/jobs/" + id + "/fill"); res.Status != http.StatusConflict {
		t.Fatalf("fill confirmation of a filled job: %d", res.Status)
	}
	if res := b.post("/jobs/"+id+"/reopen", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(id) != "active" {
		t.Fatalf("reopen: %d %s", res.Status, s.jobStatus(id))
	}
	mustNotContain(t, b.get("/employer").Body, `action="/jobs/`+id+`/reopen"`)

	res = b.get("/jobs/" + id + "/close")
	mustContain(t, res.Body, "Take down “Outpatient Coder II”?", "leaves the site at once", `action="/jobs/`+id+`/close"`)
	if s.jobStatus(id) != "active" {
		t.Fatal("the confirmation page closed the job")
	}
	if res := b.post("/jobs/"+id+"/close", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(id) != "withdrawn" {
		t.Fatalf("close: %d", res.Status)
	}
	if res := b.post("/jobs/"+id+"/reopen", url.Values{}); res.Status != http.StatusSeeOther || s.jobStatus(id) != "active" {
		t.Fatalf("reopen a closed job: %d %s", res.Status, s.jobStatus(id))
	}

	// Past the week, or from a status that was never closed, it is refused.
	if _, err := s.db.Bun.ExecContext(t.Context(), `UPDATE jobs SET status = 'filled', closed_at = now() - interval '8 days' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	res = b.post("/jobs/"+id+"/reopen", url.Values{})
	if res.Status != http.StatusConflict || s.jobStatus(id) != "filled" {
		t.Fatalf("reopen after 8 days: %d %s", res.Status, s.jobStatus(id))
	}
	mustContain(t, res.Body, "reopened within 7 days")
	mustNotContain(t, b.get("/employer").Body, `action="/jobs/`+id+`/reopen"`)

	stranger, _ := postingEmployer(s, "other@example.com", "other-co")
	for _, p := range []string{"/jobs/" + id + "/fill", "/jobs/" + id + "/close"} {
		if res := stranger.get(p); res.Status != http.StatusNotFound {
			t.Errorf("stranger GET %s: %d", p, res.Status)
		}
	}
	if res := stranger.post("/jobs/"+id+"/reopen", url.Values{}); res.Status != http.StatusNotFound {
		t.Errorf("stranger reopen: %d", res.Status)
	}
}

// Removing a member is asked on a page naming them; only its form removes.
func TestRemovingAMemberAsksFirst(t *testing.T) {
	s := newSite(t)
	owner := s.registered("owner@example.com")
	path := createCompany(t, owner, "Acme Health")
	member := s.registered("member@example.com")
	owner.post(path+"/invites", url.Values{"email": {"member@example.com"}})
	link := s.lastLink("member@example.com", "/invites/accept?token=")
	member.post("/invites/accept", url.Values{"token": {strings.TrimPrefix(link, "/invites/accept?token=")}})
	id := userID(t, s, "member@example.com")

	remove := path + "/members/" + id + "/remove"
	mustContain(t, owner.get(path+"/members").Body, `href="`+remove+`"`)
	res := owner.get(remove)
	if res.Status != 200 {
		t.Fatalf("confirmation: %d", res.Status)
	}
	mustContain(t, res.Body, "Remove Pat Coder from Acme Health?", "member@example.com", "invite them again",
		`action="`+remove+`"`, `href="`+path+`/members"`)
	if res := member.get(path + "/members"); res.Status != 200 {
		t.Fatalf("the confirmation page removed the member: %d", res.Status)
	}
	if res := member.get(remove); res.Status != http.StatusForbidden {
		t.Fatalf("a member opened the removal page: %d", res.Status)
	}
	if res := owner.get(path + "/members/999999/remove"); res.Status != http.StatusNotFound {
		t.Fatalf("unknown member: %d", res.Status)
	}
	if res := owner.post(remove, url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.Status)
	}
	if res := member.get(path + "/members"); res.Status != http.StatusNotFound {
		t.Fatalf("removed member still sees members: %d", res.Status)
	}
}
