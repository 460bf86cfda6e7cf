package handlers_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// htmxPost sends a form the way htmx does: the CSRF token in a header.
func htmxPost(b *browser, path string, form url.Values) response {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get("/").Body)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	req.Header.Set("X-CSRF-Token", m[1])
	return b.do(req)
}

// statusMails lists the subjects of the status emails a candidate gets:
// those queued and not cancelled by an undo or a quick second change.
func statusMails(s *site, to string) []string {
	s.t.Helper()
	var subjects []string
	err := s.db.Bun.NewRaw(`SELECT args->>'subject' FROM river_job WHERE kind = 'email' AND args->>'to' = ?
		AND state <> 'cancelled' ORDER BY id`, to).Scan(context.Background(), &subjects)
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for _, sub := range subjects {
		if strings.Contains(sub, "Your application for") && !strings.Contains(sub, "was sent") {
			out = append(out, sub)
		}
	}
	return out
}

func TestPipelineListsApplicantsAndChangesStatusInPlace(t *testing.T) {
	w := newApplyWorld(t)
	w.exec(`INSERT INTO profiles (user_id, headline) VALUES (?, 'Outpatient coder, 6 years')`, w.coderU.ID)
	w.exec(`INSERT INTO profile_credentials (user_id, credential, verified_at) VALUES (?, 'CPC', now())`, w.coderU.ID)
	applyTo(w.coder, w.live, "", "", nil)
	app := w.applicationOf(w.live, w.coderU)
	list := applicantsPath(w.live)

	page := w.member.get(list)
	if page.Status != 200 {
		t.Fatalf("applicants: %d", page.Status)
	}
	mustContain(t, page.Body, "Ada Candidate", "ada@example.com", "Outpatient coder, 6 years", "CPC (verified)",
		`id="applicant-`+app+`"`, `hx-post="/employer/applications/`+app+`/status"`, `hx-target="closest tr"`, ">Save</button>",
		`name="ids" value="`+app+`" form="bulk"`, `href="`+list+`.csv"`, "Candidates you turn down get an email.")
	if strings.Contains(page.Body, `id="fill-prompt"`) {
		t.Fatal("the fill prompt shows before anyone was hired")
	}

	// In place with htmx: the answer is the updated row alone.
	res := htmxPost(w.member, "/employer/applications/"+app+"/status", url.Values{"status": {"interviewing"}})
	if res.Status != 200 || !strings.HasPrefix(strings.TrimSpace(res.Body), `<tr id="applicant-`+app+`"`) ||
		strings.Contains(res.Body, "<html") || !strings.Contains(res.Body, `value="interviewing" selected`) {
		t.Fatalf("htmx status change: %d\n%s", res.Status, res.Body)
	}
	if got := statusMails(w.s, "ada@example.com"); len(got) != 1 || !strings.Contains(got[0], "Interviewing") {
		t.Fatalf("status emails: %v", got)
	}
	mail := w.s.emails("ada@example.com")
	if last := mail[len(mail)-1]; !strings.Contains(last.Text, "would like to interview you") || !strings.Contains(last.Text, "Acme Health") {
		t.Fatalf("interview email: %s", last.Text)
	}
	mustContain(t, w.coder.get("/applications").Body, ">Interviewing<")

	// Without JavaScript the form posts and returns to the list.
	res = w.member.post("/employer/applications/"+app+"/status", url.Values{"status": {"offered"}, "back": {list + "?status=offered"}})
	if res.Status != http.StatusSeeOther || res.Location != list+"?status=offered" {
		t.Fatalf("plain status change: %d %s", res.Status, res.Location)
	}
	filtered := w.member.get(list + "?status=offered")
	mustContain(t, filtered.Body, "Ada Candidate", `aria-current="page" data-status="offered">Offered <strong>1</strong>`)
	mustContain(t, w.member.get(list+"?status=new").Body, "No applicant has this status.")

	// Back to any status: saved, with the page's counts swapped in beside
	// the row. Back where the quick changes started, nobody is emailed.
	res = htmxPost(w.member, "/employer/applications/"+app+"/status", url.Values{"status": {"new"}})
	mustContain(t, res.Body, "Saved: New.", `value="new" selected`, `id="pipeline-counts"`, `hx-swap-oob="true"`,
		`data-status="new">New <strong>1</strong>`, `data-status="offered">Offered <strong>0</strong>`)
	mustNotContain(t, res.Body, "/undo")
	if got := statusMails(w.s, "ada@example.com"); len(got) != 0 {
		t.Fatalf("status emails after going back: %v", got)
	}
	// A refused move: htmx gets the row with the reason, a form 422.
	if res := w.member.post("/employer/applications/"+app+"/status", url.Values{"status": {"withdrawn"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("employer chose withdrawn: %d", res.Status)
	}

	// Hired: the candidate is told, and the page offers to mark the job filled.
	res = htmxPost(w.member, "/employer/applications/"+app+"/status", url.Values{"status": {"hired"}})
	mustContain(t, res.Body, `href="/jobs/`+strconv.FormatInt(w.live.ID, 10)+`/fill"`, "Mark the job filled")
	mustContain(t, w.member.get(list).Body, `id="fill-prompt"`)
	if got := statusMails(w.s, "ada@example.com"); len(got) != 1 || !strings.Contains(got[0], "Hired") {
		t.Fatalf("status emails: %v", got)
	}
	if res := w.member.post("/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/fill", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("mark filled: %d", res.Status)
	}
	if strings.Contains(w.member.get(list).Body, `id="fill-prompt"`) {
		t.Fatal("the fill prompt shows on a filled job")
	}
}

func applicantsPath(j *models.Job) string {
	return "/employer/jobs/" + strconv.FormatInt(j.ID, 10) + "/applicants"
}

func TestRejectionEmailsCanBeTurnedOff(t *testing.T) {
	w := newApplyWorld(t)
	bo, boU := w.person("bo@example.com", "Bo Second")
	w.saveResume(boU, "bo.pdf", applyPDF+"bo")
	applyTo(w.coder, w.live, "", "", nil)
	applyTo(bo, w.live, "", "", nil)
	list := applicantsPath(w.live)

	// Reviewed does not concern the candidate: no email.
	w.owner.post("/employer/applications/"+w.applicationOf(w.live, w.coderU)+"/status", url.Values{"status": {"reviewed"}})
	if got := statusMails(w.s, "ada@example.com"); len(got) != 0 {
		t.Fatalf("reviewed was emailed: %v", got)
	}

	res := w.owner.post("/employer/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/rejection-emails", url.Values{"notify": {"off"}})
	if res.Status != http.StatusSeeOther || res.Location != list {
		t.Fatalf("turn off: %d %s", res.Status, res.Location)
	}
	mustContain(t, w.owner.get(list).Body, "Candidates you turn down are not emailed.")
	w.owner.post("/employer/applications/"+w.applicationOf(w.live, w.coderU)+"/status", url.Values{"status": {"rejected"}})
	if got := statusMails(w.s, "ada@example.com"); len(got) != 0 {
		t.Fatalf("a rejection was emailed while turned off: %v", got)
	}

	w.owner.post("/employer/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/rejection-emails", url.Values{"notify": {"on"}})
	w.owner.post("/employer/applications/"+w.applicationOf(w.live, boU)+"/status", url.Values{"status": {"rejected"}})
	got := statusMails(w.s, "bo@example.com")
	if len(got) != 1 || !strings.Contains(got[0], "Not selected") {
		t.Fatalf("rejection emails: %v", got)
	}
	if mails := w.s.emails("bo@example.com"); !strings.Contains(mails[len(mails)-1].Text, "decided not to move forward") {
		t.Fatalf("rejection email: %s", mails[len(mails)-1].Text)
	}
}

func TestBulkStatusChange(t *testing.T) {
	w := newApplyWorld(t)
	applyTo(w.coder, w.live, "", "", nil)
	ids := []string{w.applicationOf(w.live, w.coderU)}
	for _, who := range []string{"bo", "cy"} {
		b, u := w.person(who+"@example.com", "Candidate "+who)
		w.saveResume(u, who+".pdf", applyPDF+who)
		applyTo(b, w.live, "", "", nil)
		ids = append(ids, w.applicationOf(w.live, u))
	}
	applyTo(w.coder, w.live, "", "", nil)
	w.coder.post("/applications/"+ids[0]+"/withdraw", url.Values{})
	list := applicantsPath(w.live)

	res := w.member.post(list+"/status", url.Values{"status": {"interviewing"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("nothing ticked: %d", res.Status)
	}
	mustContain(t, res.Body, "Tick the applicants to move first.")
	res = w.member.post(list+"/status", url.Values{"ids": ids[1:], "status": {"moon"}})
	mustContain(t, res.Body, "Choose the status to move them to.")

	res = w.member.post(list+"/status", url.Values{"ids": ids, "status": {"interviewing"}, "back": {list}})
	if res.Status != http.StatusSeeOther || res.Location != list {
		t.Fatalf("bulk: %d %s", res.Status, res.Location)
	}
	if n := w.count(`SELECT count(*) FROM applications WHERE status = 'interviewing'`); n != 2 {
		t.Fatalf("%d interviewing, want 2 (one was withdrawn)", n)
	}
	for _, to := range []string{"bo@example.com", "cy@example.com"} {
		if got := statusMails(w.s, to); len(got) != 1 {
			t.Fatalf("%s: %v", to, got)
		}
	}
	// Another company's member cannot move them, nor list them.
	other, otherU := w.person("hr@other.example", "Other HR")
	w.join(w.company("other-co", "Other Co", "employer"), otherU)
	if res := other.post(list+"/status", url.Values{"ids": ids, "status": {"rejected"}}); res.Status != http.StatusNotFound {
		t.Fatalf("other company's bulk: %d", res.Status)
	}
	if n := w.count(`SELECT count(*) FROM applications WHERE status = 'rejected'`); n != 0 {
		t.Fatalf("%d rejected by another company", n)
	}
}

func TestApplicantsCSVExport(t *testing.T) {
	w := newApplyWorld(t)
	w.exec(`INSERT INTO profiles (user_id, headline) VALUES (?, '+1 coder; =cheap, "fast"')`, w.coderU.ID)
	w.exec(`INSERT INTO profile_credentials (user_id, credential) VALUES (?, 'CCS'), (?, 'CPC')`, w.coderU.ID, w.coderU.ID)
	applyTo(w.coder, w.live, "", "", nil)
	evil, evilU := w.person("evil@example.com", `=HYPERLINK("http://x.example","click")`)
	w.saveResume(evilU, "e.pdf", applyPDF+"e")
	applyTo(evil, w.live, "", "", nil)
	gone, goneU := w.person("gone@example.com", "@Gone Person")
	w.saveResume(goneU, "g.pdf", applyPDF+"g")
	applyTo(gone, w.live, "", "", nil)
	gone.post("/account/delete", url.Values{"password": {"correct horse battery"}})

	res := w.member.get(applicantsPath(w.live) + ".csv")
	if res.Status != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), `attachment; filename="applicants-`) {
		t.Fatalf("csv: %d %v", res.Status, res.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows:\n%s", len(rows), res.Body)
	}
	want := [][]string{
		{"Name", "Email", "Status", "Applied at (UTC)", "Credentials", "Headline"},
		{"Ada Candidate", "ada@example.com", "New", "", "CCS, CPC", `'+1 coder; =cheap, "fast"`},
		{`'=HYPERLINK("http://x.example","click")`, "evil@example.com", "New", "", "", ""},
		{"Withdrawn candidate", "", "Withdrawn", "", "", ""},
	}
	for i, row := range rows {
		if i > 0 {
			if len(row[3]) != len("2006-01-02 15:04") {
				t.Errorf("row %d applied at %q", i, row[3])
			}
			row[3] = ""
		}
		if strings.Join(row, "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, row, want[i])
		}
	}
	if strings.Contains(res.Body, "Gone Person") || strings.Contains(res.Body, "gone@example.com") {
		t.Fatal("the deleted candidate's data is in the export")
	}
	// The deleted candidate shows the same way on the page.
	page := w.member.get(applicantsPath(w.live))
	mustContain(t, page.Body, "Withdrawn candidate")
	if strings.Contains(page.Body, "Gone Person") {
		t.Fatal("the deleted candidate's name is on the page")
	}
}

func TestApplicationPageNotesAndResume(t *testing.T) {
	w := newApplyWorld(t)
	applyTo(w.coder, w.live, "Line one <b>\nLine two", "", nil)
	app := w.applicationOf(w.live, w.coderU)
	page := w.owner.get("/employer/applications/" + app)
	if page.Status != 200 {
		t.Fatalf("application page: %d", page.Status)
	}
	mustContain(t, page.Body, "Ada Candidate", "Line one &lt;b&gt;<br>Line two",
		`href="/employer/applications/`+app+`/resume"`, "No notes yet.")

	if res := w.owner.post("/employer/applications/"+app+"/notes", url.Values{"body": {"  "}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("empty note: %d", res.Status)
	}
	res := w.owner.post("/employer/applications/"+app+"/notes", url.Values{"body": {"Strong E/M background\nCall Tuesday"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("note: %d", res.Status)
	}
	mustContain(t, w.member.get("/employer/applications/"+app).Body, "Strong E/M background<br>Call Tuesday", "Olive Owner · ")
	for _, path := range []string{"/applications", "/jobs/" + strconv.FormatInt(w.live.ID, 10) + "/apply", w.live.Path()} {
		if strings.Contains(w.coder.get(path).Body, "Strong E/M") {
			t.Fatalf("the candidate sees the private note on %s", path)
		}
	}

	dl := w.member.get("/employer/applications/" + app + "/resume")
	if dl.Status != 200 || dl.Body != applyPDF+"ada" {
		t.Fatalf("resume download: %d %q", dl.Status, dl.Body)
	}
	for header, want := range map[string]string{
		"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'",
	} {
		if got := dl.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}
	if cd := dl.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="Ada Resume.pdf"`) {
		t.Errorf("Content-Disposition: %q", cd)
	}
}
