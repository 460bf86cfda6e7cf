package handlers_test

import (
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// The outbox shows what would be sent: every header line, the text part and
// the HTML part, the latter as its own sandboxed document.
func TestDevOutboxShowsHeadersAndBothParts(t *testing.T) {
	s := newSite(t)
	m := &models.DevMail{To: "ada@example.com", Subject: "New jobs for Remote coding",
		Text: "Inpatient coder: http://jobs.test/jobs/1/x", HTML: `<p style="color:#123456">Inpatient coder</p>`,
		Headers: map[string]string{
			"From": "CareerCenter <noreply@jobs.test>", "Message-ID": "<abc123@jobs.test>",
			"List-Unsubscribe":      "<http://jobs.test/alerts/unsubscribe?token=1.x>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		}}
	if err := models.SaveDevMail(t.Context(), s.db.Bun, m); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	page := b.get("/dev/mail/" + strconv.FormatInt(m.ID, 10)).Body
	mustContain(t, page, "Message-ID", "&lt;abc123@jobs.test&gt;", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
		"&lt;http://jobs.test/alerts/unsubscribe?token=1.x&gt;", "CareerCenter &lt;noreply@jobs.test&gt;",
		"Inpatient coder: http://jobs.test/jobs/1/x", `src="/dev/mail/`+strconv.FormatInt(m.ID, 10)+`/html"`)
	if strings.Index(page, ">From<") > strings.Index(page, ">List-Unsubscribe<") {
		t.Error("From should come before the other header lines")
	}
	res := b.get("/dev/mail/" + strconv.FormatInt(m.ID, 10) + "/html")
	if res.Status != 200 || res.Body != m.HTML {
		t.Fatalf("HTML part: %d %q", res.Status, res.Body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || strings.Contains(csp, "script") {
		t.Errorf("HTML part served with CSP %q, want a sandbox without script", csp)
	}
	if res := b.get("/dev/mail/" + strconv.FormatInt(m.ID+1, 10) + "/html"); res.Status != 404 {
		t.Errorf("a missing message's HTML: %d", res.Status)
	}

	// A message kept without extra headers still shows the ones it has.
	plain := &models.DevMail{To: "bob@example.com", Subject: "Hi", Text: "hi"}
	if err := models.SaveDevMail(t.Context(), s.db.Bun, plain); err != nil {
		t.Fatal(err)
	}
	mustContain(t, b.get("/dev/mail/"+strconv.FormatInt(plain.ID, 10)).Body, "bob@example.com", "This message has no HTML part.")
}
