package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"careercenter/models/demo"
)

// A code page read again costs a fixed, small number of statements: the
// code, its related codes and its sections come from the code page cache,
// and the recently viewed list is not written when the code already heads
// it.
func TestCodePageStatements(t *testing.T) {
	s, log := newCountedSite(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, s.db.Bun); err != nil {
		t.Fatal(err)
	}
	pro := s.registered("pro@example.com")
	if _, err := s.db.Bun.NewRaw(`UPDATE users SET plan = 'pro' WHERE email = 'pro@example.com'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	guest := s.browser()
	cases := []struct {
		name string
		b    *browser
		path string
		max  int
	}{
		{"pro reader, all six sections", pro, "/codes/cpt/20697", 1}, // session, account and newest code
		{"guest re-view", guest, "/codes/icd-10-cm/E11.9", 1},
	}
	// A code no one has opened yet: the page is read in one statement.
	log.take()
	if res := pro.get("/codes/cpt/99213"); res.Status != http.StatusOK {
		t.Fatalf("pro, first view: %d", res.Status)
	}
	if got := log.take(); len(got) > 3 {
		t.Errorf("pro reader, a code not cached: %d statements, want 3:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, c := range cases {
		if res := c.b.get(c.path); res.Status != http.StatusOK {
			t.Fatalf("%s: first view %d", c.name, res.Status)
		}
		log.take()
		if res := c.b.get(c.path); res.Status != http.StatusOK {
			t.Fatalf("%s: %d", c.name, res.Status)
		}
		got := log.take()
		for _, q := range got {
			t.Logf("%s: %.160s", c.name, q)
		}
		if len(got) > c.max {
			t.Errorf("%s: %d statements, want at most %d", c.name, len(got), c.max)
		}
	}
}

// The code page cache keeps what every allowed reader sees, never who may
// see it: after a Pro reader has the sections drawn and cached, a guest
// still gets the locked blocks, and a free account at its limit the teaser.
func TestCachedCodePageStillLocksPerViewer(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := demo.SeedSampleCodes(ctx, s.db.Bun); err != nil {
		t.Fatal(err)
	}
	pro := s.registered("pro@example.com")
	if _, err := s.db.Bun.NewRaw(`UPDATE users SET plan = 'pro' WHERE email = 'pro@example.com'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		res := pro.get("/codes/cpt/20697")
		if res.Status != http.StatusOK {
			t.Fatalf("pro: %d", res.Status)
		}
		mustContain(t, res.Body, sectionMarkers...)
		noSections(t, res.Body, "locked-block")
	}

	guest := s.browser()
	for range 2 { // the view spent, then the free re-view
		res := guest.get("/codes/cpt/20697")
		if res.Status != http.StatusOK {
			t.Fatalf("guest: %d", res.Status)
		}
		lockedBlocks(t, res.Body, `<a href="/register">Create a free account to unlock this content</a>`)
		noSections(t, res.Body, sectionMarkers...)
	}

	free := s.registered("free@example.com")
	for _, c := range []string{"99213", "93000", "45378", "27447", "99214", "20697"} {
		free.get("/codes/cpt/" + c)
	}
	res := free.get("/codes/cpt/20690")
	if res.Status != http.StatusPaymentRequired {
		t.Fatalf("free at the limit: %d", res.Status)
	}
	res = free.get("/codes/cpt/20697") // counted before the limit: still open
	if res.Status != http.StatusOK {
		t.Fatalf("free re-view: %d", res.Status)
	}
	mustContain(t, res.Body, sectionMarkers...)
}
