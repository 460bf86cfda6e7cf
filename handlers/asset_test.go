package handlers_test

import (
	"io/fs"
	"strings"
	"testing"

	"careercenter/assets"
)

// Stylesheets and scripts go out minified, with the headers a resource
// needs (nosniff, its resource policy, a year's cache) and none of a
// document's; an SVG, which can run script when opened, keeps the document
// headers. Both vary with Accept-Encoding whether or not they are compressed.
func TestAssetsAreMinifiedWithTheirOwnHeaders(t *testing.T) {
	s := newSite(t)
	base := "/assets/" + assets.Version() + "/"
	src, err := fs.ReadFile(assets.FS, "css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	res, body := getWith(t, s.web, base+"css/app.css", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("app.css: %d %v", res.StatusCode, res.Header)
	}
	if len(body) >= len(src)*9/10 || strings.Contains(string(body), "/*") || strings.Contains(string(body), "\n  ") {
		t.Fatalf("app.css is not minified: %d bytes of %d", len(body), len(src))
	}
	// Every selector of the source survives (a rough check that rules were kept).
	for _, sel := range []string{".flash", ".form-error", ".hero", ".visually-hidden", "footer.site"} {
		if !strings.Contains(string(body), sel) {
			t.Errorf("minified app.css lost %q", sel)
		}
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Cross-Origin-Resource-Policy") != "same-origin" ||
		res.Header.Get("Content-Security-Policy") != "" || res.Header.Get("X-Frame-Options") != "" || !varies(res, "Accept-Encoding") {
		t.Fatalf("app.css headers: %v", res.Header)
	}
	res, body = getWith(t, s.web, base+"js/app.js", nil)
	if res.StatusCode != 200 || len(body) == 0 || res.Header.Get("Content-Security-Policy") != "" {
		t.Fatalf("app.js: %d %v", res.StatusCode, res.Header)
	}
	res, _ = getWith(t, s.web, base+"img/favicon.svg", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Frame-Options") == "" {
		t.Fatalf("favicon.svg: %d %v", res.StatusCode, res.Header)
	}
	res, _ = getWith(t, s.web, base+"css/none.css", nil)
	if res.StatusCode != 404 || res.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("missing asset: %d %v", res.StatusCode, res.Header)
	}
}
