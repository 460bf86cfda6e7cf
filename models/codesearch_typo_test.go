package models_test

import (
	"context"
	"strings"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// Typos inside words are corrected from the words of the descriptors, and
// the codes other codes point to come first among equal matches.
func TestSearchCodesForgivesTypos(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text   string
		prefix string // every one of the first n hits starts with it
		n      int
	}{
		{"diabtes", "E11.", 4},
		{"diabetes", "E11.", 4},
		{"Diabtes mellitus", "E11.", 4},
		{"type 2 diabtes", "E11.", 4},
		{"office visit established low", "99213", 1},
		{"ofice vist establshed low", "99213", 1},
		{"offce visit new patient moderate", "99204", 1},
		{"colonoscopy removl polyps", "45385", 1},
	}
	for _, c := range cases {
		hits, err := models.SearchCodes(ctx, d.Bun, models.CodeQuery{Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Code.Code)
		}
		if len(got) < c.n {
			t.Errorf("%q: got %v, want %d hits starting with %s", c.text, got, c.n, c.prefix)
			continue
		}
		for _, g := range got[:c.n] {
			if !strings.HasPrefix(g, c.prefix) {
				t.Errorf("%q: got %v, want the first %d to start with %s", c.text, got, c.n, c.prefix)
				break
			}
		}
	}
}

// Imported codes bring their words: a typo of a word only a new code has
// finds that code.
func TestImportedWordsCorrectTypos(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	find := func(text string) []models.CodeHit {
		hits, err := models.SearchCodes(ctx, d.Bun, models.CodeQuery{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	if hits := find("zygomatc arch"); len(hits) != 0 {
		t.Fatalf("before the import: %v", hits)
	}
	importText(t, d.Bun, "icd-10-cm", "code,descriptor\nS02.4,Fracture of malar bone and zygomatic arch\nS02.5,Fracture of tooth (traumatic)\n")
	if hits := find("zygomatc arch"); len(hits) == 0 || hits[0].Code.Code != "S02.4" {
		t.Fatalf("after the import: %v", hits)
	}
	// An update brings new words too.
	importText(t, d.Bun, "icd-10-cm", "code,descriptor\nS02.5,Fracture of tooth (traumatic) with pulpitis\n")
	if hits := find("pulpitus"); len(hits) == 0 || hits[0].Code.Code != "S02.5" {
		t.Fatalf("after the update: %v", hits)
	}
}
