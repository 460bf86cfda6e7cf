package handlers_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"careercenter/assets"
)

func getWith(t *testing.T, s interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, path string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := s.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func varies(res *http.Response, field string) bool {
	for _, v := range res.Header.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), field) {
				return true
			}
		}
	}
	return false
}

// Text answers are compressed as the client asks, say so in Vary, and
// decompress to the page; HTML also varies with the session cookie.
func TestCompressionIsNegotiated(t *testing.T) {
	s := newSite(t)
	plain, plainBody := getWith(t, s.web, "/login", nil)
	if plain.Header.Get("Content-Encoding") != "" || !bytes.Contains(plainBody, []byte("Log in")) {
		t.Fatalf("no Accept-Encoding: encoding %q", plain.Header.Get("Content-Encoding"))
	}
	if !varies(plain, "Accept-Encoding") || !varies(plain, "Cookie") {
		t.Fatalf("Vary %v", plain.Header.Values("Vary"))
	}
	for _, tc := range []struct {
		accept, want string
		open         func(io.Reader) (io.Reader, error)
	}{
		{"gzip", "gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{"gzip, deflate, br", "br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
	} {
		for _, path := range []string{"/login", "/assets/" + assets.Version() + "/css/app.css",
			"/assets/" + assets.Version() + "/js/app.js", "/jobs.rss", "/sitemap.xml"} {
			res, body := getWith(t, s.web, path, map[string]string{"Accept-Encoding": tc.accept})
			if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != tc.want {
				t.Fatalf("%s with %q: status %d, encoding %q", path, tc.accept, res.StatusCode, res.Header.Get("Content-Encoding"))
			}
			if !varies(res, "Accept-Encoding") {
				t.Errorf("%s: Vary %v", path, res.Header.Values("Vary"))
			}
			r, err := tc.open(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := io.ReadAll(r)
			if err != nil || len(raw) <= len(body) {
				t.Fatalf("%s: %d compressed bytes became %d: %v", path, len(body), len(raw), err)
			}
		}
	}
	// HTMX asks for a fragment of /jobs: the answer depends on HX-Request.
	res, _ := getWith(t, s.web, "/jobs", map[string]string{"HX-Request": "true"})
	if !varies(res, "HX-Request") || !varies(res, "Cookie") {
		t.Fatalf("/jobs Vary %v", res.Header.Values("Vary"))
	}
}

// The feed, the sitemap and the assets carry ETag and Last-Modified and
// answer 304 to a client whose copy is current, and 200 once it is not.
func TestValidatorsAnswerNotModified(t *testing.T) {
	s, _ := searchBoard(t)
	for _, path := range []string{"/jobs.rss", "/sitemap.xml", "/assets/" + assets.Version() + "/css/app.css"} {
		first, body := getWith(t, s.web, path, nil)
		etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if first.StatusCode != 200 || etag == "" || modified == "" || len(body) == 0 {
			t.Fatalf("%s: status %d, ETag %q, Last-Modified %q", path, first.StatusCode, etag, modified)
		}
		lm, err := http.ParseTime(modified)
		if err != nil {
			t.Fatalf("%s: Last-Modified %q: %v", path, modified, err)
		}
		for _, h := range []map[string]string{
			{"If-None-Match": etag},
			{"If-None-Match": `"other", ` + etag},
			{"If-Modified-Since": modified},
			{"If-Modified-Since": lm.Add(time.Hour).Format(http.TimeFormat)},
		} {
			res, b := getWith(t, s.web, path, h)
			if res.StatusCode != http.StatusNotModified || len(b) != 0 {
				t.Errorf("%s with %v: status %d, %d bytes", path, h, res.StatusCode, len(b))
			}
		}
		for _, h := range []map[string]string{
			{"If-None-Match": `W/"stale"`},
			{"If-Modified-Since": lm.Add(-time.Hour).Format(http.TimeFormat)},
			// If-None-Match wins over a current If-Modified-Since.
			{"If-None-Match": `W/"stale"`, "If-Modified-Since": modified},
		} {
			res, b := getWith(t, s.web, path, h)
			if res.StatusCode != 200 || !bytes.Equal(b, body) {
				t.Errorf("%s with %v: status %d", path, h, res.StatusCode)
			}
		}
	}
	// The feed's Last-Modified is its newest job, not the time of the request.
	res, _ := getWith(t, s.web, "/jobs.rss", nil)
	if lm, _ := http.ParseTime(res.Header.Get("Last-Modified")); time.Since(lm) < time.Minute {
		t.Errorf("feed Last-Modified %v is not the newest job's date", lm)
	}
}
