package handlers_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"careercenter/app"
)

// A NUL byte or invalid UTF-8 anywhere in a query or form answers a 400
// page, whatever the route.
func TestUnreadableTextAnswers400(t *testing.T) {
	s := newSite(t)
	b := s.registered("nul@example.com")
	check := func(name string, res response) {
		t.Helper()
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "not readable text") ||
			res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %d\n%.300s", name, res.Status, res.Body)
		}
	}
	for _, path := range []string{"/codes?q=%00", "/codes?q=%ff%fe", "/jobs?q=nurse%00", "/jobs?location=%c3",
		"/jobs?work_mode%00=remote", "/candidates?q=%00", "/codes/cpt/99213%00", "/jobs.rss?q=%80"} {
		check(path, b.get(path))
	}
	check("form field", b.post("/alerts", url.Values{"q": {"coder\x00"}, "email": {"a@example.com"}}))
	check("form field, invalid UTF-8", b.post("/account/password", url.Values{"current": {"\xff"}}))

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", b.token("/"))
	_ = w.WriteField("note", "a\x00b")
	part, _ := w.CreateFormFile("resume", "cv.pdf")
	_, _ = part.Write([]byte("%PDF-1.4 \x00 binary content is fine"))
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/profile/resumes", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	check("multipart field", b.do(req))

	if res := b.get("/codes?q=99213"); res.Status != http.StatusOK {
		t.Fatalf("a clean search: %d", res.Status)
	}
}

// Error pages carry the headers of every other page, and the signed-in
// header, even when Fiber answers before the middleware (413, 431) or the
// error comes before the user is loaded (a refused form).
func TestErrorPagesCarrySecurityHeadersAndTheSignedInHeader(t *testing.T) {
	s := newSite(t)
	b := s.registered("headers@example.com")
	normal := b.get("/jobs")
	names := []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
		"Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "X-Permitted-Cross-Domain-Policies"}
	for _, n := range names {
		if normal.Header.Get(n) == "" {
			t.Fatalf("a normal page lacks %s", n)
		}
	}
	big := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("email="+strings.Repeat("a", 9<<20)))
	big.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	longHeader := httptest.NewRequest(http.MethodGet, "/jobs", nil)
	longHeader.Header.Set("X-Padding", strings.Repeat("b", 16<<10))
	forged := httptest.NewRequest(http.MethodPost, "/account/password", strings.NewReader("_csrf=forged"))
	forged.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	cases := []struct {
		name     string
		req      *http.Request
		status   int
		signedIn bool
	}{
		{"body too large", big, http.StatusRequestEntityTooLarge, true},
		{"headers too large", longHeader, http.StatusRequestHeaderFieldsTooLarge, false}, // no readable cookies
		{"refused form", forged, http.StatusForbidden, true},
		{"missing page", httptest.NewRequest(http.MethodGet, "/no-such-page", nil), http.StatusNotFound, true},
		{"bad text", httptest.NewRequest(http.MethodGet, "/codes?q=%00", nil), http.StatusBadRequest, true},
	}
	for _, c := range cases {
		res := b.overNetwork(c.req)
		if res.Status != c.status {
			t.Errorf("%s: %d, want %d", c.name, res.Status, c.status)
			continue
		}
		for _, n := range names {
			if res.Header.Get(n) != normal.Header.Get(n) {
				t.Errorf("%s: %s is %q, want %q", c.name, n, res.Header.Get(n), normal.Header.Get(n))
			}
		}
		if !strings.Contains(res.Body, "<h1>") {
			t.Errorf("%s: not a page: %.200s", c.name, res.Body)
		}
		if c.signedIn && (!strings.Contains(res.Body, `action="/logout"`) || !strings.Contains(res.Body, "Pat Coder")) {
			t.Errorf("%s: no signed-in header", c.name)
		}
	}
	if res := b.get("/account"); res.Status != http.StatusOK {
		t.Fatalf("still signed in: %d", res.Status)
	}
}

// A file over the site's body limit sends the browser back to its form, with
// the message beside the file field.
func TestUploadOverTheLimitReturnsToItsForm(t *testing.T) {
	s := newSite(t)
	b := s.registered("bigfile@example.com")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", b.token("/"))
	part, _ := w.CreateFormFile("resume", "huge.pdf")
	_, _ = part.Write(bytes.Repeat([]byte("%PDF-1.4 "), 1<<20)) // 9 MB
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/profile/resumes", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	res := b.overNetwork(req)
	if res.Status != http.StatusSeeOther || res.Location != "/profile#resumes" {
		t.Fatalf("over-limit upload: %d %q", res.Status, res.Location)
	}
	page := b.get("/profile")
	mustContain(t, page.Body, `id="e-resume"`, "too large to receive", "at most 5 MB")
	if again := b.get("/profile"); strings.Contains(again.Body, "too large to receive") {
		t.Fatal("the message stays after it was shown")
	}
}

// While PostgreSQL cannot be reached, pages answer 503 with Retry-After and
// a friendly page, not 500.
func TestDatabaseDownAnswers503(t *testing.T) {
	cfg, err := pgxpool.ParseConfig("postgres://postgres@127.0.0.1:1/careercenter?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg) // connects lazily
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	sqldb := stdlib.OpenDBFromPool(pool)
	d := &app.DB{Pool: pool, SQL: sqldb, Bun: bun.NewDB(sqldb, pgdialect.New())}
	conf, err := app.LoadConfig(func(k string) string {
		return map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	web, err := app.New(conf, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/jobs", "/codes?q=99213", "/companies/acme"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(&http.Cookie{Name: "cc_session", Value: "some-session"})
		res, err := web.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s: %d, Retry-After %q", path, res.StatusCode, res.Header.Get("Retry-After"))
		}
		if !strings.Contains(string(body), "briefly unavailable") || strings.Contains(string(body), "dial") {
			t.Errorf("%s: page %.300s", path, body)
		}
	}
}

// overNetwork sends req with the browser's cookies to the app served on a
// loopback port: Fiber's in-memory Test reports an over-long body as its own
// error instead of returning the response.
func (b *browser) overNetwork(req *http.Request) response {
	b.s.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.s.t.Fatal(err)
	}
	go func() { _ = b.s.web.Listener(ln) }()
	defer ln.Close()
	u, _ := url.Parse("http://" + ln.Addr().String() + req.URL.RequestURI())
	body, _ := io.ReadAll(req.Body) // a browser sends a form's length up front
	out, _ := http.NewRequest(req.Method, u.String(), bytes.NewReader(body))
	out.Header = req.Header.Clone()
	for k, v := range b.cookies {
		out.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(out)
	if err != nil {
		b.s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ = io.ReadAll(res.Body)
	for _, c := range res.Cookies() {
		if c.Value == "" || c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return response{Status: res.StatusCode, Body: string(body), Header: res.Header,
		Location: res.Header.Get("Location"), Cookies: res.Cookies()}
}
