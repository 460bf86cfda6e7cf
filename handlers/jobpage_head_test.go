package handlers

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"careercenter/models"
	"careercenter/views"
)

// viewsWithHeadBlock is the site's views with the one-line layout change the
// job page asks for: {{block "head" .}}{{end}} at the end of <head>.
func viewsWithHeadBlock(t *testing.T) *Views {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(views.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(views.FS, path)
		if path == "layouts/main.html" {
			data = bytes.Replace(data, []byte("</head>"), []byte(`{{block "head" .}}{{end}}</head>`), 1)
		}
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewViews(files, TemplateFuncs())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func renderHead(t *testing.T, v *Views, view string, data any) string {
	t.Helper()
	var out bytes.Buffer
	if err := v.Render(&out, view, page{Title: "x", Form: &form{}, ViewsLeft: -1, Data: data}, "layouts/main"); err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(out.String(), "</head>")
	if !ok {
		t.Fatal("no </head>")
	}
	return head
}

func TestJobPageHeadWithTheLayoutBlock(t *testing.T) {
	v := viewsWithHeadBlock(t)
	h := &Handler{BaseURL: "https://jobs.example/"}
	now := time.Now()
	j := &models.Job{ID: 7, Slug: "coder", Title: `Coder "II" <b>`, Status: models.JobActive, ExpiresAt: now.Add(time.Hour),
		Description: "We **code** charts &amp; more. " + strings.Repeat("Long text here. ", 40),
		Company:     &models.Company{Slug: "acme", Name: "Acme"}}

	live, err := h.jobPage(j, false, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	head := renderHead(t, v, "jobs/show", live)
	for _, want := range []string{
		`<link rel="canonical" href="https://jobs.example/jobs/7/coder">`,
		`<meta property="og:type" content="website">`,
		`<meta property="og:title" content="Coder &#34;II&#34; &lt;b&gt; · Acme">`,
		`<meta property="og:url" content="https://jobs.example/jobs/7/coder">`,
		`<meta property="og:description" content="We code charts &amp; more. Long text here.`,
		`<meta property="og:image" content="https://jobs.example/companies/acme/logo">`,
	} {
		if !strings.Contains(head, want) {
			t.Fatalf("head lacks %q:\n%s", want, head)
		}
	}
	if strings.Contains(head, "noindex") {
		t.Fatal("live page marked noindex")
	}
	if n := len([]rune(live.Head.Description)); n > 201 || !strings.HasSuffix(live.Head.Description, "…") {
		t.Fatalf("og:description of %d characters: %q", n, live.Head.Description)
	}

	for _, d := range []struct {
		name    string
		status  string
		preview bool
	}{{"preview", models.JobActive, true}, {"filled", models.JobFilled, false}, {"draft", models.JobDraft, false}} {
		j.Status = d.status
		data, err := h.jobPage(j, d.preview, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		head := renderHead(t, v, "jobs/show", data)
		if !strings.Contains(head, `<meta name="robots" content="noindex">`) || strings.Contains(head, "og:image") {
			t.Fatalf("%s head:\n%s", d.name, head)
		}
	}

	if head := renderHead(t, v, "errors/gone", nil); !strings.Contains(head, `<meta name="robots" content="noindex">`) {
		t.Fatalf("gone page head:\n%s", head)
	}
	// Pages without a head template get nothing extra.
	if head := renderHead(t, v, "errors/show", map[string]any{"Status": 404, "Message": "x"}); strings.Contains(head, "robots") ||
		strings.Contains(head, "og:") {
		t.Fatalf("error page head:\n%s", head)
	}
}

func TestExcerpt(t *testing.T) {
	cases := []struct {
		html string
		n    int
		want string
	}{
		{"<p>Short &amp; sweet.</p>", 200, "Short & sweet."},
		{"<h2>Role</h2><p>Code charts</p><ul><li>CPT</li></ul>", 200, "Role Code charts CPT"},
		{"<p>one two three four five six</p>", 12, "one two…"},
		{"<p>" + strings.Repeat("é", 30) + "</p>", 10, strings.Repeat("é", 10) + "…"},
	}
	for _, c := range cases {
		if got := excerpt(c.html, c.n); got != c.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", c.html, c.n, got, c.want)
		}
	}
}
