package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// A guest's Save leads through sign-in back to the job, which asks to
// confirm; the confirmation saves it.
func TestGuestSavesAJobThroughSignIn(t *testing.T) {
	k := newJobKit(t)
	j := k.job(k.company("acme", "Acme Health", models.CompanyEmployer), nil)
	k.user("pat@example.com", false) // the account, signed in elsewhere

	guest := k.s.browser()
	page := guest.get(j.Path())
	want := "/login?next=" + url.QueryEscape(j.Path()+"?save=1")
	mustContain(t, page.Body, `<a href="`+strings.ReplaceAll(want, "&", "&amp;")+`" role="button" class="outline secondary guest-save"`)
	lacks(t, page.Body, `action="/jobs/`+strconv.FormatInt(j.ID, 10)+`/save"`)

	login := guest.get(want)
	mustContain(t, login.Body, `name="next" value="`+j.Path()+`?save=1"`)
	res := guest.post("/login", url.Values{"email": {"pat@example.com"}, "password": {"correct horse battery"}, "next": {j.Path() + "?save=1"}})
	if res.Status != http.StatusSeeOther || res.Location != j.Path()+"?save=1" {
		t.Fatalf("login: %d to %q", res.Status, res.Location)
	}
	back := guest.get(res.Location)
	mustContain(t, back.Body, `id="save-confirm"`, "Save “"+j.Title+"” to your saved jobs?")
	if saved(t, k, j.ID) {
		t.Fatal("a GET saved the job")
	}
	res = guest.post("/jobs/"+strconv.FormatInt(j.ID, 10)+"/save", url.Values{"saved": {"1"}, "next": {j.Path()}})
	if res.Status != http.StatusSeeOther || !saved(t, k, j.ID) {
		t.Fatalf("confirm: %d, saved %v", res.Status, saved(t, k, j.ID))
	}
	// Once saved, the address with ?save=1 asks nothing more.
	again := guest.get(j.Path() + "?save=1")
	lacks(t, again.Body, `id="save-confirm"`)
	mustContain(t, again.Body, "Saved · remove")
}

func saved(t *testing.T, k jobKit, jobID int64) bool {
	t.Helper()
	var n int
	if err := k.s.db.Bun.NewRaw(`SELECT count(*) FROM saved_jobs WHERE job_id = ?`, jobID).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// The apply button sits beside the title, in the bar that stays on screen on phones.
func TestJobPageActionsBesideTheTitle(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	external := k.job(co, func(j *models.Job) { j.Title = "External Coder" })
	onsite := k.job(co, func(j *models.Job) { j.Title, j.ApplyMethod = "Onsite Coder", "onsite" })
	b := k.s.browser()
	head := func(path string) string {
		body := b.get(path).Body
		i, e := strings.Index(body, `<div class="job-actions" id="job-actions">`), strings.Index(body, "</header>\n\n<dl")
		if i < 0 || e < i {
			t.Fatalf("%s: no actions in the job's header", path)
		}
		return body[i:e]
	}
	mustContain(t, head(external.Path()), `href="https://acme.example.com/apply"`, "Apply on the employer's site", "Save job")
	mustContain(t, head(onsite.Path()), `href="/jobs/`+strconv.FormatInt(onsite.ID, 10)+`/apply"`, ">Apply</a>", "Save job")
}

// A coder with a profile sees how they meet the job's requirements.
func TestJobPageSaysWhichRequirementsTheCoderMeets(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	j := k.job(co, func(j *models.Job) {
		j.RemoteStates = []string{"FL", "TX"}
		j.CredentialsRequired = [][]string{{"CPC", "CCS-P"}, {"CRC"}}
	})
	b, u := k.user("pat@example.com", false)
	mustContain(t, b.get(j.Path()).Body, `id="job-fit"`, `<a href="/profile">Add your credentials to your profile</a>`)
	p := &models.Profile{UserID: u.ID, Credentials: []string{"CCS-P"}, State: "TX", RemotePreference: "remote",
		Specialties: []string{}, Settings: []string{}, CodeSets: []string{}, RemoteStates: []string{}}
	if _, err := k.s.db.Bun.NewInsert().Model(p).ExcludeColumn("created_at", "updated_at").Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	mustContain(t, b.get(j.Path()).Body, "<strong>You meet 2 of 3 requirements</strong>: missing CRC.")
	if _, err := k.s.db.Bun.NewRaw(`UPDATE profiles SET credentials = '{CPC,CRC}', state = 'GA' WHERE user_id = ?`, u.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	mustContain(t, b.get(j.Path()).Body, "You meet 2 of 3 requirements</strong>: missing location (remote for FL, TX).")
	// Guests and employers see no such line.
	lacks(t, k.s.browser().get(j.Path()).Body, `id="job-fit"`)
}
