package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// addCandidate stores a coder with a profile and one self-declared CPC
// (number CPC-<n>), straight in the database, and returns the user's id.
// Names, emails, summaries and numbers are unique to the candidate so a
// test can look for them in a page.
func (s *site) addCandidate(n int, headline string, visible bool) string {
	s.t.Helper()
	var id string
	err := s.db.Bun.NewRaw(`WITH u AS (INSERT INTO users (email, name) VALUES (?, ?) RETURNING id),
		p AS (INSERT INTO profiles (user_id, headline, summary, credentials, years_experience, city, state,
			remote_preference, remote_states, desired_pay, desired_pay_period, visible)
			SELECT id, ?, ?, '{CPC}', 5, 'Tampa', 'FL', 'remote', '{FL,GA}', 31, 'hour', ? FROM u)
		INSERT INTO profile_credentials (user_id, credential, number, year)
		SELECT id, 'CPC', ?, 2019 FROM u RETURNING user_id::text`,
		fmt.Sprintf("cand%d@example.com", n), fmt.Sprintf("Quinn Candidate%d", n), headline,
		fmt.Sprintf("Summary-%d of charts coded", n), visible, fmt.Sprintf("CPC-%d", 90000+n)).
		Scan(context.Background(), &id)
	if err != nil {
		s.t.Fatal(err)
	}
	return id
}

// private bits of candidate n that only the full profile page may show.
func candidatePrivates(n int) []string {
	return append(candidateContacts(n), fmt.Sprintf("Summary-%d", n))
}

// candidateContacts are what identifies or reaches candidate n: no employer
// sees them before the candidate applies to the employer's job.
func candidateContacts(n int) []string {
	return []string{fmt.Sprintf("Quinn Candidate%d", n), fmt.Sprintf("cand%d@example.com", n),
		fmt.Sprintf("CPC-%d", 90000+n)}
}

// searchingEmployer is postingEmployer whose company unlocks candidate
// search: an admin marked it trusted.
func searchingEmployer(s *site, email, slug string) (*browser, string) {
	s.t.Helper()
	b, companyID := postingEmployer(s, email, slug)
	if _, err := s.db.Bun.ExecContext(context.Background(), `UPDATE companies SET trusted = true WHERE id = ?`, companyID); err != nil {
		s.t.Fatal(err)
	}
	return b, companyID
}

func mustNotContain(t *testing.T, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(body, p) {
			t.Fatalf("page shows %q:\n%s", p, body)
		}
	}
}

func TestCandidateSearchIsForEmployers(t *testing.T) {
	s := newSite(t)
	id := s.addCandidate(1, "Remote pro-fee coder", true)
	coder := s.registered("coder@example.com")
	for _, path := range []string{"/candidates", "/candidates?q=coder", "/candidates/" + id, "/candidates/987654"} {
		res := coder.get(path)
		if res.Status != http.StatusForbidden {
			t.Fatalf("coder GET %s: %d", path, res.Status)
		}
		mustContain(t, res.Body, "Candidate search is for employers", `href="/companies/new"`)
		mustNotContain(t, res.Body, "Remote pro-fee coder")
	}
	if res := s.browser().get("/candidates"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Fatalf("guest: %d %q", res.Status, res.Location)
	}
	if n := s.meterViews(); n != 0 {
		t.Fatalf("refused requests counted %d views", n)
	}

	employer, _ := searchingEmployer(s, "hr@example.com", "acme-health")
	admin := postingAdmin(s, "admin@example.com")
	for name, b := range map[string]*browser{"employer": employer, "admin": admin} {
		res := b.get("/candidates")
		if res.Status != http.StatusOK {
			t.Fatalf("%s: %d", name, res.Status)
		}
		mustContain(t, res.Body, "Remote pro-fee coder", "CPC", `href="/candidates/`+id+`"`, "Tampa, FL", "Remote only")
		mustNotContain(t, res.Body, candidatePrivates(1)...)
	}
}

func TestCandidateSearchFiltersPagesAndPrivateProfiles(t *testing.T) {
	s := newSite(t)
	employer, _ := searchingEmployer(s, "hr@example.com", "acme-health")
	private := s.addCandidate(0, "Private inpatient coder", false)
	for i := 1; i <= 21; i++ {
		s.addCandidate(i, fmt.Sprintf("Outpatient coder number %d", i), true)
	}
	if _, err := s.db.Bun.ExecContext(context.Background(),
		`UPDATE profiles SET credentials = '{CCS}', headline = 'Inpatient DRG coder' WHERE user_id = (SELECT id FROM users WHERE email = 'cand7@example.com')`); err != nil {
		t.Fatal(err)
	}

	res := employer.get("/candidates?credential=CCS")
	mustContain(t, res.Body, "Inpatient DRG coder")
	mustNotContain(t, res.Body, "Outpatient coder number", "Private inpatient coder")
	res = employer.get("/candidates?q=inpatient")
	mustContain(t, res.Body, "Inpatient DRG coder")
	mustNotContain(t, res.Body, "Private inpatient coder")

	// Garbage is dropped, never an error.
	res = employer.get(`/candidates?q=%22%26%26%7C!(&years=abc&credential=NOPE&remote=mars&state=ZZ&cursor=%25%25`)
	if res.Status != http.StatusOK {
		t.Fatalf("garbage query: %d", res.Status)
	}

	// 21 visible profiles: a first page of 20 and a second of 1, no repeats.
	seen := map[string]bool{}
	cardRE := regexp.MustCompile(`href="/candidates/(\d+)"`)
	first := employer.get("/candidates")
	next := regexp.MustCompile(`href="(/candidates\?cursor=[^"]+)" rel="next"`).FindStringSubmatch(first.Body)
	if next == nil {
		t.Fatal("no next page link")
	}
	second := employer.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	for _, body := range []string{first.Body, second.Body} {
		for _, m := range cardRE.FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Fatalf("profile %s on two pages", m[1])
			}
			seen[m[1]] = true
		}
	}
	if len(seen) != 21 || seen[private] {
		t.Fatalf("pages showed %d profiles (private shown: %v)", len(seen), seen[private])
	}
	mustContain(t, second.Body, "First page")

	for _, path := range []string{"/candidates/" + private, "/candidates/987654"} {
		if res := employer.get(path); res.Status != http.StatusNotFound {
			t.Fatalf("%s: %d", path, res.Status)
		}
	}
	if n := s.meterViews(); n != 0 {
		t.Fatalf("404s counted %d views", n)
	}
}

const profileLimitMessage = "0 profile views remaining. Free accounts are limited to 6 page views a month. Upgrade to Pro for unlimited views."

func TestCandidateProfilesAreMetered(t *testing.T) {
	s := newSite(t)
	employer, _ := searchingEmployer(s, "hr@example.com", "acme-health")
	ids := make([]string, 8)
	for i := 1; i <= 7; i++ {
		ids[i] = s.addCandidate(i, fmt.Sprintf("Coder headline %d", i), true)
	}
	for i := 1; i <= 6; i++ {
		res := employer.get("/candidates/" + ids[i])
		if res.Status != http.StatusOK {
			t.Fatalf("profile %d: %d", i, res.Status)
		}
		mustContain(t, res.Body, fmt.Sprintf("Summary-%d", i), fmt.Sprintf("Coder headline %d", i))
		mustNotContain(t, res.Body, candidateContacts(i)...)
		mustContain(t, res.Body, "Self-declared", "Remote only", "$31 per hour", "Florida, Georgia")
		mustNotContain(t, res.Body, "/resume", "Mark verified")
	}

	res := employer.get("/candidates/" + ids[7])
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("seventh profile: %d", res.Status)
	}
	mustContain(t, res.Body, profileLimitMessage, `href="/pricing"`, "Coder headline 7", "CPC")
	mustNotContain(t, res.Body, candidatePrivates(7)...)
	mustNotContain(t, res.Body, "Tampa", "$31")

	// Re-opening a counted profile is free.
	if res := employer.get("/candidates/" + ids[1]); res.Status != http.StatusOK {
		t.Fatalf("re-view: %d", res.Status)
	}

	if _, err := s.db.Bun.ExecContext(context.Background(), `UPDATE users SET plan = 'pro' WHERE email = 'hr@example.com'`); err != nil {
		t.Fatal(err)
	}
	res = employer.get("/candidates/" + ids[7])
	if res.Status != http.StatusOK {
		t.Fatalf("pro: %d", res.Status)
	}
	mustContain(t, res.Body, "Summary-7")
	mustNotContain(t, res.Body, candidateContacts(7)...)
}

func TestCandidatesSeeTheirOwnProfileFree(t *testing.T) {
	s := newSite(t)
	coder := s.registered("coder@example.com")
	id := userID(t, s, "coder@example.com")
	if _, err := s.db.Bun.ExecContext(context.Background(), `INSERT INTO profiles (user_id, headline, summary, visible)
		VALUES (?, 'My own headline', 'My own summary', false)`, id); err != nil {
		t.Fatal(err)
	}
	for range 8 {
		res := coder.get("/candidates/" + id)
		if res.Status != http.StatusOK {
			t.Fatalf("own profile: %d", res.Status)
		}
		mustContain(t, res.Body, "My own headline", "My own summary", "coder@example.com", "It is private", `href="/profile"`)
	}
	if n := s.meterViews(); n != 0 {
		t.Fatalf("own profile counted %d views", n)
	}
}

func TestAdminsMarkCredentialsVerifiedFromTheProfile(t *testing.T) {
	s := newSite(t)
	id := s.addCandidate(1, "Coder", true)
	var credID string
	if err := s.db.Bun.NewRaw(`SELECT id::text FROM profile_credentials WHERE user_id = ?`, id).
		Scan(context.Background(), &credID); err != nil {
		t.Fatal(err)
	}
	admin := postingAdmin(s, "admin@example.com")
	res := admin.get("/candidates/" + id)
	if res.Status != http.StatusOK {
		t.Fatalf("admin: %d", res.Status)
	}
	mustContain(t, res.Body, `action="/admin/credentials/`+credID+`/verify"`, "Mark verified", `name="_csrf"`)

	if _, err := s.db.Bun.ExecContext(context.Background(),
		`UPDATE profile_credentials SET verified_at = '2025-02-03T10:00:00Z' WHERE id = ?`, credID); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/candidates/" + id)
	mustContain(t, res.Body, "Verified on Feb 3, 2025")
	mustNotContain(t, res.Body, "Mark verified")
	employer, _ := searchingEmployer(s, "hr@example.com", "acme-health")
	mustContain(t, employer.get("/candidates").Body, "(verified)")
}

// meterViews counts every metered view recorded.
func (s *site) meterViews() int {
	s.t.Helper()
	var n int
	if err := s.db.Bun.NewRaw(`SELECT count(*) FROM meter_views`).Scan(context.Background(), &n); err != nil {
		s.t.Fatal(err)
	}
	return n
}
