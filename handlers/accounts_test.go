package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const password = "correct horse battery"

func TestRegistrationVerificationLoginLogout(t *testing.T) {
	s := newSite(t)
	b := s.browser()

	res := b.post("/register", url.Values{"name": {"Robin Coder"}, "email": {"Robin@Example.com"},
		"password": {password}, "account_type": {"coder"}})
	if res.Status != 200 {
		t.Fatalf("register: %d", res.Status)
	}
	mustContain(t, res.Body, "Check your email", "robin@example.com")

	// Not verified yet: the same refusal as a wrong password.
	res = b.post("/login", url.Values{"email": {"robin@example.com"}, "password": {password}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unverified login: %d", res.Status)
	}

	link := s.lastLink("robin@example.com", "/verify?token=")
	res = b.get(link)
	if res.Status != http.StatusSeeOther || res.Location != "/start" {
		t.Fatalf("verify: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "robin@example.com (verified)", "Robin Coder")

	// The link works once.
	if res := s.browser().get(link); res.Status != http.StatusNotFound {
		t.Fatalf("second use of link: %d", res.Status)
	}

	res = b.post("/logout", url.Values{})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.Status)
	}
	if res := b.get("/account"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Fatalf("account after logout: %d %q", res.Status, res.Location)
	}

	res = b.post("/login", url.Values{"email": {"ROBIN@example.com"}, "password": {password}, "next": {"/account"}})
	if res.Status != http.StatusSeeOther || res.Location != "/account" {
		t.Fatalf("login: %d %q", res.Status, res.Location)
	}
	mustContain(t, b.get("/account").Body, "Robin Coder")
}

func TestRegistrationKeepsInputAndExplainsErrors(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	res := b.post("/register", url.Values{"name": {"Sam <b>Lee</b>"}, "email": {"not-an-email"},
		"password": {"short"}, "account_type": {"employer"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, `value="Sam &lt;b&gt;Lee&lt;/b&gt;"`, `value="not-an-email"`,
		"Enter an email address like name@example.com.", "Use at least 10 characters.",
		`value="employer" checked`)
	if strings.Contains(res.Body, `value="short"`) {
		t.Fatal("the password was echoed back")
	}
}

func TestRegisteringAnExistingAddressRevealsNothing(t *testing.T) {
	s := newSite(t)
	s.registered("taken@example.com")
	b := s.browser()
	res := b.post("/register", url.Values{"name": {"Other"}, "email": {"taken@example.com"},
		"password": {"another password"}, "account_type": {"coder"}})
	fresh := b.post("/register", url.Values{"name": {"Other"}, "email": {"free@example.com"},
		"password": {"another password"}, "account_type": {"coder"}})
	if res.Status != fresh.Status {
		t.Fatalf("statuses differ: %d vs %d", res.Status, fresh.Status)
	}
	mustContain(t, res.Body, "Check your email")
	emails := s.emails("taken@example.com")
	if last := emails[len(emails)-1]; !strings.Contains(last.Subject, "account") || strings.Contains(last.Text, "/verify") {
		t.Fatalf("owner should get an account-exists notice, got %q", last.Subject)
	}
	// The original password still works.
	if res := s.browser().post("/login", url.Values{"email": {"taken@example.com"}, "password": {password}}); res.Status != http.StatusSeeOther {
		t.Fatalf("original login: %d", res.Status)
	}
}

func TestLoginDoesNotEnumerateAccounts(t *testing.T) {
	s := newSite(t)
	s.registered("known@example.com")
	unverified := s.browser()
	unverified.post("/register", url.Values{"name": {"U"}, "email": {"unverified@example.com"},
		"password": {password}, "account_type": {"coder"}})

	b := s.browser()
	try := func(email, pw string) response {
		return b.post("/login", url.Values{"email": {email}, "password": {pw}})
	}
	unknown := try("nobody@example.com", password)
	wrong := try("known@example.com", "wrong password!")
	unver := try("unverified@example.com", password)
	for name, r := range map[string]response{"wrong password": wrong, "unverified": unver} {
		if r.Status != unknown.Status {
			t.Errorf("%s: status %d, unknown email %d", name, r.Status, unknown.Status)
		}
		// Same page apart from the email typed back into the form.
		a := strings.ReplaceAll(r.Body, "known@example.com", "X")
		a = strings.ReplaceAll(a, "unverified@example.com", "X")
		if a != strings.ReplaceAll(unknown.Body, "nobody@example.com", "X") {
			t.Errorf("%s: body differs from the unknown-email body", name)
		}
	}
	if unknown.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", unknown.Status)
	}
	// Password reset answers the same too.
	r1 := b.post("/password/forgot", url.Values{"email": {"nobody@example.com"}})
	r2 := b.post("/password/forgot", url.Values{"email": {"known@example.com"}})
	if r1.Status != r2.Status || strings.ReplaceAll(r1.Body, "nobody@", "X@") != strings.ReplaceAll(r2.Body, "known@", "X@") {
		t.Fatal("password reset reveals whether an account exists")
	}
}

func TestSessionRotatesAtLoginAndCookieFlags(t *testing.T) {
	s := newSite(t)
	s.registered("rot@example.com")
	b := s.browser()
	b.cookies["cc_session"] = "planted-session-id"
	res := b.post("/login", url.Values{"email": {"rot@example.com"}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login %d", res.Status)
	}
	var sess *http.Cookie
	for _, c := range res.Cookies {
		if c.Name == "cc_session" && c.Value != "" {
			sess = c
		}
	}
	if sess == nil || sess.Value == "planted-session-id" {
		t.Fatalf("session id not rotated: %+v", sess)
	}
	if !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie flags: HttpOnly=%v SameSite=%v", sess.HttpOnly, sess.SameSite)
	}
	// A second login rotates again.
	before := b.cookies["cc_session"]
	b.post("/login", url.Values{"email": {"rot@example.com"}, "password": {password}})
	if b.cookies["cc_session"] == before {
		t.Fatal("session id kept across logins")
	}
}

func TestPasswordReset(t *testing.T) {
	s := newSite(t)
	old := s.registered("reset@example.com")
	b := s.browser()
	b.post("/password/forgot", url.Values{"email": {"reset@example.com"}})
	link := s.lastLink("reset@example.com", "/password/reset?token=")
	if res := b.get(link); res.Status != 200 {
		t.Fatalf("reset form: %d", res.Status)
	}
	token := strings.TrimPrefix(link, "/password/reset?token=")

	res := b.post("/password/reset", url.Values{"token": {token}, "password": {"short"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d", res.Status)
	}
	mustContain(t, res.Body, "Use at least 10 characters.")

	res = b.post("/password/reset", url.Values{"token": {token}, "password": {"a brand new password"}})
	if res.Status != http.StatusSeeOther || res.Location != "/login" {
		t.Fatalf("reset: %d %q", res.Status, res.Location)
	}
	if res := b.post("/password/reset", url.Values{"token": {token}, "password": {"yet another password"}}); res.Status != http.StatusNotFound {
		t.Fatalf("reused reset link: %d", res.Status)
	}
	if res := b.post("/login", url.Values{"email": {"reset@example.com"}, "password": {password}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("old password still works: %d", res.Status)
	}
	if res := b.post("/login", url.Values{"email": {"reset@example.com"}, "password": {"a brand new password"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("new password: %d", res.Status)
	}
	// The session from before the reset has ended.
	if res := old.get("/account"); res.Status != http.StatusSeeOther {
		t.Fatalf("old session still signed in: %d", res.Status)
	}
}

func TestChangeEmailPasswordAndDelete(t *testing.T) {
	s := newSite(t)
	b := s.registered("first@example.com")

	res := b.post("/account/email", url.Values{"email": {"second@example.com"}, "password": {"wrong password"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", res.Status)
	}
	mustContain(t, res.Body, "This is not your current password.", `value="second@example.com"`)

	res = b.post("/account/email", url.Values{"email": {"second@example.com"}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change email: %d", res.Status)
	}
	mustContain(t, b.get("/account").Body, "first@example.com")
	res = b.get(s.lastLink("second@example.com", "/email/confirm?token="))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.Status)
	}
	mustContain(t, b.get("/account").Body, "second@example.com (verified)")
	if n := len(s.emails("first@example.com")); n < 2 {
		t.Fatalf("old address was not told of the change (%d emails)", n)
	}

	res = b.post("/account/password", url.Values{"current_password": {password}, "new_password": {"new secret words"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change password: %d %s", res.Status, res.Body)
	}
	if res := b.get("/account"); res.Status != 200 {
		t.Fatalf("this session should stay signed in: %d", res.Status)
	}

	res = b.post("/account/delete", url.Values{"password": {"not it at all"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("delete with wrong password: %d", res.Status)
	}
	res = b.post("/account/delete", url.Values{"password": {"new secret words"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.Status)
	}
	if res := s.browser().post("/login", url.Values{"email": {"second@example.com"}, "password": {"new secret words"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("deleted account can log in: %d", res.Status)
	}
}

func TestNextParameterStaysOnSite(t *testing.T) {
	s := newSite(t)
	s.registered("next@example.com")
	for next, want := range map[string]string{
		"/account": "/account", "//evil.example/": "/account", "https://evil.example/": "/account",
		"/\\evil.example": "/account",
	} {
		b := s.browser()
		res := b.post("/login", url.Values{"email": {"next@example.com"}, "password": {password}, "next": {next}})
		if res.Location != want {
			t.Errorf("next=%q: redirected to %q", next, res.Location)
		}
	}
}

func TestProductionCookiesAreSecureAndDevRoutesAbsent(t *testing.T) {
	s := newSiteWith(t, map[string]string{"APP_ENV": "production", "BASE_URL": "https://jobs.test",
		"SESSION_SECRET": strings.Repeat("k", 40), "SMTP_URL": "smtp://mail.test:25", "MAIL_FROM": "jobs@jobs.test",
		"TRUSTED_PROXY_HEADER": "X-Forwarded-For"})
	if _, err := s.db.Bun.NewRaw(`INSERT INTO users (email, name, password_hash, email_verified_at)
		VALUES ('p@example.com', 'P', ?, now())`, argonOf(t, password)).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	res := b.post("/login", url.Values{"email": {"p@example.com"}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login %d", res.Status)
	}
	for _, c := range res.Cookies {
		if (c.Name == "cc_session" || c.Name == "csrf") && c.Value != "" && !c.Secure {
			t.Errorf("cookie %s is not Secure in production", c.Name)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	if res := b.do(req); res.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS in production over https")
	}
	if res := b.get("/dev/mail"); res.Status != http.StatusNotFound {
		t.Fatalf("dev outbox in production: %d", res.Status)
	}
}

func TestLoginFormExplainsMissingFields(t *testing.T) {
	s := newSite(t)
	res := s.browser().post("/login", url.Values{"email": {""}, "password": {""}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, "Enter your email address.", "Enter your password.", `aria-invalid="true"`)
}
