package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/gofiber/fiber/v2"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/handlers"
)

// site is the production app on a fresh database.
type site struct {
	t   testing.TB
	web *fiber.App
	db  *app.DB
	h   *handlers.Handler
}

func newSite(t testing.TB) *site {
	t.Helper()
	// Job views are written as they happen, so a test reads them right away
	// (TestJobViewsAreBufferedAndWrittenInBatches covers the buffer).
	return newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "JOB_VIEW_FLUSH": "0"})
}

func newSiteWith(t testing.TB, env map[string]string) *site {
	t.Helper()
	d := apptest.DB(t)
	if env["APP_ENV"] == "production" {
		env["DATABASE_URL"] = apptest.URL(d)
	}
	cfg, err := app.LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	web, h, err := app.NewSite(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, web: web, db: d, h: h}
}

// browser keeps cookies between requests, like a person's browser.
type browser struct {
	s       *site
	cookies map[string]string
	ip      string
}

func (s *site) browser() *browser {
	return &browser{s: s, cookies: map[string]string{}, ip: "203.0.113.7"}
}

type response struct {
	Status   int
	Body     string
	Header   http.Header
	Location string
	Cookies  []*http.Cookie
}

func (b *browser) do(req *http.Request) response {
	b.s.t.Helper()
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	req.Header.Set("X-Forwarded-For", b.ip)
	req.RemoteAddr = b.ip + ":1234"
	res, err := b.s.web.Test(req, -1)
	if err != nil {
		b.s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, c := range res.Cookies() {
		if c.Value == "" || c.MaxAge < 0 || (!c.Expires.IsZero() && c.Expires.Before(time.Now())) {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return response{Status: res.StatusCode, Body: string(body), Header: res.Header,
		Location: res.Header.Get("Location"), Cookies: res.Cookies()}
}

func (b *browser) get(path string) response {
	return b.do(httptest.NewRequest(http.MethodGet, path, nil))
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// post sends a form the way the page would: with the CSRF token of the page.
func (b *browser) post(path string, form url.Values) response {
	b.s.t.Helper()
	if form.Get("_csrf") == "" {
		m := csrfMeta.FindStringSubmatch(b.get("/").Body)
		if m == nil {
			b.s.t.Fatal("no CSRF token on the home page")
		}
		form.Set("_csrf", m[1])
	}
	return b.postRaw(path, form)
}

func (b *browser) postRaw(path string, form url.Values) response {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// emails returns the emails queued for an address, oldest first.
func (s *site) emails(to string) []mail.EmailArgs {
	s.t.Helper()
	var raw []json.RawMessage
	err := s.db.Bun.NewRaw(`SELECT args FROM river_job WHERE kind = 'email' AND args->>'to' = ? ORDER BY id`, to).
		Scan(context.Background(), &raw)
	if err != nil {
		s.t.Fatal(err)
	}
	out := make([]mail.EmailArgs, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			s.t.Fatal(err)
		}
	}
	return out
}

var linkRE = regexp.MustCompile(`http://jobs\.test(/[^\s"<>]+)`)

// lastLink returns the path of the last link containing part in the newest
// email to an address.
func (s *site) lastLink(to, part string) string {
	s.t.Helper()
	emails := s.emails(to)
	if len(emails) == 0 {
		s.t.Fatalf("no email to %s", to)
	}
	for _, m := range linkRE.FindAllStringSubmatch(emails[len(emails)-1].Text, -1) {
		if strings.Contains(m[1], part) {
			return m[1]
		}
	}
	s.t.Fatalf("no %s link in %q", part, emails[len(emails)-1].Text)
	return ""
}

// registered makes a verified, signed-in account through the real pages.
func (s *site) registered(email string) *browser {
	s.t.Helper()
	b := s.browser()
	res := b.post("/register", url.Values{"name": {"Pat Coder"}, "email": {email},
		"password": {"correct horse battery"}, "account_type": {"coder"}})
	if res.Status != 200 {
		s.t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	res = b.get(s.lastLink(email, "/verify"))
	if res.Status != http.StatusSeeOther || res.Location != "/start" {
		s.t.Fatalf("verify: %d %s", res.Status, res.Location)
	}
	return b
}

func mustContain(t *testing.T, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Fatalf("page lacks %q:\n%s", p, body)
		}
	}
}

func argonOf(t *testing.T, plain string) string {
	t.Helper()
	h, err := argon2id.CreateHash(plain, argon2id.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
