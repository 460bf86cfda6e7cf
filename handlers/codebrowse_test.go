package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestBrowseCodeSets(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	// 120 codes in one CPT range: two pages.
	for i := range 120 {
		if _, err := s.db.Bun.NewRaw(`INSERT INTO codes (system, code, descriptor) VALUES ('cpt', ?, ?)`,
			fmt.Sprintf("%05d", 20100+i), fmt.Sprintf("Bone procedure number %d", i)).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	mustContain(t, b.get("/codes").Body, `href="/codes/cpt"`, `href="/codes/icd-10-cm"`, `href="/codes/hcpcs"`, `href="/codes/icd-10-pcs"`)

	res := b.get("/codes/cpt")
	if res.Status != http.StatusOK {
		t.Fatalf("/codes/cpt: %d", res.Status)
	}
	mustContain(t, res.Body, "Evaluation and Management", `href="/codes/cpt?section=surgery"`,
		`href="/codes/cpt?range=20000-29999"`, "Musculoskeletal system", "120 codes")
	if strings.Index(res.Body, "Evaluation and Management") > strings.Index(res.Body, "Surgery") {
		t.Error("E/M is not first")
	}

	first := b.get("/codes/cpt?range=20000-29999")
	mustContain(t, first.Body, "Codes 1–100 of 120", `href="/codes/cpt/20100"`, `href="/codes/cpt/20199"`,
		`href="/codes/cpt?range=20000-29999&amp;after=20199"`, `href="/codes/cpt?section=surgery"`)
	if strings.Contains(first.Body, `href="/codes/cpt/20200"`) || strings.Contains(first.Body, "rel=\"prev\"") {
		t.Error("the first page shows the second page's code or a previous link")
	}
	second := b.get("/codes/cpt?range=20000-29999&after=20199")
	mustContain(t, second.Body, "Codes 101–120 of 120", `href="/codes/cpt/20200"`, `href="/codes/cpt/20219"`,
		`href="/codes/cpt?range=20000-29999&amp;before=20200"`)
	if strings.Contains(second.Body, `rel="next"`) {
		t.Error("the last page has a next link")
	}
	mustContain(t, b.get("/codes/cpt?range=20000-29999&before=20200").Body, "Codes 1–100 of 120")

	mustContain(t, b.get("/codes/icd-10-cm").Body, `href="/codes/icd-10-cm?chapter=4"`, "Endocrine, nutritional and metabolic diseases")
	mustContain(t, b.get("/codes/icd-10-cm?chapter=4").Body, `href="/codes/icd-10-cm?category=E11"`, "Type 2 diabetes mellitus", "2 codes")
	mustContain(t, b.get("/codes/icd-10-cm?category=E11").Body, `href="/codes/icd-10-cm/E11.65"`, `href="/codes/icd-10-cm/E11.9"`,
		`href="/codes/icd-10-cm?chapter=4"`)
	mustContain(t, b.get("/codes/hcpcs").Body, "Durable medical equipment")
	mustContain(t, b.get("/codes/icd-10-pcs").Body, "Medical and Surgical")

	for _, path := range []string{"/codes/icd-9", "/codes/cpt?range=1-2", "/codes/icd-10-cm?category=E1", "/codes/hcpcs?letter=I"} {
		if res := b.get(path); res.Status != http.StatusNotFound {
			t.Errorf("%s: %d", path, res.Status)
		}
	}
	// The code page's breadcrumb and older links land on the browse page.
	if res := b.get("/codes?system=icd-10-cm&q="); res.Status != http.StatusSeeOther || res.Location != "/codes/icd-10-cm" {
		t.Errorf("old browse link: %d %q", res.Status, res.Location)
	}
	// Browsing spends nothing.
	mustContain(t, b.get("/").Body, "1 code page view remaining")
}

func TestRecentlyViewedCodes(t *testing.T) {
	s := newSite(t)
	s.addCodes()
	b := s.registered("recent@example.com")
	if strings.Contains(b.get("/codes").Body, "Recently viewed") {
		t.Fatal("recently viewed before viewing anything")
	}
	for _, c := range []string{"E11.9", "I10", "J44.1", "E11.9"} {
		if res := b.get("/codes/icd-10-cm/" + c); res.Status != http.StatusOK {
			t.Fatalf("%s: %d", c, res.Status)
		}
	}
	body := b.get("/codes").Body
	mustContain(t, body, "Recently viewed")
	recent := body[strings.Index(body, "Recently viewed"):]
	e119, j441, i10 := strings.Index(recent, `href="/codes/icd-10-cm/E11.9"`), strings.Index(recent, `href="/codes/icd-10-cm/J44.1"`),
		strings.Index(recent, `href="/codes/icd-10-cm/I10"`)
	if e119 < 0 || !(e119 < j441 && j441 < i10) || strings.Contains(recent, "E11.65") {
		t.Errorf("recent order: E11.9 %d, J44.1 %d, I10 %d", e119, j441, i10)
	}

	// A page the meter refused is not "viewed"; another account sees only its own.
	other := s.registered("other@example.com")
	if strings.Contains(other.get("/codes").Body, "Recently viewed") {
		t.Error("another account sees the first one's codes")
	}
	guest := s.browser()
	guest.get("/codes/icd-10-cm/E11.65")
	if strings.Contains(guest.get("/codes").Body, "Recently viewed") {
		t.Error("a guest has recently viewed codes")
	}
}
