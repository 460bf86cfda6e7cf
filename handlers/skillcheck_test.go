package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
	"careercenter/models/demo"
)

// checkWorld is an applyWorld with the sample codes and a three-scenario
// check from the library on the live job.
type checkWorld struct {
	*applyWorld
	check *models.SkillCheck
	path  string // the candidate's check page
}

var checkKeys = []string{"surgery-tka-right", "cm-diabetes-ckd", "hcpcs-cpap"}

func newCheckWorld(t *testing.T) *checkWorld {
	w := &checkWorld{applyWorld: newApplyWorld(t)}
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, w.s.db.Bun); err != nil {
		t.Fatal(err)
	}
	for _, key := range checkKeys {
		if _, err := models.AddLibraryScenario(ctx, w.s.db.Bun, w.live.ID, key); err != nil {
			t.Fatal(err)
		}
	}
	w.check = w.reload()
	w.path = "/jobs/" + strconv.FormatInt(w.live.ID, 10) + "/check"
	return w
}

func (w *checkWorld) reload() *models.SkillCheck {
	w.t.Helper()
	s, err := models.SkillCheckForJob(context.Background(), w.s.db.Bun, w.live.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

// keyParts are strings that give the answer key away: every expected code
// as a candidate would type it, and the employer's form of it.
func (w *checkWorld) keyParts() []string {
	var out []string
	for _, sc := range w.check.Scenarios {
		for _, e := range sc.Expected {
			out = append(out, e.Code, e.Typed(), e.String())
		}
	}
	return append(out, "Expected")
}

func (w *checkWorld) noKey(what, body string) {
	w.t.Helper()
	for _, part := range w.keyParts() {
		if strings.Contains(body, part) {
			w.t.Errorf("%s shows %q of the answer key", what, part)
		}
	}
}

var checkTokenRE = regexp.MustCompile(`\?check=([A-Za-z0-9._-]+)`)

func TestSkillCheckKeyNeverReachesTheCandidate(t *testing.T) {
	w := newCheckWorld(t)
	w.member.post("/employer/jobs/"+strconv.FormatInt(w.live.ID, 10)+"/check", url.Values{"time_limit": {"25"}, "show_score": {"1"}})

	// The apply form announces the check; sending it leads there.
	res := w.coder.get("/jobs/" + strconv.FormatInt(w.live.ID, 10) + "/apply")
	mustContain(t, res.Body, "Next step: a skills check.", "3 short cases in 25 minutes")
	w.noKey("the apply form", res.Body)
	res = applyTo(w.coder, w.live, "Hello", "", nil)
	if res.Status != http.StatusSeeOther || res.Location != w.path {
		t.Fatalf("after applying: %d %s", res.Status, res.Location)
	}
	res = w.coder.get(w.path)
	mustContain(t, res.Body, "Start the check (25 minutes)",
		"A code of the same category counts half", "never scores below zero")
	w.noKey("the intro", res.Body)

	if res = w.coder.post(w.path+"/start", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("start: %d", res.Status)
	}
	pages := map[string]string{"all scenarios": w.path}
	for n := 1; n <= 3; n++ {
		pages["scenario "+strconv.Itoa(n)] = w.path + "?n=" + strconv.Itoa(n)
	}
	for what, path := range pages {
		res = w.coder.get(path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s: %d", what, res.Status)
		}
		mustContain(t, res.Body, "Time left", "Hand in the check")
		w.noKey(what, res.Body)
	}
	page := w.coder.get(w.path).Body
	for _, sc := range w.check.Scenarios {
		mustContain(t, page, sc.Title, `name="answer-`+strconv.FormatInt(sc.ID, 10)+`"`)
	}
	// The look-up fragment: codes with links that carry a check token.
	res = w.coder.get(w.path + "/lookup?q=wheelchair&scenario=" + strconv.FormatInt(w.check.Scenarios[0].ID, 10))
	mustContain(t, res.Body, "K0001", `data-target="answer-`+strconv.FormatInt(w.check.Scenarios[0].ID, 10)+`"`, "?check=")
	if strings.Contains(res.Body, "<html") {
		t.Error("the look-up answers with a whole page")
	}
	w.noKey("the look-up", res.Body)

	// Answers saved with htmx and by the form; none of them from the key.
	sid := func(i int) string { return strconv.FormatInt(w.check.Scenarios[i].ID, 10) }
	res = htmxPost(w.coder, w.path+"/answers", url.Values{"answer-" + sid(0): {"I10"}})
	mustContain(t, res.Body, "Saved at")
	w.noKey("the saved note", res.Body)
	res = w.coder.post(w.path+"/answers", url.Values{"answer-" + sid(1): {"E11.9, I10"}, "answer-" + sid(2): {"J45.909"}, "go": {"2"}})
	if res.Status != http.StatusSeeOther || res.Location != w.path+"?n=2" {
		t.Fatalf("next page: %d %s", res.Status, res.Location)
	}
	res = w.coder.post(w.path+"/answers", url.Values{"go": {"submit"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("hand in: %d", res.Status)
	}
	res = w.coder.get(w.path)
	// I10 extra (0 of 2); E11.9 category −I10 extra = 0.25 of 3; J45.909 extra (0 of 2).
	mustContain(t, res.Body, "Your skills check for this job is over.", "Your score: <strong>4%</strong> (0.25 of 7 points)")
	w.noKey("the score page", res.Body)
	mine := w.coder.get("/applications").Body
	mustContain(t, mine, `<a href="`+w.path+`">Skills check</a>`)
	w.noKey("my applications", mine)

	// Handed in: no more answers, and starting again changes nothing.
	res = w.coder.post(w.path+"/answers", url.Values{"answer-" + sid(0): {"27447-RT, M17.11"}})
	if res.Status != http.StatusSeeOther || !strings.Contains(w.coder.get(w.path).Body, "answers sent after it are not counted") {
		t.Errorf("answer after handing in: %d", res.Status)
	}
	w.coder.post(w.path+"/start", url.Values{})
	if n := w.count(`SELECT count(*) FROM skill_check_attempts WHERE submitted_at IS NOT NULL`); n != 1 {
		t.Errorf("%d handed-in attempts after starting again", n)
	}

	// The employer sees the score in the pipeline and the breakdown.
	app := w.applicationOf(w.live, w.coderU)
	res = w.member.get(applicantsPath(w.live) + "?sort=score")
	mustContain(t, res.Body, `<th scope="col">Check</th>`, `<a href="/employer/applications/`+app+`/check">4%</a>`)
	res = w.member.get("/employer/applications/" + app + "/check")
	mustContain(t, res.Body, "Score: <strong>4%</strong>", "27447-RT", "M17.11", "E11.22", "N18.4", "Z79.4",
		"<code>E11.9</code> <small>same category (&#43;0.5)</small>", "<code>I10</code> <small>not expected (-0.25)</small>",
		"ICD-10-CM · same category: entered as E11.9", "ICD-10-CM · missed")
}

func TestSkillCheckAfterTheTimeLimit(t *testing.T) {
	w := newCheckWorld(t)
	applyTo(w.coder, w.live, "", "", nil)
	w.coder.post(w.path+"/start", url.Values{})
	sid := strconv.FormatInt(w.check.Scenarios[0].ID, 10)
	w.coder.post(w.path+"/answers", url.Values{"answer-" + sid: {"27447-RT, M17.11"}})
	// The deadline passes (the server's clock is the database row's).
	w.exec(`UPDATE skill_check_attempts SET started_at = started_at - interval '1 hour', deadline = now() - interval '1 second'`)
	w.exec(`UPDATE skill_check_answers SET saved_at = saved_at - interval '1 minute'`)
	res := htmxPost(w.coder, w.path+"/answers", url.Values{"answer-" + sid: {"27447-RT, M17.11, Z79.4"}})
	mustContain(t, res.Body, "Time is up: this answer was not saved.")
	res = w.coder.get(w.path)
	mustContain(t, res.Body, "Your skills check for this job is over.")
	if strings.Contains(res.Body, "Your score") {
		t.Error("the score is shown though the employer keeps it")
	}
	if n := w.count(`SELECT count(*) FROM skill_check_answers WHERE codes LIKE '%Z79.4%'`); n != 0 {
		t.Error("an answer after the limit was saved")
	}
	if res := w.coder.get(w.path + "/lookup?q=knee"); res.Status != http.StatusNotFound {
		t.Errorf("look-up after the limit: %d", res.Status)
	}
	// 27447-RT and M17.11 found: 2 of 7.
	mustContain(t, w.member.get(applicantsPath(w.live)).Body, ">29%</a>")
}

func TestCodePagesFromTheCheckSpendNoViews(t *testing.T) {
	w := newCheckWorld(t)
	applyTo(w.coder, w.live, "", "", nil)
	w.coder.post(w.path+"/start", url.Values{})
	frag := w.coder.get(w.path + "/lookup?q=diabetes").Body
	m := checkTokenRE.FindStringSubmatch(frag)
	if m == nil {
		t.Fatalf("no token in the look-up: %s", frag)
	}
	token := m[1]
	codes := []string{"/codes/cpt/99202", "/codes/cpt/99203", "/codes/cpt/99204", "/codes/cpt/99205", "/codes/cpt/99211",
		"/codes/cpt/99212", "/codes/cpt/99213", "/codes/cpt/99214"}
	for _, c := range codes {
		if res := w.coder.get(c + "?check=" + token); res.Status != http.StatusOK {
			t.Fatalf("%s from the check: %d", c, res.Status)
		}
	}
	if n := w.count(`SELECT count(*) FROM meter_views WHERE viewer = ?`, "u:"+strconv.FormatInt(w.coderU.ID, 10)); n != 0 {
		t.Fatalf("%d views spent from the check", n)
	}
	// Someone else's token, an edited one, or one outside the check: counted.
	other, otherU := w.person("zed@example.com", "Zed")
	other.get(codes[0] + "?check=" + token)
	if n := w.count(`SELECT count(*) FROM meter_views WHERE viewer = ?`, "u:"+strconv.FormatInt(otherU.ID, 10)); n != 1 {
		t.Errorf("another's token: %d views counted, want 1", n)
	}
	w.coder.get(codes[0] + "?check=" + token[:len(token)-2] + "xx")
	w.coder.get(codes[1])
	if n := w.count(`SELECT count(*) FROM meter_views WHERE viewer = ?`, "u:"+strconv.FormatInt(w.coderU.ID, 10)); n != 2 {
		t.Errorf("forged or plain: %d views counted, want 2", n)
	}
	// Once handed in, the token no longer frees a page.
	w.coder.post(w.path+"/answers", url.Values{"go": {"submit"}})
	w.coder.get(codes[2] + "?check=" + token)
	if n := w.count(`SELECT count(*) FROM meter_views WHERE viewer = ?`, "u:"+strconv.FormatInt(w.coderU.ID, 10)); n != 3 {
		t.Errorf("after handing in: %d views counted, want 3", n)
	}
}

func TestSkillCheckEmployerForms(t *testing.T) {
	w := newCheckWorld(t)
	base := "/employer/jobs/" + strconv.FormatInt(w.live.ID, 10) + "/check"
	mustContain(t, w.member.get(base).Body, "The check is on:", "Right total knee replacement", "Scenario library",
		"CPT 27447-RT, ICD-10-CM M17.11")
	// A scenario with mistakes comes back with what was typed and messages.
	res := w.member.post(base+"/scenarios", url.Values{"title": {"Knee"}, "description": {"Too short"},
		"modifier_rule": {"required"}, "expected": {"CPT 27447-RT\nCPT E11.9\nICD-10-CM Q99.99"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad scenario: %d", res.Status)
	}
	mustContain(t, res.Body, "Describe the case in 20 to 3,000 characters.", "Line 2: E11.9 belongs to ICD-10-CM, not CPT.",
		"Line 3: “Q99.99” is not in our ICD-10-CM code table.", "CPT 27447-RT\nCPT E11.9", `value="Knee"`)
	// The time limit is checked too.
	res = w.member.post(base, url.Values{"time_limit": {"500"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Enter a time limit of 5 to 180 minutes.") ||
		!strings.Contains(res.Body, `value="500"`) {
		t.Errorf("bad time limit: %d", res.Status)
	}
	// Copy and edit a library scenario.
	res = w.member.get(base + "/scenarios/new?from=hcpcs-flu-shot")
	mustContain(t, res.Body, "copied from the library: Flu shot for a Medicare patient", "HCPCS G0008\nICD-10-CM Z23")
	res = w.member.post(base+"/scenarios", url.Values{"title": {"Flu shot, our way"},
		"description": {"A Medicare patient gets a flu shot from the nurse."}, "modifier_rule": {"ignore"},
		"expected": {"HCPCS G0008\nICD-10-CM Z23"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("copied scenario: %d", res.Status)
	}
	if n := w.count(`SELECT count(*) FROM skill_check_scenarios WHERE job_id = ? AND title = 'Flu shot, our way'`, w.live.ID); n != 1 {
		t.Fatal("the copied scenario was not saved")
	}
	// A full check refuses the library's Add with a message.
	for _, key := range []string{"em-new-moderate", "em-established-low", "em-25-injection", "cm-injury-hip", "cm-injury-laceration", "hcpcs-cpap"} {
		w.member.post(base+"/scenarios", url.Values{"library": {key}})
	}
	res = w.member.post(base+"/scenarios", url.Values{"library": {"risk-afib-neuropathy"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "A check holds at most 10 scenarios") {
		t.Errorf("eleventh scenario: %d", res.Status)
	}
}

// TestSkillCheckAccess tries the check's routes as each kind of person.
func TestSkillCheckAccess(t *testing.T) {
	w := newCheckWorld(t)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	applyTo(w.coder, w.live, "", "", nil)
	app := w.applicationOf(w.live, w.coderU)
	otherCoder, _ := w.person("zed@example.com", "Zed Coder")
	otherMember, otherMemberU := w.person("hr@other.example", "Other HR")
	w.join(w.company("other-co", "Other Co", "employer"), otherMemberU)
	admin, _ := w.user("admin@example.com", true)
	browsers := []*browser{w.s.browser(), otherCoder, w.coder, w.member, otherMember, admin}
	sc := w.path
	emp := "/employer/jobs/" + id(w.live.ID) + "/check"
	first := id(w.check.Scenarios[0].ID)
	rows := []struct {
		method, path string
		form         url.Values
		want         [6]int // guest, other coder, candidate, member, other company, admin
	}{
		// The employer's editor: members of the hiring company only.
		{"GET", emp, nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"POST", emp, url.Values{"time_limit": {"30"}, "show_score": {"1"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"GET", emp + "/scenarios/new", nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"POST", emp + "/scenarios", url.Values{"library": {"hcpcs-flu-shot"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"GET", emp + "/scenarios/" + first + "/edit", nil, [6]int{login, 404, 404, 200, 404, 404}},
		{"POST", emp + "/scenarios/" + first, url.Values{"title": {"Right knee"}, "description": {"The surgeon replaces the right knee joint."},
			"modifier_rule": {"required"}, "expected": {"CPT 27447-RT"}}, [6]int{403, 404, 404, 303, 404, 404}},
		{"GET", emp + "/scenarios/999999/edit", nil, [6]int{login, 404, 404, 404, 404, 404}},
		// The candidate's check: those who applied only.
		{"GET", sc, nil, [6]int{login, 404, 200, 404, 404, 404}},
		{"POST", sc + "/start", url.Values{}, [6]int{403, 404, 303, 404, 404, 404}},
		{"GET", sc + "/lookup?q=knee", nil, [6]int{login, 404, 200, 404, 404, 404}},
		{"POST", sc + "/answers", url.Values{"answer-" + first: {"27447-RT"}}, [6]int{403, 404, 303, 404, 404, 404}},
		// Started: the key is fixed for the member too.
		{"POST", emp + "/scenarios", url.Values{"library": {"hcpcs-cpap"}}, [6]int{403, 404, 404, 409, 404, 404}},
		{"POST", emp + "/scenarios/" + first + "/delete", url.Values{}, [6]int{403, 404, 404, 409, 404, 404}},
		{"GET", "/employer/applications/" + app + "/check", nil, [6]int{login, 404, 404, 200, 404, 404}},
	}
	for _, row := range rows {
		for _, i := range matrixOrder {
			var res response
			if row.method == "GET" {
				res = browsers[i].get(row.path)
			} else {
				form := url.Values{}
				for k, v := range row.form {
					form[k] = v
				}
				res = browsers[i].post(row.path, form)
			}
			want := row.want[i]
			ok := res.Status == want
			if want == login {
				ok = res.Status == http.StatusSeeOther && strings.HasPrefix(res.Location, "/login")
			}
			if !ok {
				t.Errorf("%s %s as %s: %d %s, want %d", row.method, row.path, matrixRoles[i], res.Status, res.Location, want)
			}
		}
	}
	if n := w.count(`SELECT count(*) FROM skill_check_scenarios WHERE job_id = ? AND title = 'Right knee'`, w.live.ID); n != 1 {
		t.Error("the member's edit was not saved")
	}
}
