package handlers_test

import (
	"os"
	"path/filepath"
	"testing"
)

// The pages every site has answer with honest default texts, are linked
// from every page's footer with the prices, and /contact gives the site's
// address.
func TestSitePagesHaveHonestDefaults(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	want := map[string][]string{
		"/about": {"<title>About CareerCenter", "<h1>About CareerCenter</h1>", "Pay on every job", `href="/pricing"`},
		"/terms": {"<h1>Terms of use</h1>", "No fees charged to\ncandidates", "Payments are handled by Stripe"},
		"/privacy": {"<h1>Privacy</h1>", "What we keep", "How long we keep it", "Who sees what", "Export and delete",
			"Employers see your contact details and resume only when you apply", "Download my data", "Delete my account",
			"we never see or store card numbers"},
		"/contact": {"<h1>Contact</h1>", `href="mailto:jobs@localhost"`, "Report\nthis job"},
	}
	for path, parts := range want {
		res := b.get(path)
		if res.Status != 200 {
			t.Fatalf("%s: %d", path, res.Status)
		}
		mustContain(t, res.Body, parts...)
		mustNotContain(t, res.Body, "{contact_email}")
	}
	home := b.get("/").Body
	mustContain(t, home, `<a href="/about">About</a>`, `<a href="/pricing">Pricing</a>`, `<a href="/terms">Terms</a>`,
		`<a href="/privacy">Privacy</a>`, `<a href="/contact">Contact</a>`)
}

// An operator replaces a page by dropping its Markdown in CONTENT_DIR: read
// on every request, so no rebuild or restart; the others keep their
// defaults, and CONTACT_EMAIL sets the address.
func TestSitePagesFromContentDir(t *testing.T) {
	dir := t.TempDir()
	about := filepath.Join(dir, "about.md")
	if err := os.WriteFile(about, []byte("# About Harbor Coding Jobs\n\nRun by Harbor Health. <script>alert(1)</script>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
		"CONTENT_DIR": dir, "CONTACT_EMAIL": "help@harbor.example"})
	b := s.browser()
	res := b.get("/about")
	mustContain(t, res.Body, "<title>About Harbor Coding Jobs", "<h1>About Harbor Coding Jobs</h1>", "Run by Harbor Health.")
	mustNotContain(t, res.Body, "Pay on every job", "<script>alert(1)")
	mustContain(t, b.get("/terms").Body, "<h1>Terms of use</h1>")
	mustContain(t, b.get("/contact").Body, `href="mailto:help@harbor.example"`)

	if err := os.WriteFile(about, []byte("# About us\n\nNew words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustContain(t, b.get("/about").Body, "New words.")
}
