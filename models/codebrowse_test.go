package models_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// insertCodes stores codes of system with a made-up descriptor each, in the
// order given.
func insertCodes(t *testing.T, db *bun.DB, system string, codes []string) {
	t.Helper()
	for _, c := range codes {
		if _, err := db.NewRaw(`INSERT INTO codes (system, code, descriptor) VALUES (?, ?, ?)`,
			system, c, "Descriptor of "+c).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func groupOf(t *testing.T, db *bun.DB, system, param, key string) models.CodeGroup {
	t.Helper()
	trail, err := models.CodeGroupTrail(context.Background(), db, system, param, key)
	if err != nil {
		t.Fatalf("%s %s=%s: %v", system, param, key, err)
	}
	return trail[len(trail)-1]
}

// Every code set pages through a group in code order, forwards and back,
// and the codes of the neighbouring groups stay out.
func TestCodesInGroupPageInCodeOrder(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	rnd := rand.New(rand.NewPCG(1, 2))
	type set struct {
		system, param, key string
		inside, outside    []string
	}
	var sets []set
	// ICD-10-CM category E11: E11.0 … E11.9 and their 5th and 6th characters.
	var e11 []string
	for i := range 10 {
		e11 = append(e11, fmt.Sprintf("E11.%d", i))
		for j := range 10 {
			e11 = append(e11, fmt.Sprintf("E11.%d%d", i, j))
			if j < 3 {
				e11 = append(e11, fmt.Sprintf("E11.%d%dA", i, j))
			}
		}
	}
	sets = append(sets, set{"icd-10-cm", "category", "E11", e11, []string{"E10.9", "E12", "F11.0"}})
	// CPT musculoskeletal range, with a Category III code of the same digits.
	var msk []string
	for i := range 230 {
		msk = append(msk, fmt.Sprintf("%05d", 20000+i*43))
	}
	sets = append(sets, set{"cpt", "range", "20000-29999", msk, []string{"19999", "30000", "2000T", "2999F"}})
	// HCPCS letter J.
	var j []string
	for i := range 230 {
		j = append(j, fmt.Sprintf("J%04d", i*37))
	}
	sets = append(sets, set{"hcpcs", "letter", "J", j, []string{"K0001", "A9999", "G0439"}})
	// ICD-10-PCS section 0.
	var pcs []string
	alphabet := "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	for len(pcs) < 230 {
		c := "0"
		for range 6 {
			c += string(alphabet[rnd.IntN(len(alphabet))])
		}
		if !slices.Contains(pcs, c) {
			pcs = append(pcs, c)
		}
	}
	sets = append(sets, set{"icd-10-pcs", "section", "0", pcs, []string{"10D00Z1", "B2111ZZ"}})

	for _, s := range sets {
		shuffled := slices.Clone(s.inside)
		rnd.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		insertCodes(t, d.Bun, s.system, append(shuffled, s.outside...))
		want := slices.Clone(s.inside)
		slices.SortFunc(want, func(a, b string) int {
			return strings.Compare(strings.ReplaceAll(a, ".", ""), strings.ReplaceAll(b, ".", ""))
		})
		if s.system == "icd-10-cm" && (want[0] != "E11.0" || want[1] != "E11.00" || want[2] != "E11.00A" || want[len(want)-1] != "E11.99") {
			t.Fatalf("tabular order is not byte order: %v", want[:4])
		}

		g := groupOf(t, d.Bun, s.system, s.param, s.key)
		if g.Count != len(want) {
			t.Errorf("%s %s: count %d, want %d", s.system, s.key, g.Count, len(want))
		}
		var got []string
		var pages []models.CodeList
		after := ""
		for {
			l, err := models.CodesInGroup(ctx, d.Bun, g, after, "", 100)
			if err != nil {
				t.Fatal(err)
			}
			if l.From != len(got)+1 || l.Total != len(want) || l.HasPrev() != (len(got) > 0) {
				t.Fatalf("%s page %d: from %d total %d prev %v", s.system, len(pages)+1, l.From, l.Total, l.HasPrev())
			}
			for _, c := range l.Codes {
				got = append(got, c.Code)
			}
			pages = append(pages, l)
			if !l.HasNext() {
				break
			}
			after = l.After
		}
		if !slices.Equal(got, want) || len(pages) != (len(want)+99)/100 {
			t.Fatalf("%s: %d pages, got %v…, want %v…", s.system, len(pages), got[:5], want[:5])
		}
		// Back from the last page gives the one before it again.
		back, err := models.CodesInGroup(ctx, d.Bun, g, "", pages[len(pages)-1].Before, 100)
		if err != nil {
			t.Fatal(err)
		}
		prev := pages[len(pages)-2]
		if back.From != prev.From || back.To != prev.To || back.Codes[0].Code != prev.Codes[0].Code {
			t.Errorf("%s: back gives %s at %d, want %s at %d", s.system, back.Codes[0].Code, back.From, prev.Codes[0].Code, prev.From)
		}
	}
}

// The outline follows each code set's own order and counts every code once.
func TestCodeOutline(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	insertCodes(t, d.Bun, "cpt", []string{"0001F", "0042T", "0001U", "0001A", "0001M", "00100"})
	counts, err := models.CodeCounts(ctx, d.Bun)
	if err != nil {
		t.Fatal(err)
	}
	firsts := map[string][]string{
		"cpt":        {"Evaluation and Management", "Anesthesia", "Surgery", "Radiology", "Pathology and Laboratory", "Medicine"},
		"icd-10-cm":  {"Certain infectious and parasitic diseases", "Neoplasms"},
		"hcpcs":      {"Transportation services, medical and surgical supplies", "Enteral and parenteral therapy"},
		"icd-10-pcs": {"Medical and Surgical", "Obstetrics", "Placement"},
	}
	for _, s := range models.CodeSystems {
		groups, err := models.CodeOutline(ctx, d.Bun, s.Value)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		var labels []string
		for _, g := range groups {
			total += g.Count
			labels = append(labels, g.Label)
		}
		if total != counts[s.Value] {
			t.Errorf("%s: outline counts %d codes, the set has %d", s.Value, total, counts[s.Value])
		}
		if !slices.Equal(labels[:len(firsts[s.Value])], firsts[s.Value]) {
			t.Errorf("%s: outline starts %v", s.Value, labels)
		}
	}
	cases := []struct{ param, key, label string }{
		{"range", "0001F-9999F", "Category II codes"},
		{"range", "0001T-9999T", "Category III codes"},
		{"range", "0001U-9999U", "PLA codes"},
		{"range", "0001A-9999A", "Immunization administration (vaccine product codes)"},
		{"range", "0001M-9999M", "Multianalyte assays with algorithmic analyses"},
		{"range", "00000-09999", "Anesthesia"},
	}
	for _, c := range cases {
		if g := groupOf(t, d.Bun, "cpt", c.param, c.key); g.Count != 1 || g.Label != c.label {
			t.Errorf("%s: %d codes, label %q", c.key, g.Count, g.Label)
		}
	}
	surgery := groupOf(t, d.Bun, "cpt", "section", "surgery")
	if surgery.Span != "10000–69999" || len(surgery.Groups) != 18 || surgery.Groups[2].Label != "Musculoskeletal system" ||
		surgery.Groups[2].Count != 6 || surgery.Path() != "/codes/cpt?section=surgery" {
		t.Errorf("surgery: %+v", surgery)
	}

	// ICD-10-CM chapter 4 lists its categories in code order, titled by
	// what their codes have in common.
	ch4 := groupOf(t, d.Bun, "icd-10-cm", "chapter", "4")
	cats, err := models.CodeCategories(ctx, d.Bun, ch4)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range cats {
		keys = append(keys, c.Key)
	}
	if !slices.Equal(keys, []string{"E03", "E10", "E11", "E66", "E78"}) || cats[2].Count != 4 ||
		cats[2].Label != "Type 2 diabetes mellitus" || cats[2].Path() != "/codes/icd-10-cm?category=E11" {
		t.Errorf("chapter 4 categories: %v %+v", keys, cats[2])
	}
	trail, err := models.CodeGroupTrail(ctx, d.Bun, "icd-10-cm", "category", "i10")
	if err != nil || len(trail) != 2 || trail[0].Key != "9" || trail[1].Label != "Essential (primary) hypertension" {
		t.Errorf("category I10: %+v %v", trail, err)
	}
	for _, bad := range [][3]string{{"icd-10-cm", "category", "E1"}, {"icd-10-cm", "category", "E11.9"},
		{"cpt", "range", "1-2"}, {"hcpcs", "letter", "I"}, {"icd-10-pcs", "section", "Z"}, {"nope", "section", "0"}} {
		if _, err := models.CodeGroupTrail(ctx, d.Bun, bad[0], bad[1], bad[2]); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
