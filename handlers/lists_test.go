package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The public lists and job pages are kept briefly: a change made by another process (here
// a write that bypasses the app's database handle) shows once the kept
// answer's time is up, while any write through the app's own handle drops
// the kept answers at once.
func TestPublicListsAreKeptUntilTheirProcessWrites(t *testing.T) {
	s, jobs := searchBoard(t)
	b := s.browser()
	ctx := context.Background()
	paths := []string{"/", "/jobs", "/jobs.rss", jobs[0].Path()}
	for _, path := range paths {
		if res := b.get(path); !strings.Contains(res.Body, "Risk Adjustment Coder") {
			t.Fatalf("%s lacks the job:\n%s", path, res.Body)
		}
	}
	if _, err := s.db.SQL.ExecContext(ctx, `UPDATE jobs SET title = 'Renamed Elsewhere' WHERE id = $1`, jobs[0].ID); err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		if res := b.get(path); !strings.Contains(res.Body, "Risk Adjustment Coder") || strings.Contains(res.Body, "Renamed Elsewhere") {
			t.Errorf("%s was not kept", path)
		}
	}
	if _, err := s.db.Bun.NewRaw(`UPDATE companies SET name = name WHERE false`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		if res := b.get(path); !strings.Contains(res.Body, "Renamed Elsewhere") {
			t.Errorf("%s still shows the old title after a write through the app", path)
		}
	}
}

// A kept job page follows its job's expiry: once the job expires, the page
// no longer offers the apply button or JSON-LD, kept or not.
func TestKeptJobPageFollowsExpiry(t *testing.T) {
	s, jobs := searchBoard(t)
	b := s.browser()
	if _, err := s.db.SQL.ExecContext(context.Background(),
		`UPDATE jobs SET expires_at = now() + interval '1500 milliseconds' WHERE id = $1`, jobs[0].ID); err != nil {
		t.Fatal(err)
	}
	if res := b.get(jobs[0].Path()); !strings.Contains(res.Body, "application/ld+json") {
		t.Fatalf("live page lacks its JSON-LD:\n%s", res.Body)
	}
	time.Sleep(2 * time.Second)
	if res := b.get(jobs[0].Path()); strings.Contains(res.Body, "application/ld+json") {
		t.Error("the expired job's kept page still carries its JSON-LD")
	}
}

// Guests share a kept job page's body, drawn once, but each gets their own
// CSRF token in its report form, and a report sent from it is taken.
func TestKeptJobPageCarriesEachGuestsToken(t *testing.T) {
	s, jobs := searchBoard(t)
	formToken := regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	var tokens []string
	for i, ip := range []string{"203.0.113.20", "203.0.113.21"} {
		b := s.browser()
		b.ip = ip
		body := b.get(jobs[0].Path()).Body
		meta, form := csrfMeta.FindStringSubmatch(body), formToken.FindStringSubmatch(body)
		if meta == nil || form == nil || meta[1] != form[1] {
			t.Fatalf("guest %d: the report form's token is not the page's own: %v %v", i, meta, form)
		}
		if regexp.MustCompile(`csrf-[0-9a-f]{32}`).MatchString(body) {
			t.Fatalf("guest %d: the page shows the stand-in for the token", i)
		}
		tokens = append(tokens, form[1])
		res := b.postRaw("/jobs/"+strconv.FormatInt(jobs[0].ID, 10)+"/report",
			url.Values{"_csrf": {form[1]}, "reason": {"filled"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("guest %d: report from the kept page: %d", i, res.Status)
		}
	}
	if tokens[0] == tokens[1] {
		t.Error("two guests were given the same token")
	}
}
