package handlers_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

const alertSecret = "alerts-test-secret-0123456789abcdef0123456789"

func newAlertKit(t *testing.T) jobKit {
	return jobKit{t: t, s: newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test",
		"PORT": "3000", "TRUSTED_PROXY_HEADER": "X-Forwarded-For", "SESSION_SECRET": alertSecret})}
}

// postHX posts a form as htmx does, with the page's CSRF token.
func (b *browser) postHX(path string, form url.Values) response {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get("/").Body)
	form.Set("_csrf", m[1])
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return b.do(req)
}

func (s *site) count(query string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

func TestSaveJobToggle(t *testing.T) {
	k := newAlertKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	live := k.job(co, func(j *models.Job) { j.Title = "Risk Adjustment Coder" })
	filled := k.job(co, func(j *models.Job) { j.Title = "Pro Fee Coder" })
	expired := k.job(co, func(j *models.Job) { j.Title = "ED Coder" })
	b, u := k.user("pat@example.com", false)
	id := func(j *models.Job) string { return strconv.FormatInt(j.ID, 10) }

	// Without JavaScript: the form posts and goes back.
	res := b.post("/jobs/"+id(live)+"/save", url.Values{"next": {live.Path()}})
	if res.Status != http.StatusSeeOther || res.Location != live.Path() {
		t.Fatalf("save: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get(live.Path()).Body, `action="/jobs/`+id(live)+`/save"`)
	// An unsafe next goes to /saved instead.
	if res := b.post("/jobs/"+id(filled)+"/save", url.Values{"next": {"//evil.example"}}); res.Location != "/saved" {
		t.Errorf("unsafe next: %q", res.Location)
	}
	b.post("/jobs/"+id(expired)+"/save", url.Values{"saved": {"1"}})
	if n := k.s.count(`SELECT count(*) FROM saved_jobs WHERE user_id = ?`, u.ID); n != 3 {
		t.Fatalf("%d saved", n)
	}

	// htmx: the button comes back, flipped; asking for the state it has is harmless.
	res = b.postHX("/jobs/"+id(live)+"/save", url.Values{})
	mustContain(t, res.Body, "Save job", `name="saved" value="1"`)
	lacks(t, res.Body, "<html")
	res = b.postHX("/jobs/"+id(live)+"/save", url.Values{"saved": {"1"}})
	mustContain(t, res.Body, "Saved · remove", `aria-pressed="true"`)
	b.postHX("/jobs/"+id(live)+"/save", url.Values{"saved": {"1"}})
	if n := k.s.count(`SELECT count(*) FROM saved_jobs WHERE user_id = ?`, u.ID); n != 3 {
		t.Fatalf("%d saved after double save", n)
	}

	// The saved page marks what became of each job.
	ctx := context.Background()
	k.s.db.Bun.NewRaw(`UPDATE jobs SET status = 'filled' WHERE id = ?`, filled.ID).Exec(ctx)
	k.s.db.Bun.NewRaw(`UPDATE jobs SET expires_at = now() - interval '1 day' WHERE id = ?`, expired.ID).Exec(ctx)
	page := b.get("/saved").Body
	mustContain(t, page, "Risk Adjustment Coder", "Pro Fee Coder</a> <mark>Filled</mark>", "ED Coder</a> <mark>Expired</mark>")
	lacks(t, page, "Risk Adjustment Coder</a> <mark>")
	k.s.db.Bun.NewRaw(`UPDATE jobs SET status = 'removed' WHERE id = ?`, filled.ID).Exec(ctx)
	mustContain(t, b.get("/saved").Body, "Pro Fee Coder</a> <mark>Removed</mark>")

	// Unsaving from the saved page; guests are sent to sign in.
	b.post("/jobs/"+id(expired)+"/save", url.Values{"saved": {"0"}, "next": {"/saved"}})
	lacks(t, b.get("/saved").Body, "ED Coder")
	if res := k.s.browser().get("/saved"); res.Status != http.StatusSeeOther && res.Status != http.StatusFound {
		t.Errorf("guest /saved: %d", res.Status)
	}
}

func TestCreateAlertSignedIn(t *testing.T) {
	s := newSite(t)
	b := s.registered("pat@example.com")
	mustContain(t, b.get("/jobs?work_mode=remote&credential=CPC").Body, `name="query" value="credential=CPC&amp;work_mode=remote"`)
	form := url.Values{"name": {"Remote CPC"}, "frequency": {"daily"}, "query": {"work_mode=remote&credential=CPC"}}
	res := b.post("/alerts", form)
	if res.Status != http.StatusSeeOther || res.Location != "/alerts" {
		t.Fatalf("create: %d %q", res.Status, res.Location)
	}
	page := b.get("/alerts").Body
	mustContain(t, page, "Remote CPC", "Remote CPC jobs", `href="/jobs?credential=CPC&amp;work_mode=remote"`, "Daily digest")
	if n := s.count(`SELECT count(*) FROM saved_searches WHERE email = 'pat@example.com' AND confirmed_at IS NOT NULL`); n != 1 {
		t.Fatalf("%d confirmed searches", n)
	}
	// The same search again, its parameters in another order: nothing new.
	form.Set("query", "credential=CPC&work_mode=remote")
	b.post("/alerts", form)
	mustContain(t, b.get("/alerts").Body, "already subscribed")
	if n := s.count(`SELECT count(*) FROM saved_searches`); n != 1 {
		t.Fatalf("%d searches", n)
	}
	// Bad input comes back with messages beside the fields.
	res = b.post("/alerts", url.Values{"name": {" "}, "frequency": {"hourly"}, "query": {"q=coder"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid: %d", res.Status)
	}
	mustContain(t, res.Body, "Give this search a name.", "Choose how often", `value="q=coder"`)
}

var confirmPath = regexp.MustCompile(`/alerts/confirm\?token=[\w-]+`)

func TestGuestDoubleOptIn(t *testing.T) {
	s := newSite(t)
	guest := s.browser()
	form := url.Values{"name": {"Inpatient"}, "frequency": {"weekly"}, "email": {"Guest@Example.com"},
		"query": {"setting=inpatient"}}
	res := guest.post("/alerts", form)
	mustContain(t, res.Body, "Check your email", "guest@example.com")
	if n := s.count(`SELECT count(*) FROM saved_searches WHERE confirmed_at IS NULL`); n != 1 {
		t.Fatalf("%d unconfirmed", n)
	}
	// Subscribing again before confirming sends a new link for the same row.
	guest.post("/alerts", form)
	if len(s.emails("guest@example.com")) != 2 || s.count(`SELECT count(*) FROM saved_searches`) != 1 {
		t.Fatal("second subscription")
	}
	link := s.lastLink("guest@example.com", "/alerts/confirm")
	res = s.browser().get(link)
	if res.Status != http.StatusOK {
		t.Fatalf("confirm: %d", res.Status)
	}
	mustContain(t, res.Body, "Your alert is on", "guest@example.com")
	// Confirming again, or with the first (replaced) link, or subscribing again: still one row.
	if res := s.browser().get(link); res.Status != http.StatusNotFound || !strings.Contains(res.Body, "no longer works") {
		t.Errorf("second confirm: %d", res.Status)
	}
	first := confirmPath.FindString(s.emails("guest@example.com")[0].Text)
	if res := s.browser().get(first); res.Status != http.StatusNotFound {
		t.Errorf("replaced link: %d", res.Status)
	}
	res = guest.post("/alerts", form)
	mustContain(t, res.Body, "Check your email")
	if len(s.emails("guest@example.com")) != 2 {
		t.Error("an email for an address already subscribed")
	}
	if n := s.count(`SELECT count(*) FROM saved_searches WHERE confirmed_at IS NOT NULL AND last_digest_at = confirmed_at`); n != 1 {
		t.Fatalf("%d confirmed", n)
	}
	if res := guest.post("/alerts", url.Values{"name": {"x"}, "frequency": {"daily"}, "email": {"nope"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("bad email: %d", res.Status)
	}
}

func alertID(t *testing.T, s *site, name string) string {
	t.Helper()
	return strconv.Itoa(s.count(`SELECT id FROM saved_searches WHERE name = ?`, name))
}

func TestManageAlerts(t *testing.T) {
	s := newSite(t)
	b := s.registered("pat@example.com")
	b.post("/alerts", url.Values{"name": {"Remote"}, "frequency": {"daily"}, "query": {"work_mode=remote"}})
	b.post("/alerts", url.Values{"name": {"Remote weekly"}, "frequency": {"weekly"}, "query": {"work_mode=remote"}})
	id := alertID(t, s, "Remote")

	res := b.post("/alerts/"+id, url.Values{"name": {"Remote coding"}, "frequency": {"instant"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.Status)
	}
	mustContain(t, b.get("/alerts").Body, "Remote coding", `<option value="instant" selected>`)
	// Weekly is taken by the other alert of the same search.
	res = b.post("/alerts/"+id, url.Values{"name": {"Remote coding"}, "frequency": {"weekly"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate frequency: %d", res.Status)
	}
	mustContain(t, res.Body, "You already get this search at that frequency.")
	if res := b.post("/alerts/"+id, url.Values{"name": {""}, "frequency": {"daily"}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Give this search a name.") {
		t.Fatalf("empty name: %d", res.Status)
	}
	b.post("/alerts/"+id, url.Values{"action": {"pause"}})
	mustContain(t, b.get("/alerts").Body, "<mark>Paused</mark>", "Resume emails")
	if n := s.count(`SELECT count(*) FROM saved_searches WHERE paused AND name = 'Remote coding' AND frequency = 'instant'`); n != 1 {
		t.Fatal("not paused")
	}
	b.post("/alerts/"+id, url.Values{"action": {"resume"}})
	lacks(t, b.get("/alerts").Body, "<mark>Paused</mark>")

	// Another person's alert does not exist for them.
	other := s.registered("bo@example.com")
	for _, path := range []string{"/alerts/" + id, "/alerts/" + id + "/delete"} {
		if res := other.post(path, url.Values{"name": {"Mine"}, "frequency": {"daily"}, "action": {"pause"}}); res.Status != http.StatusNotFound {
			t.Errorf("%s by another: %d", path, res.Status)
		}
	}
	lacks(t, other.get("/alerts").Body, "Remote coding")

	if res := b.post("/alerts/"+id+"/delete", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.Status)
	}
	lacks(t, b.get("/alerts").Body, "Remote coding")
	if n := s.count(`SELECT count(*) FROM saved_searches`); n != 1 {
		t.Fatalf("%d left", n)
	}
}

var unsubscribeAction = regexp.MustCompile(`<form method="post" action="([^"]+)"`)

func TestUnsubscribe(t *testing.T) {
	k := newAlertKit(t)
	s := k.s
	b := s.registered("pat@example.com")
	b.post("/alerts", url.Values{"name": {"One"}, "frequency": {"daily"}, "query": {"work_mode=remote"}})
	b.post("/alerts", url.Values{"name": {"Two"}, "frequency": {"weekly"}, "query": {"work_mode=remote"}})
	one, _ := strconv.ParseInt(alertID(t, s, "One"), 10, 64)
	two, _ := strconv.ParseInt(alertID(t, s, "Two"), 10, 64)

	// One-click (RFC 8058): a mail client posts, with no cookie and no CSRF token.
	path := "/alerts/unsubscribe?token=" + url.QueryEscape(models.UnsubscribeToken(alertSecret, one))
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := s.web.Test(req, -1)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("one-click: %v %v", res.StatusCode, err)
	}
	if s.count(`SELECT count(*) FROM saved_searches WHERE id = ?`, one) != 0 {
		t.Fatal("still subscribed")
	}
	// Posting twice is fine.
	if res := s.browser().postRaw(path, url.Values{"List-Unsubscribe": {"One-Click"}}); res.Status != http.StatusOK {
		t.Errorf("again: %d", res.Status)
	}

	// The link in the email: a page with a button, which posts.
	guest := s.browser()
	page := guest.get("/alerts/unsubscribe?token=" + url.QueryEscape(models.UnsubscribeToken(alertSecret, two)))
	mustContain(t, page.Body, "Stop this alert?", "Two")
	if s.count(`SELECT count(*) FROM saved_searches WHERE id = ?`, two) != 1 {
		t.Fatal("the GET unsubscribed")
	}
	m := unsubscribeAction.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no button")
	}
	res2 := guest.postRaw(html.UnescapeString(m[1]), url.Values{"List-Unsubscribe": {"One-Click"}})
	if res2.Status != http.StatusOK || !strings.Contains(res2.Body, "You are unsubscribed") {
		t.Fatalf("button: %d", res2.Status)
	}
	if s.count(`SELECT count(*) FROM saved_searches`) != 0 {
		t.Fatal("still subscribed")
	}

	// A changed or missing token.
	bad := "/alerts/unsubscribe?token=" + strconv.FormatInt(two, 10) + ".forged"
	for _, r := range []response{s.browser().get(bad), s.browser().postRaw(bad, url.Values{}),
		s.browser().get("/alerts/unsubscribe")} {
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "does not work") {
			t.Errorf("bad token: %d", r.Status)
		}
	}
}
