package handlers_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"careercenter/models"
)

// applyPDF is a resume as the apply tests upload and download it.
const applyPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// applyWorld is a site with a company of two members, a live job that takes
// applications on the site, and a coder with a profile resume.
type applyWorld struct {
	jobKit
	co              *models.Company
	live            *models.Job
	owner, member   *browser
	ownerU, memberU *models.User
	coder           *browser
	coderU          *models.User
	resume          *models.Resume
}

func newApplyWorld(t *testing.T) *applyWorld {
	w := &applyWorld{jobKit: newJobKit(t)}
	w.co = w.company("acme-health", "Acme Health", "employer")
	w.live = w.onsiteJob("Remote Outpatient Coder")
	w.owner, w.ownerU = w.person("owner@acme.example", "Olive Owner")
	w.member, w.memberU = w.person("member@acme.example", "Milo Member")
	w.join(w.co, w.ownerU)
	w.join(w.co, w.memberU)
	w.coder, w.coderU = w.person("ada@example.com", "Ada Candidate")
	w.resume = w.saveResume(w.coderU, "Ada Resume.pdf", applyPDF+"ada")
	return w
}

// person signs up email in a new browser under name.
func (w *applyWorld) person(email, name string) (*browser, *models.User) {
	w.t.Helper()
	b, u := w.user(email, false)
	w.exec(`UPDATE users SET name = ? WHERE id = ?`, name, u.ID)
	u.Name = name
	return b, u
}

func (w *applyWorld) onsiteJob(title string) *models.Job {
	return w.job(w.co, func(j *models.Job) {
		j.Title, j.ApplyMethod, j.ApplyURL, j.NotifyRejections = title, "onsite", "", true
	})
}

func (w *applyWorld) saveResume(u *models.User, name, data string) *models.Resume {
	w.t.Helper()
	r, err := models.SaveResume(context.Background(), w.s.db.Bun, models.DBFiles{}, u.ID, name, []byte(data), true)
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

func (w *applyWorld) exec(query string, args ...any) {
	w.t.Helper()
	if _, err := w.s.db.Bun.ExecContext(context.Background(), query, args...); err != nil {
		w.t.Fatal(err)
	}
}

func (w *applyWorld) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// applicationOf returns the id of u's application to job j.
func (w *applyWorld) applicationOf(j *models.Job, u *models.User) string {
	w.t.Helper()
	return strconv.Itoa(w.count(`SELECT id FROM applications WHERE job_id = ? AND user_id = ?`, j.ID, u.ID))
}

// applyRequest is the apply form as a browser sends it: multipart, with the
// page's CSRF token, a cover note and optionally a file.
func applyRequest(b *browser, j *models.Job, note, filename string, file []byte) *http.Request {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get("/").Body)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("_csrf", m[1])
	_ = mw.WriteField("cover_note", note)
	if file != nil {
		part, _ := mw.CreateFormFile("resume_file", filename)
		_, _ = part.Write(file)
	}
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/jobs/"+strconv.FormatInt(j.ID, 10)+"/apply", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

func applyTo(b *browser, j *models.Job, note, filename string, file []byte) response {
	return b.do(applyRequest(b, j, note, filename, file))
}

func TestApplyWithTheProfileResume(t *testing.T) {
	w := newApplyWorld(t)
	id := strconv.FormatInt(w.live.ID, 10)

	page := w.coder.get(w.live.Path())
	mustContain(t, page.Body, `href="/jobs/`+id+`/apply"`, "Apply on CareerCenter")
	if strings.Contains(page.Body, "opens soon") {
		t.Fatal("the job page still says applying opens soon")
	}
	form := w.coder.get("/jobs/" + id + "/apply")
	if form.Status != 200 {
		t.Fatalf("apply form: %d", form.Status)
	}
	mustContain(t, form.Body, "Ada Resume.pdf", `name="cover_note"`, `name="resume_file"`, `enctype="multipart/form-data"`)

	res := applyTo(w.coder, w.live, "I code E/M visits.\nAvailable now.", "", nil)
	if res.Status != http.StatusSeeOther || res.Location != "/applications" {
		t.Fatalf("apply: %d %s %s", res.Status, res.Location, res.Body)
	}
	if n := w.count(`SELECT apply_count FROM jobs WHERE id = ?`, w.live.ID); n != 1 {
		t.Fatalf("apply_count %d", n)
	}
	if n := w.count(`SELECT count(*) FROM applications WHERE resume_id = ? AND cover_note = 'I code E/M visits.
Available now.'`, w.resume.ID); n != 1 {
		t.Fatalf("%d applications with the profile resume and the note", n)
	}

	// The candidate's confirmation, and one email per company member.
	mails := w.s.emails("ada@example.com")
	if len(mails) != 2 || !strings.Contains(mails[1].Subject, "Remote Outpatient Coder") ||
		!strings.Contains(mails[1].Text, "Acme Health") || !strings.Contains(mails[1].Text, "http://jobs.test/applications") {
		t.Fatalf("candidate's emails: %+v", mails)
	}
	app := w.applicationOf(w.live, w.coderU)
	for _, to := range []string{"owner@acme.example", "member@acme.example"} {
		got := w.s.emails(to)
		if len(got) != 2 || !strings.Contains(got[1].Subject, "Ada Candidate") ||
			!strings.Contains(got[1].Text, "http://jobs.test/employer/applications/"+app) {
			t.Fatalf("%s got %+v", to, got)
		}
	}

	mine := w.coder.get("/applications")
	mustContain(t, mine.Body, `href="`+w.live.Path()+`"`, "Remote Outpatient Coder", "Acme Health", ">New<", `action="/applications/`+app+`/withdraw"`)

	// Once applied, the job page and the form say so, and a second submit
	// is refused.
	mustContain(t, w.coder.get(w.live.Path()).Body, `id="applied-on"`, "You applied on ")
	if strings.Contains(w.s.browser().get(w.live.Path()).Body, "You applied on") {
		t.Fatal("a guest is told they applied")
	}
	again := w.coder.get("/jobs/" + id + "/apply")
	mustContain(t, again.Body, "You already applied on ")
	if strings.Contains(again.Body, `name="cover_note"`) {
		t.Fatal("the form is offered again")
	}
	res = applyTo(w.coder, w.live, "Again", "", nil)
	if res.Status != http.StatusConflict {
		t.Fatalf("second application: %d", res.Status)
	}
	mustContain(t, res.Body, "You already applied on ")
	if n := w.count(`SELECT count(*) FROM applications`); n != 1 {
		t.Fatalf("%d applications", n)
	}
}

func TestApplyWithANewFileAndItsMistakes(t *testing.T) {
	w := newApplyWorld(t)
	fresh, freshU := w.person("bo@example.com", "Bo Fresh") // no resume yet

	// Nothing to send: no profile resume and no file.
	res := applyTo(fresh, w.live, "Hello", "", nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("no resume: %d", res.Status)
	}
	mustContain(t, res.Body, `id="e-resume"`, ">Hello</textarea>")

	// A renamed program is refused by content, the note kept.
	res = applyTo(fresh, w.live, "Keep this note", "resume.pdf", []byte("MZ\x90\x00 this is a program"))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("renamed program: %d", res.Status)
	}
	mustContain(t, res.Body, "not a PDF or a Word document", ">Keep this note</textarea>")

	// A good file with a cover note too long: the note is the problem, the
	// file must be chosen again, nothing is stored.
	res = applyTo(fresh, w.live, strings.Repeat("a", 5001), "cv.pdf", []byte(applyPDF+"bo"))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("long note: %d", res.Status)
	}
	mustContain(t, res.Body, "5,000 characters", "Choose the file again")
	if n := w.count(`SELECT count(*) FROM resumes WHERE user_id = ?`, freshU.ID); n != 0 {
		t.Fatalf("%d resumes stored by refused applications", n)
	}

	res = applyTo(fresh, w.live, "", "cv.pdf", []byte(applyPDF+"bo"))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("apply with a file: %d %s", res.Status, res.Body)
	}
	// The upload became the profile's resume (there was none) and went
	// with the application.
	if n := w.count(`SELECT count(*) FROM applications a JOIN resumes r ON r.id = a.resume_id
		WHERE a.user_id = ? AND r.is_current AND r.filename = 'cv.pdf'`, freshU.ID); n != 1 {
		t.Fatal("the uploaded resume is not the application's and the profile's")
	}

	// With a profile resume, a new file goes with the application only.
	other := w.onsiteJob("Inpatient Coder")
	res = applyTo(w.coder, other, "", "special.pdf", []byte(applyPDF+"special"))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("apply with another file: %d", res.Status)
	}
	if n := w.count(`SELECT count(*) FROM resumes WHERE user_id = ? AND is_current AND id = ?`, w.coderU.ID, w.resume.ID); n != 1 {
		t.Fatal("the profile resume changed")
	}
}

func TestApplyOnlyToJobsTakingApplicationsHere(t *testing.T) {
	w := newApplyWorld(t)
	cases := map[string]func(*models.Job){
		"external": func(j *models.Job) { j.ApplyMethod = "url" },
		"email":    func(j *models.Job) { j.ApplyMethod, j.ApplyEmail, j.ApplyURL = "email", "jobs@acme.example", "" },
		"draft":    func(j *models.Job) { j.ApplyMethod, j.Status = "onsite", models.JobDraft },
		"filled":   func(j *models.Job) { j.ApplyMethod, j.Status = "onsite", models.JobFilled },
		"expired":  func(j *models.Job) { j.ApplyMethod, j.ExpiresAt = "onsite", j.PublishedAt },
	}
	for name, edit := range cases {
		j := w.job(w.co, func(j *models.Job) { j.Title = "Job " + name; edit(j) })
		if res := w.coder.get("/jobs/" + strconv.FormatInt(j.ID, 10) + "/apply"); res.Status != http.StatusNotFound {
			t.Errorf("%s: GET %d", name, res.Status)
		}
		if res := applyTo(w.coder, j, "", "", nil); res.Status != http.StatusNotFound {
			t.Errorf("%s: POST %d", name, res.Status)
		}
	}
	if n := w.count(`SELECT count(*) FROM applications`); n != 0 {
		t.Fatalf("%d applications", n)
	}
}

// TestOneApplicationUnderConcurrentSubmits sends the same application 20
// times at once: one is kept, counted and confirmed; the rest are told.
func TestOneApplicationUnderConcurrentSubmits(t *testing.T) {
	w := newApplyWorld(t)
	reqs := make([]*http.Request, 20)
	for i := range reqs {
		reqs[i] = applyRequest(w.coder, w.live, "Double click", "", nil)
		for k, v := range w.coder.cookies {
			reqs[i].AddCookie(&http.Cookie{Name: k, Value: v})
		}
	}
	statuses := make([]int, len(reqs))
	var wg sync.WaitGroup
	for i, req := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := w.s.web.Test(req, -1)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		}()
	}
	wg.Wait()
	created, conflicts := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusSeeOther:
			created++
		case http.StatusConflict:
			conflicts++
		}
	}
	if created != 1 || conflicts != 19 {
		t.Fatalf("statuses %v: want one 303 and 19 409", statuses)
	}
	if n := w.count(`SELECT count(*) FROM applications WHERE job_id = ?`, w.live.ID); n != 1 {
		t.Fatalf("%d applications", n)
	}
	if n := w.count(`SELECT apply_count FROM jobs WHERE id = ?`, w.live.ID); n != 1 {
		t.Fatalf("apply_count %d", n)
	}
	confirmations := 0
	for _, m := range w.s.emails("ada@example.com") {
		if strings.Contains(m.Subject, "was sent") {
			confirmations++
		}
	}
	if confirmations != 1 || len(w.s.emails("owner@acme.example")) != 2 {
		t.Fatalf("%d confirmations, %d emails to the owner", confirmations, len(w.s.emails("owner@acme.example")))
	}
}

func TestWithdrawOwnApplicationOnly(t *testing.T) {
	w := newApplyWorld(t)
	applyTo(w.coder, w.live, "", "", nil)
	app := w.applicationOf(w.live, w.coderU)
	other, _ := w.person("zed@example.com", "Zed Other")
	for name, b := range map[string]*browser{"another coder": other, "a company member": w.owner} {
		if res := b.post("/applications/"+app+"/withdraw", url.Values{}); res.Status != http.StatusNotFound {
			t.Fatalf("%s withdrew: %d", name, res.Status)
		}
	}
	res := w.coder.post("/applications/"+app+"/withdraw", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/applications" {
		t.Fatalf("withdraw: %d %s", res.Status, res.Location)
	}
	mustContain(t, w.coder.get("/applications").Body, "Your application was withdrawn.", ">Withdrawn<")
	if res := w.coder.post("/applications/"+app+"/withdraw", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("withdrawn twice: %d", res.Status)
	}
	// Withdrawn stays withdrawn: the employer cannot move it.
	res = w.owner.post("/employer/applications/"+app+"/status", url.Values{"status": {"reviewed"}})
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "withdrew") {
		t.Fatalf("moving a withdrawn application: %d", res.Status)
	}
}
