package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"careercenter/models"
)

// Markdown a hostile employer might write; none of it may run.
var hostileDescription = strings.Join([]string{
	"<script>alert(1)</script>",
	"Text <img src=x onerror=alert(2)> inline.",
	"[plain](javascript:alert(3)) [mixed case](JaVaScRiPt:alert(4)) [entity](&#106;avascript:alert(5))",
	`<iframe src="https://evil.example/"></iframe>`,
	"<svg onload=alert(6)><circle r=1 /></svg>",
	`<p style="background:url(x)">styled</p>`,
	"![pic](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==) [doc](data:text/html,hi)",
	`<a href="javascript:alert(10)" onclick="alert(11)">raw link</a>`,
	"</script><script>alert(12)</script>",
	"<details open ontoggle=alert(13)>x</details>",
	`<form action="https://evil.example/"><button formaction="javascript:alert(14)">go</button></form>`,
	`<math><mi xlink:href="javascript:alert(15)">x</mi></math>`,
	`<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">`,
	"[ok link](https://example.com/fine)",
}, "\n\n")

// Text fields carry HTML that must show as text.
const hostileTitle = `Coder </script><script>alert("title")</script><!--<script>`

func TestHostileJobTextRendersInert(t *testing.T) {
	k := newJobKit(t)
	co := k.company("evil", `Evil <img src=x onerror=alert("co")> Co`, models.CompanyAgency)
	if _, err := k.s.db.Bun.NewRaw(`UPDATE companies SET website = 'javascript:alert(16)' WHERE id = ?`, co.ID).
		Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	jobs := []*models.Job{
		k.job(co, func(j *models.Job) {
			j.Title, j.Slug, j.Description = hostileTitle, "coder", hostileDescription
			j.WorkMode, j.RemoteStates = "remote", []string{`<svg onload=alert("state")>`, "TX"}
			j.Systems = []string{`<b onmouseover=alert("sys")>Epic</b>`, `"><iframe src=//evil.example>`}
			j.CredentialsRequired = [][]string{{`<script>alert("cred")</script>`}, {"CCS", `<img src=x onerror=alert(1)>`}}
			j.CredentialsPreferred = []string{`<style>body{display:none}</style>`}
			j.ApplyMethod, j.ApplyURL = "url", "javascript:alert(17)"
		}),
		k.job(co, func(j *models.Job) {
			j.Title, j.Slug, j.Description = `"><svg onload=alert(1)>`, "onsite", "`<script>`in code"
			j.WorkMode, j.City, j.State, j.PostalCode = "onsite", `<img src=x onerror=alert("city")>`, `"><script>`, `</script>`
			j.ApplyMethod, j.ApplyEmail = "email", `x@y.example?bcc=victim@z.example&body=<script>`
		}),
		k.job(co, func(j *models.Job) {
			j.Title, j.Slug = "Data URL apply", "data"
			j.ApplyMethod, j.ApplyURL = "url", "data:text/html,<script>alert(18)</script>"
		}),
	}
	for _, j := range jobs {
		res := k.s.browser().get(j.Path())
		if res.Status != http.StatusOK {
			t.Fatalf("%s: status %d", j.Title, res.Status)
		}
		ld := inertPage(t, res.Body)
		if strings.Contains(strings.ToLower(res.Body), "javascript:") {
			t.Fatalf("%s: page holds javascript:", j.Title)
		}
		var posting struct {
			Title string `json:"title"`
			Org   struct {
				SameAs string `json:"sameAs"`
			} `json:"hiringOrganization"`
		}
		if err := json.Unmarshal([]byte(ld), &posting); err != nil {
			t.Fatalf("%s: JSON-LD: %v\n%s", j.Title, err, ld)
		}
		if posting.Title != j.Title || posting.Org.SameAs != "" {
			t.Fatalf("JSON-LD title %q (want %q), sameAs %q", posting.Title, j.Title, posting.Org.SameAs)
		}
	}
}

// inertPage fails unless the page holds nothing that runs: scripts only from
// the site's assets plus exactly one JSON-LD block (returned), no event
// handler or style attributes, no javascript:/data: URLs, no frames or
// embedded SVG/MathML, no <base> or refresh.
func inertPage(t *testing.T, body string) string {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	var ld []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "iframe", "frame", "object", "embed", "svg", "math", "base", "style", "applet":
			t.Fatalf("<%s> in page:\n%s", tok.Data, body)
		}
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
			attrs[key] = val
			if strings.HasPrefix(key, "on") || key == "style" || key == "http-equiv" || key == "formaction" {
				t.Fatalf("<%s %s=%q> in page", tok.Data, a.Key, a.Val)
			}
			for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
				if strings.HasPrefix(val, scheme) {
					t.Fatalf("<%s %s=%q> in page", tok.Data, a.Key, a.Val)
				}
			}
		}
		if tok.Data != "script" {
			continue
		}
		switch {
		case attrs["type"] == "application/ld+json":
			if z.Next() != html.TextToken {
				t.Fatal("empty JSON-LD block")
			}
			ld = append(ld, string(z.Text()))
		case strings.HasPrefix(attrs["src"], "/assets/") && len(tok.Attr) <= 2:
		default:
			t.Fatalf("foreign script %v in page:\n%s", tok, body)
		}
	}
	if len(ld) != 1 {
		t.Fatalf("%d JSON-LD blocks, want 1:\n%s", len(ld), body)
	}
	return ld[0]
}
