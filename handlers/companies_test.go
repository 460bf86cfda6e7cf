package handlers_test

import (
	"bytes"
	"context"
	"html"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
)

// logoFile is an upload: its name and type are what the browser claims, the
// bytes are what is checked.
type logoFile struct {
	Name, Type string
	Data       []byte
}

// postCompanyForm sends a multipart form the way the company page does, with
// the CSRF token as a field.
func postCompanyForm(b *browser, path string, fields url.Values, logo *logoFile) response {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get("/").Body)
	if m == nil {
		b.s.t.Fatal("no CSRF token on the home page")
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", m[1])
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	h := textproto.MIMEHeader{}
	if logo == nil { // what a browser sends when no file was chosen
		logo = &logoFile{Type: "application/octet-stream"}
	}
	h.Set("Content-Disposition", `form-data; name="logo"; filename="`+logo.Name+`"`)
	h.Set("Content-Type", logo.Type)
	part, _ := w.CreatePart(h)
	_, _ = part.Write(logo.Data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

func testPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// createCompany makes a company through the form and returns its path.
func createCompany(t *testing.T, b *browser, name string) string {
	t.Helper()
	res := postCompanyForm(b, "/companies", url.Values{"name": {name}, "kind": {"employer"}}, nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create %s: %d %s", name, res.Status, res.Body)
	}
	return res.Location
}

func TestCreateCompanyKeepsInputAndServesLogo(t *testing.T) {
	s := newSite(t)
	b := s.registered("owner@example.com")
	mustContain(t, b.get("/companies/new").Body, `enctype="multipart/form-data"`, `name="_csrf"`, "Direct employer")

	bad := url.Values{"name": {""}, "slug": {"Bad Slug"}, "website": {"javascript:alert(1)"},
		"email_domain": {"HR@Acme-Health.com"}, "kind": {"agency"}, "description": {"We *code* <b>well</b>."}}
	res := postCompanyForm(b, "/companies", bad, &logoFile{"logo.png", "image/png", testPNG(t)})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid form: %d", res.Status)
	}
	mustContain(t, res.Body, "Enter the company&#39;s name.", "Use lowercase letters", `value="Bad Slug"`,
		"Enter a web address like", `value="javascript:alert(1)"`, `value="HR@Acme-Health.com"`,
		`value="agency" checked`, "We *code* &lt;b&gt;well&lt;/b&gt;.</textarea>", "Choose the logo file again")

	good := url.Values{"name": {"Acme Health"}, "website": {"acme-health.example.com"}, "email_domain": {"@Acme-Health.com"},
		"kind": {"agency"}, "description": {"We *code* well.\n\n<script>alert(1)</script>"}}
	logo := testPNG(t)
	res = postCompanyForm(b, "/companies", good, &logoFile{"logo.png", "image/png", logo})
	if res.Status != http.StatusSeeOther || res.Location != "/companies/acme-health" {
		t.Fatalf("create: %d %q %s", res.Status, res.Location, res.Body)
	}
	page := s.browser().get("/companies/acme-health")
	if page.Status != 200 {
		t.Fatalf("company page: %d", page.Status)
	}
	mustContain(t, page.Body, "<h1>Acme Health</h1>", "Staffing agency", "<em>code</em>",
		`href="https://acme-health.example.com" rel="nofollow noopener"`, `/companies/acme-health/logo?v=`)
	if strings.Contains(page.Body, "<script>alert") {
		t.Fatal("description script reached the page")
	}
	mustContain(t, b.get("/companies/acme-health").Body, "/companies/acme-health/edit", "created")

	res = s.browser().get("/companies/acme-health/logo")
	if res.Status != 200 || res.Header.Get("Content-Type") != "image/png" || res.Body != string(logo) {
		t.Fatalf("logo: %d %q", res.Status, res.Header.Get("Content-Type"))
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("logo headers: %v", res.Header)
	}
	if res := s.browser().get("/companies/nobody-here"); res.Status != http.StatusNotFound {
		t.Fatalf("unknown company: %d", res.Status)
	}
}

func TestCompanySlugsAreUnique(t *testing.T) {
	s := newSite(t)
	b := s.registered("owner@example.com")
	if p := createCompany(t, b, "Acme"); p != "/companies/acme" {
		t.Fatalf("first: %s", p)
	}
	if p := createCompany(t, b, "Acme"); p != "/companies/acme-2" {
		t.Fatalf("second: %s", p)
	}
	res := postCompanyForm(b, "/companies", url.Values{"name": {"Other"}, "slug": {"acme"}, "kind": {"employer"}}, nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("taken slug: %d", res.Status)
	}
	mustContain(t, html.UnescapeString(res.Body), `Another company uses "acme". "acme-3" is free.`)
	res = postCompanyForm(b, "/companies", url.Values{"name": {"Other"}, "slug": {"new"}, "kind": {"employer"}}, nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("reserved slug: %d", res.Status)
	}
}

func TestCompanyLogoIsCheckedByContent(t *testing.T) {
	s := newSite(t)
	b := s.registered("owner@example.com")
	path := createCompany(t, b, "Acme")
	if res := b.get(path + "/logo"); res.Status != http.StatusNotFound {
		t.Fatalf("no logo: %d", res.Status)
	}
	oversize := append(testPNG(t), make([]byte, 1<<20)...)
	for _, tc := range []struct {
		name string
		file logoFile
		msg  string
	}{
		{"renamed text file", logoFile{"logo.png", "image/png", []byte("hello, this is text")}, "not a PNG, JPEG or WebP image"},
		{"svg", logoFile{"logo.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)}, "SVG is not accepted"},
		{"oversize", logoFile{"big.png", "image/png", oversize}, "larger than 1 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := postCompanyForm(b, path, url.Values{"name": {"Acme"}, "slug": {"acme"}, "kind": {"employer"}}, &tc.file)
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", res.Status)
			}
			mustContain(t, res.Body, `id="e-logo"`, tc.msg)
			if res := b.get(path + "/logo"); res.Status != http.StatusNotFound {
				t.Fatalf("refused logo stored: %d", res.Status)
			}
		})
	}
}

func TestCompanyPagesAreHiddenFromNonMembers(t *testing.T) {
	s := newSite(t)
	owner := s.registered("owner@example.com")
	path := createCompany(t, owner, "Acme")
	stranger := s.registered("stranger@example.com")
	for _, p := range []string{path + "/edit", path + "/members"} {
		if res := stranger.get(p); res.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, res.Status)
		}
	}
	for _, p := range []string{path, path + "/invites", path + "/leave", path + "/members/1/remove"} {
		res := postCompanyForm(stranger, p, url.Values{"name": {"Taken over"}, "kind": {"employer"},
			"email": {"stranger@example.com"}}, nil)
		if res.Status != http.StatusNotFound {
			t.Errorf("POST %s: %d", p, res.Status)
		}
	}
	if res := s.browser().get(path + "/edit"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Errorf("guest edit: %d %q", res.Status, res.Location)
	}
	mustContain(t, s.browser().get(path).Body, "<h1>Acme</h1>")
}

func TestInviteAcceptRemoveAndLeave(t *testing.T) {
	s := newSite(t)
	owner := s.registered("owner@example.com")
	path := createCompany(t, owner, "Acme")
	coder := s.registered("coder@example.com")
	wrong := s.registered("wrong@example.com")

	res := owner.post(path+"/invites", url.Values{"email": {"Coder@Example.com"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("invite: %d %s", res.Status, res.Body)
	}
	mail := s.emails("coder@example.com")
	if last := mail[len(mail)-1]; !strings.Contains(last.Subject, "join Acme") {
		t.Fatalf("subject %q", last.Subject)
	}
	link := s.lastLink("coder@example.com", "/invites/accept?token=")
	token := strings.TrimPrefix(link, "/invites/accept?token=")
	mustContain(t, owner.get(path+"/members").Body, "coder@example.com: sent", "The only owner cannot leave.")

	// Signed out: log in and come back to the invitation.
	guest := s.browser()
	res = guest.get(link)
	mustContain(t, res.Body, "Join Acme", `href="/login?next=`+url.QueryEscape(link)+`"`)
	res = guest.post("/login", url.Values{"email": {"coder@example.com"}, "password": {password}, "next": {link}})
	if res.Status != http.StatusSeeOther || res.Location != link {
		t.Fatalf("login back to the invitation: %d %q", res.Status, res.Location)
	}

	// Another account cannot use the link.
	mustContain(t, html.UnescapeString(wrong.get(link).Body), "This invitation was sent to coder@example.com")
	res = wrong.post("/invites/accept", url.Values{"token": {token}})
	if res.Status != http.StatusForbidden {
		t.Fatalf("wrong account: %d", res.Status)
	}
	mustContain(t, html.UnescapeString(res.Body), "but you are logged in as wrong@example.com")
	if res := wrong.get(path + "/members"); res.Status != http.StatusNotFound {
		t.Fatalf("wrong account became a member: %d", res.Status)
	}

	mustContain(t, coder.get(link).Body, "Accept and join Acme")
	res = coder.post("/invites/accept", url.Values{"token": {token}})
	if res.Status != http.StatusSeeOther || res.Location != path {
		t.Fatalf("accept: %d %q", res.Status, res.Location)
	}
	if res := coder.post("/invites/accept", url.Values{"token": {token}}); res.Status != http.StatusNotFound {
		t.Fatalf("second accept: %d", res.Status)
	}
	mustContain(t, owner.get(path+"/members").Body, "coder@example.com", "Member")
	if res := coder.get(path + "/edit"); res.Status != http.StatusForbidden {
		t.Fatalf("member edit: %d", res.Status)
	}
	res = owner.post(path+"/invites", url.Values{"email": {"coder@example.com"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("re-invite member: %d", res.Status)
	}
	mustContain(t, res.Body, "coder@example.com is already a member of this company.")

	// The only owner can neither leave nor be removed.
	for _, p := range []string{path + "/leave", path + "/members/" + userID(t, s, "owner@example.com") + "/remove"} {
		res = owner.post(p, url.Values{})
		if res.Status != http.StatusConflict {
			t.Fatalf("POST %s: %d", p, res.Status)
		}
		mustContain(t, res.Body, "you are its only one, so you cannot leave")
	}

	res = coder.post(path+"/leave", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != path {
		t.Fatalf("leave: %d %q", res.Status, res.Location)
	}
	if res := coder.get(path + "/members"); res.Status != http.StatusNotFound {
		t.Fatalf("members page after leaving: %d", res.Status)
	}

	// The owner removes a member.
	owner.post(path+"/invites", url.Values{"email": {"wrong@example.com"}})
	wrongLink := s.lastLink("wrong@example.com", "/invites/accept?token=")
	wrong.post("/invites/accept", url.Values{"token": {strings.TrimPrefix(wrongLink, "/invites/accept?token=")}})
	if res := wrong.get(path + "/members"); res.Status != 200 {
		t.Fatalf("invited member: %d", res.Status)
	}
	res = owner.post(path+"/members/"+userID(t, s, "wrong@example.com")+"/remove", url.Values{})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.Status)
	}
	if res := wrong.get(path + "/members"); res.Status != http.StatusNotFound {
		t.Fatalf("removed member still sees members: %d", res.Status)
	}
}

func TestRenamingACompanyRenamesItsJobs(t *testing.T) {
	s := newSite(t)
	owner := s.registered("owner@example.com")
	path := createCompany(t, owner, "Old Name")
	ctx := context.Background()
	_, err := s.db.Bun.NewRaw(`INSERT INTO jobs (company_id, title, slug, company_name, status, published_at, expires_at)
		SELECT id, 'Remote Coder', 'remote-coder', name, 'active', now(), now() + interval '30 days'
		FROM companies WHERE slug = 'old-name'`).Exec(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, s.browser().get(path).Body, "Remote Coder")

	res := postCompanyForm(owner, path, url.Values{"name": {"New Name"}, "slug": {"new-name"}, "kind": {"employer"}}, nil)
	if res.Status != http.StatusSeeOther || res.Location != "/companies/new-name" {
		t.Fatalf("rename: %d %q %s", res.Status, res.Location, res.Body)
	}
	var name string
	if err := s.db.Bun.NewRaw(`SELECT company_name FROM jobs`).Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	if name != "New Name" {
		t.Fatalf("job's company name %q", name)
	}
	if res := s.browser().get(path); res.Status != http.StatusNotFound {
		t.Fatalf("old address: %d", res.Status)
	}
}

func userID(t *testing.T, s *site, email string) string {
	t.Helper()
	var id string
	if err := s.db.Bun.NewRaw(`SELECT id::text FROM users WHERE email = ?`, email).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}
