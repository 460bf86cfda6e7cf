package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPasswordResetJourney: a person who forgot their password asks for a
// link (first with an empty form), follows it from the outbox, is told a
// too-short password is refused, sets a good one and logs in with it.
func TestPasswordResetJourney(t *testing.T) {
	exe := chromium(t)
	base, _ := startSite(t)
	ctx := startBrowser(t, exe)
	const email = "forgetful@example.com"

	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Forgetful Coder", email, "original password", "coder")
	load(t, ctx, "/", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))

	load(t, ctx, "/password/forgot", chromedp.Navigate(base+"/password/forgot"))
	page := loadStatus(t, ctx, "/password/forgot", 422,
		chromedp.Click(chromedp.CSS(`form[action="/password/forgot"] button[type="submit"]`)))
	expectText(t, page, "Enter your email address.")
	page = load(t, ctx, "/password/forgot",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.Click(chromedp.CSS(`form[action="/password/forgot"] button[type="submit"]`)))
	expectText(t, page, "Check your email", email)

	href := waitForSubject(t, ctx, base, email, "password")
	load(t, ctx, href, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, href))))
	load(t, ctx, "/password/reset", chromedp.Click(chromedp.CSS(`a[href*="/password/reset?token="]`)))
	page = loadStatus(t, ctx, "/password/reset", 422,
		chromedp.SendKeys(chromedp.ID("f-password"), "short"),
		chromedp.Click(chromedp.CSS(`form[action="/password/reset"] button[type="submit"]`)))
	expectText(t, page, "Use at least 10 characters.")
	page = load(t, ctx, "/login",
		chromedp.SendKeys(chromedp.ID("f-password"), "a brand new password"),
		chromedp.Click(chromedp.CSS(`form[action="/password/reset"] button[type="submit"]`)))
	expectText(t, page, "Your password has been changed.")

	page = load(t, ctx, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), "a brand new password"),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	expectText(t, page, "Forgetful Coder", email)
}

// waitForSubject reloads the outbox until a message to email whose subject
// contains word shows up, and returns the href of its page (the outbox also
// holds the earlier verification message).
func waitForSubject(t *testing.T, ctx context.Context, base, email, word string) string {
	to, _ := json.Marshal(email)
	w, _ := json.Marshal(word)
	find := fmt.Sprintf(`[...document.querySelectorAll("tbody tr")]
		.filter(tr => tr.cells[1].textContent.trim() === %s && tr.cells[2].textContent.toLowerCase().includes(%s))
		.map(tr => tr.querySelector("a").getAttribute("href"))[0] || ""`, to, w)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		load(t, ctx, "/dev/mail", chromedp.Navigate(base+"/dev/mail"))
		if href := run(t, ctx, chromedp.Evaluate[string](find)); href != "" {
			return href
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no %q mail to %s in the outbox after 15 s", word, email)
	return ""
}
