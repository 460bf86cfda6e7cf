package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"
)

// A job hidden by reports (or a ban) stays readable at its address, but
// warns readers, is not indexed, carries no JSON-LD and takes no
// applications; admins see everything; unhiding restores it.
func TestQuarantinedJobTakesNoApplications(t *testing.T) {
	w := newApplyWorld(t)
	id := strconv.FormatInt(w.live.ID, 10)
	admin, _ := w.user("admin@example.com", true)
	guest := w.s.browser()

	live := guest.get(w.live.Path())
	mustContain(t, live.Body, "application/ld+json", `href="/jobs/`+id+`/apply"`)
	lacks(t, live.Body, "quarantine-banner", `content="noindex"`)

	w.exec(`UPDATE jobs SET hidden_at = ?, hidden_reason = 'reports' WHERE id = ?`, time.Now(), w.live.ID)
	for name, b := range map[string]*browser{"guest": guest, "coder": w.coder, "member": w.member} {
		res := b.get(w.live.Path())
		if res.Status != http.StatusOK || res.Header.Get("X-Robots-Tag") != "noindex" {
			t.Fatalf("%s: %d %q", name, res.Status, res.Header.Get("X-Robots-Tag"))
		}
		mustContain(t, res.Body, `id="quarantine-banner"`, "This job is under review", `<meta name="robots" content="noindex">`,
			"Remote Outpatient Coder")
		lacks(t, res.Body, "application/ld+json", `href="/jobs/`+id+`/apply"`, "Apply on CareerCenter")
	}

	// The apply page explains instead of showing a form, and a post sends nothing.
	res := w.coder.get("/jobs/" + id + "/apply")
	if res.Status != http.StatusForbidden {
		t.Fatalf("apply page: %d", res.Status)
	}
	mustContain(t, res.Body, "This job is not taking applications", "This job is under review")
	lacks(t, res.Body, `name="cover_note"`, `enctype="multipart/form-data"`)
	res = applyTo(w.coder, w.live, "Hello", "", nil)
	if res.Status != http.StatusForbidden {
		t.Fatalf("apply post: %d", res.Status)
	}
	if n := w.count(`SELECT count(*) FROM applications`); n != 0 {
		t.Fatalf("%d applications to a quarantined job", n)
	}

	// Admins see the whole job, why it is hidden, and how to unhide it.
	res = admin.get(w.live.Path())
	mustContain(t, res.Body, "Hidden from readers since", "(reports)", `action="/admin/jobs/`+id+`/unhide"`,
		"Apply on CareerCenter")
	lacks(t, res.Body, "application/ld+json")

	if res := admin.post("/admin/jobs/"+id+"/unhide", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("unhide: %d", res.Status)
	}
	res = guest.get(w.live.Path())
	mustContain(t, res.Body, "application/ld+json", `href="/jobs/`+id+`/apply"`)
	lacks(t, res.Body, "quarantine-banner", `content="noindex"`)
	if res := applyTo(w.coder, w.live, "Hello", "", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("apply after unhiding: %d %s", res.Status, res.Body)
	}
}
