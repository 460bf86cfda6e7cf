package app_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// keepShots saves the current page at desktop and phone widths into
// $SHOTS_DIR, when it is set, for looking at the pages by eye.
func keepShots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SHOTS_DIR")
	if dir == "" {
		return
	}
	for _, w := range []int64{1280, 390} {
		run(t, ctx, chromedp.EmulateViewport(w, 900))
		png := run(t, ctx, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, ctx, chromedp.EmulateViewport(1280, 900))
}

// TestThrottledOwnerJourney: someone guesses an owner's password ten times;
// the owner, refused a password sign-in for now, asks for a sign-in link,
// gets it by email, and signs in with it.
func TestThrottledOwnerJourney(t *testing.T) {
	exe := chromium(t)
	base, _ := startSite(t)
	ctx := startBrowser(t, exe)
	const name, email, password = "Olive Owner", "olive@example.com", "long enough password"

	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, name, email, password, "coder")
	load(t, ctx, "/", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))

	for i := 0; i < 10; i++ {
		load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
		loadStatus(t, ctx, "/login", 422,
			chromedp.SendKeys(chromedp.ID("f-email"), email),
			chromedp.SendKeys(chromedp.ID("f-password"), fmt.Sprintf("guess number %d", i)),
			chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	}
	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	page := loadStatus(t, ctx, "/login", 429,
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	expectText(t, page, "Too many failed attempts", "Email me a sign-in link")
	keepShots(t, ctx, "login-throttled")

	page = load(t, ctx, "/login/link", chromedp.Click(chromedp.CSS(`form[action="/login/link"] button[type="submit"]`)))
	expectText(t, page, "Check your email", email, "15 minutes")
	keepShots(t, ctx, "login-link-sent")

	// The notice of failed attempts may be kept after the link: ask by subject.
	href := waitForMailAbout(t, ctx, base, email, "Your sign-in link")
	page = load(t, ctx, href, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, href))))
	expectText(t, page, "Your sign-in link", "15 minutes")
	page = load(t, ctx, "/login/link", chromedp.Click(chromedp.CSS(`a[href*="/login/link?token="]`)))
	expectText(t, page, "signs you in to CareerCenter once")
	keepShots(t, ctx, "login-link-confirm")
	page = load(t, ctx, "/account", chromedp.Click(chromedp.CSS(`form[action="/login/link/use"] button[type="submit"]`)))
	expectText(t, page, name, email)
}

// TestOverLimitUploadJourney: a resume over the site's body limit, chosen in
// a real browser, comes back to the profile with a message by the field
// (not a connection error).
func TestOverLimitUploadJourney(t *testing.T) {
	exe := chromium(t)
	base, _ := startSite(t)
	ctx := startBrowser(t, exe)
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Ada Coder", "ada@example.com", "long enough password", "coder")

	big := filepath.Join(t.TempDir(), "resume.pdf")
	if err := os.WriteFile(big, bytes.Repeat([]byte("%PDF-1.4 "), 1<<20), 0o644); err != nil { // 9 MB
		t.Fatal(err)
	}
	load(t, ctx, "/profile", chromedp.Navigate(base+"/profile"))
	page := load(t, ctx, "/profile",
		chromedp.SetUploadFiles(chromedp.ID("f-resume"), []string{big}),
		chromedp.Click(chromedp.CSS(`form[action="/profile/resumes"] button[type="submit"]`)))
	expectText(t, page, "too large to receive", "at most 5 MB")
	run(t, ctx, chromedp.WaitVisible(chromedp.ID("e-resume")))
	keepShots(t, ctx, "upload-too-large")
}
