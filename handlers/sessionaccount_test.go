package handlers_test

import (
	"net/http"
	"net/url"
	"testing"
)

// A session signed in names its account in its row, so a signed-in request
// reads both in one statement; sessions from before that column still work
// from their data, and both kinds end at a password change elsewhere, a ban
// and the account's deletion.
func TestSessionNamesItsAccount(t *testing.T) {
	s := newSite(t)
	b := s.registered("bound@example.com")
	uid := s.userID("bound@example.com")
	key := b.cookies["cc_session"]
	if n := s.count(`SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.key = ? AND u.id = ? AND s.epoch = u.session_epoch`, key, uid); n != 1 {
		t.Fatalf("the signed-in session does not name its account (%d rows)", n)
	}
	signedIn := func(b *browser) bool {
		t.Helper()
		res := b.get("/account")
		if res.Status != http.StatusOK && res.Status != http.StatusSeeOther {
			t.Fatalf("/account: %d", res.Status)
		}
		return res.Status == http.StatusOK
	}
	if !signedIn(b) {
		t.Fatal("a bound session is not signed in")
	}

	// A session from before the column: read from its data.
	legacy := s.browser()
	if res := legacy.post("/login", url.Values{"email": {"bound@example.com"}, "password": {password}}); res.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", res.Status)
	}
	s.exec(t, `UPDATE sessions SET user_id = NULL, epoch = NULL WHERE key = ?`, legacy.cookies["cc_session"])
	if !signedIn(legacy) {
		t.Fatal("a session from before the column is signed out")
	}

	// An unknown or guest session is a guest.
	bogus := s.browser()
	bogus.cookies["cc_session"] = "no-such-session"
	if signedIn(bogus) {
		t.Fatal("an unknown session is signed in")
	}

	// A password changed in one session signs out the others, of both kinds.
	other := s.browser()
	other.post("/login", url.Values{"email": {"bound@example.com"}, "password": {password}})
	if !signedIn(other) {
		t.Fatal("second session")
	}
	if res := b.post("/account/password", url.Values{"current_password": {password}, "new_password": {"new secret words"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("change password: %d", res.Status)
	}
	if !signedIn(b) || signedIn(other) || signedIn(legacy) {
		t.Fatal("after a password change only the session that changed it stays signed in")
	}

	// A ban ends it; so does the account's deletion, which takes its sessions.
	s.exec(t, `UPDATE users SET banned_at = now() WHERE id = ?`, uid)
	if signedIn(b) {
		t.Fatal("a banned account's session is signed in")
	}
	s.exec(t, `UPDATE users SET banned_at = NULL WHERE id = ?`, uid)
	if !signedIn(b) {
		t.Fatal("unbanned")
	}
	s.exec(t, `DELETE FROM users WHERE id = ?`, uid)
	if signedIn(b) || s.count(`SELECT count(*) FROM sessions WHERE user_id = ?`, uid) != 0 {
		t.Fatal("a deleted account's session remains")
	}
}
