package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func profileForm() url.Values {
	return url.Values{"headline": {"Outpatient coder, CPC"}, "summary": {"Six years of cardiology."},
		"specialties": {"cardiology", "radiology"}, "settings": {"outpatient-facility"}, "code_sets": {"cpt"},
		"years_experience": {"6"}, "city": {"Atlanta"}, "state": {"GA"}, "remote_preference": {"remote"},
		"remote_states": {"GA", "FL"}, "desired_pay": {"28"}, "desired_pay_period": {"hour"}, "visibility": {"visible"}}
}

func TestProfileFormSavesAndExplains(t *testing.T) {
	s := newSite(t)
	if res := s.browser().get("/profile"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Fatalf("guest: %d %s", res.Status, res.Location)
	}
	b := s.registered("coder@example.com")
	res := b.get("/profile")
	if res.Status != 200 {
		t.Fatalf("profile page: %d", res.Status)
	}
	mustContain(t, res.Body, `<label for="f-headline">`, `name="visibility" value="private" checked`,
		`name="remote_preference" value="any" checked`, `action="/profile/credentials"`, `enctype="multipart/form-data"`,
		`href="/account/export"`)

	bad := profileForm()
	bad.Set("headline", "")
	bad.Set("years_experience", "six")
	bad.Set("desired_pay_period", "")
	bad.Set("summary", "Typed <b>text</b> stays")
	res = b.post("/profile", bad)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad profile: %d", res.Status)
	}
	mustContain(t, res.Body, "Please correct the fields marked below.",
		`id="e-headline">Add a headline before you show your profile to employers.`,
		`id="e-years_experience">Enter a whole number of years from 0 to 60.`,
		`id="e-desired_pay_period">Say whether this is per hour`,
		`value="six"`, "Typed &lt;b&gt;text&lt;/b&gt; stays", `value="cardiology" checked`,
		`name="visibility" value="visible" checked`)
	if n := sqlCount(t, s, `SELECT count(*) FROM profiles`); n != 0 {
		t.Fatalf("refused profile stored: %d", n)
	}

	res = b.post("/profile", profileForm())
	if res.Status != http.StatusSeeOther || res.Location != "/profile" {
		t.Fatalf("save: %d %s", res.Status, res.Body)
	}
	res = b.get("/profile")
	mustContain(t, res.Body, "Employers searching for candidates can find it.", `value="Outpatient coder, CPC"`,
		`value="radiology" checked`, `value="GA" selected`, `name="remote_states" value="FL" checked`,
		`value="hour" selected`, `name="visibility" value="visible" checked`)
	var visible bool
	if err := s.db.Bun.NewRaw(`SELECT visible FROM profiles`).Scan(context.Background(), &visible); err != nil || !visible {
		t.Fatalf("visible: %v %v", visible, err)
	}
}

func sqlCount(t *testing.T, s *site, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCredentialsAddDeleteAndAdminVerify(t *testing.T) {
	k := newJobKit(t)
	b, coder := k.user("coder@example.com", false)
	other, _ := k.user("other@example.com", false)
	admin, _ := k.user("admin@example.com", true)

	res := b.post("/profile/credentials", url.Values{"credential": {"CPC"}, "number": {"12 34"}, "year": {"1900"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad credential: %d", res.Status)
	}
	mustContain(t, res.Body, `id="e-number">Use at most 40 letters, digits and hyphens.`,
		`id="e-year">Enter the year you earned it, from 1950`, `value="12 34"`, `value="1900"`, `value="CPC" selected`)

	res = b.post("/profile/credentials", url.Values{"credential": {"CPC"}, "number": {"A-1234"}, "year": {"2019"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("add: %d %s", res.Status, res.Body)
	}
	mustContain(t, b.get("/profile").Body, "<td>CPC</td>", "<td>A-1234</td>", "<td>2019</td>", "Self-declared")
	res = b.post("/profile/credentials", url.Values{"credential": {"CPC"}, "year": {"2020"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate: %d", res.Status)
	}
	mustContain(t, res.Body, "You have already added CPC.")
	id := strings.TrimSpace(sqlText(t, k.s, `SELECT id::text FROM profile_credentials WHERE user_id = ?`, coder.ID))

	// Only admins verify; everyone else finds nothing there.
	for _, who := range []*browser{b, other} {
		if res := who.post("/admin/credentials/"+id+"/verify", url.Values{}); res.Status != http.StatusNotFound {
			t.Fatalf("non-admin verify: %d", res.Status)
		}
	}
	if res := admin.post("/admin/credentials/999999/verify", url.Values{}); res.Status != http.StatusNotFound {
		t.Fatalf("verify a missing credential: %d", res.Status)
	}
	res = admin.post("/admin/credentials/"+id+"/verify", url.Values{})
	if res.Status != http.StatusSeeOther || res.Location != "/candidates/"+strconv.FormatInt(coder.ID, 10) {
		t.Fatalf("verify: %d %s", res.Status, res.Location)
	}
	mustContain(t, b.get("/profile").Body, "Verified on ")

	if res := other.post("/profile/credentials/"+id+"/delete", url.Values{}); res.Status != http.StatusNotFound {
		t.Fatalf("someone else's delete: %d", res.Status)
	}
	if res := b.post("/profile/credentials/"+id+"/delete", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.Status)
	}
	if strings.Contains(b.get("/profile").Body, "<td>CPC</td>") {
		t.Fatal("deleted credential still listed")
	}
	if n := sqlCount(t, k.s, `SELECT count(*) FROM profiles WHERE user_id = ? AND credentials = '{}'`, coder.ID); n != 1 {
		t.Fatal("profile still lists the deleted credential")
	}
}

func sqlText(t *testing.T, s *site, query string, args ...any) string {
	t.Helper()
	var id string
	if err := s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}
