package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careercenter/app"
	"careercenter/app/apptest"
)

// goErrorMarks are pieces of Go error text that no page may show.
var goErrorMarks = []string{"<no value>", "%!", "template:", "runtime error", "panic", "SQLSTATE", "sql: ", "Error 500"}

// TestJourney signs up as an employer in a real browser, verifies the address
// through the development outbox, logs out and logs in again.
func TestJourney(t *testing.T) {
	exe := chromium(t)
	base, _ := startSite(t)
	ctx := startBrowser(t, exe)

	const name, email, password = "Grace Employer", "grace@example.com", "long enough password"

	// 1-2. Register as an employer and follow the link from the outbox.
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, name, email, password, "employer")

	// 3. Signed in, on the employer's first steps, with a verified address.
	expectText(t, run(t, ctx, chromedp.Text(chromedp.CSS("main"))), "Create your company, then post a job", "Post a job")
	load(t, ctx, "/account", chromedp.Navigate(base+"/account"))
	shown := run(t, ctx, chromedp.Text(chromedp.ID("account-email")))
	if !strings.Contains(shown, email) || !strings.Contains(shown, "verified") {
		t.Fatalf("account shows email %q, want %q and verified", shown, email)
	}

	// 4. Log out.
	load(t, ctx, "/", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
	link := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('header a[href="/login"]')?.textContent.trim() ?? ""`))
	if link != "Log in" {
		t.Fatalf("home page after logout: login link %q, want Log in", link)
	}

	// 5. Log in again.
	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	page := load(t, ctx, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	expectText(t, page, name, email)

	// 6. Keep a picture of the account page.
	png := run(t, ctx, chromedp.FullScreenshot(100))
	if len(png) < 8 || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	shot := filepath.Join(t.TempDir(), "account.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", shot, len(png))
}

// registerAndVerify fills the open registration form, then follows the
// verification link from the development outbox, ending signed in on the
// first steps (/start).
func registerAndVerify(t *testing.T, ctx context.Context, base, name, email, password, accountType string) {
	t.Helper()
	page := load(t, ctx, "/register",
		chromedp.SendKeys(chromedp.ID("f-name"), name),
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="account_type"][value=%q]`, accountType))),
		chromedp.Click(chromedp.CSS(`form[action="/register"] button[type="submit"]`)))
	expectText(t, page, "Check your email", email)
	href := waitForMail(t, ctx, base, email)
	load(t, ctx, href, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, href))))
	load(t, ctx, "/start", chromedp.Click(chromedp.CSS(`a[href*="/verify?token="]`)))
}

// chromium returns the browser to drive, skipping the test when there is none
// (failing it in CI).
func chromium(t *testing.T) string {
	exe := os.Getenv("CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	path, err := exec.LookPath(exe)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no Chromium: %v", err)
		}
		t.Skipf("no Chromium: %v", err)
	}
	return path
}

// startSite serves the app and runs its mail worker on a fresh database, and
// returns the base URL and the database.
func startSite(t *testing.T) (string, *app.DB) {
	base, d, _ := startSiteWith(t, nil)
	return base, d
}

// startSiteWith is startSite with extra environment variables for the
// configuration; it also returns the configuration.
func startSiteWith(t *testing.T, extra map[string]string) (string, *app.DB, app.Config) {
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	d := apptest.DB(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	env := map[string]string{"APP_ENV": "dev", "PORT": port, "BASE_URL": "http://127.0.0.1:" + port}
	maps.Copy(env, extra)
	cfg, err := app.LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	web, err := app.New(cfg, d, log)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = web.Listener(ln) }()
	t.Cleanup(func() { _ = web.Shutdown() })

	worker, err := app.NewWorker(cfg, d, log)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Start(t, worker, 10*time.Second)
	return cfg.BaseURL, d, cfg
}

// startBrowser starts headless Chromium with a fresh profile; the returned
// context ends the browser and the journey after 60 seconds.
func startBrowser(t *testing.T, exe string) context.Context {
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun, chromedp.UserDataDir(profile),
		// A desktop width: below 1100 px the header folds into its menu.
		chromedp.WindowSize(1280, 900))
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancel() })
	return ctx
}

// waitForMail reloads the outbox until a message to email shows up and
// returns the href of its link.
func waitForMail(t *testing.T, ctx context.Context, base, email string) string {
	t.Helper()
	return waitForMailAbout(t, ctx, base, email, "")
}

// waitForMailAbout is waitForMail for the newest mail to email whose subject
// contains about: another mail to the same address may be kept after it.
func waitForMailAbout(t *testing.T, ctx context.Context, base, email, about string) string {
	t.Helper()
	to, _ := json.Marshal(email)
	subject, _ := json.Marshal(about)
	find := fmt.Sprintf(`[...document.querySelectorAll("tbody tr")]
		.filter(tr => tr.cells[1].textContent.trim() === %s && tr.cells[2].textContent.includes(%s))
		.map(tr => tr.querySelector("a").getAttribute("href"))[0] || ""`, to, subject)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		load(t, ctx, "/dev/mail", chromedp.Navigate(base+"/dev/mail"))
		if href := run(t, ctx, chromedp.Evaluate[string](find)); href != "" {
			return href
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no mail to %s about %q in the outbox after 15 s", email, about)
	return ""
}

// load runs actions that end in a page load, and checks the page loaded at
// path and shows no Go error. It returns the text of the page.
func load(t *testing.T, ctx context.Context, path string, actions ...chromedp.Action[chromedp.Void]) string {
	t.Helper()
	return loadStatus(t, ctx, path, 200, actions...)
}

// loadStatus is load for a page answering with status (200 means any success).
func loadStatus(t *testing.T, ctx context.Context, path string, status int, actions ...chromedp.Action[chromedp.Void]) string {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	u, err := url.Parse(res.URL)
	ok := res.Status == int64(status) || (status == 200 && res.Status < 400)
	if err != nil || !ok || u.Path != path {
		t.Fatalf("wanted %d %s, got %d %s", status, path, res.Status, res.URL)
	}
	body := run(t, ctx, chromedp.Evaluate[string](`document.body.innerText`))
	for _, m := range goErrorMarks {
		if strings.Contains(body, m) {
			t.Fatalf("%s shows %q:\n%s", res.URL, m, body)
		}
	}
	return body
}

// expectText checks the page text holds every one of want.
func expectText(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Fatalf("page does not show %q:\n%s", w, body)
		}
	}
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
