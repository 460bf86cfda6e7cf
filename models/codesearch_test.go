package models_test

import (
	"context"
	"slices"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

func TestSearchCodes(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	fixation := []string{"20690", "20692", "20696", "20697"}
	cases := []struct {
		name     string
		q        models.CodeQuery
		first    []string // the first hits, in this order
		includes []string // somewhere in the hits
	}{
		{"exact number", models.CodeQuery{Text: "99213"}, []string{"99213"}, nil},
		{"number prefix", models.CodeQuery{Text: "2069"}, fixation, nil},
		{"dotted code", models.CodeQuery{Text: "E11.9"}, []string{"E11.9"}, nil},
		{"undotted lower case", models.CodeQuery{Text: "e119"}, []string{"E11.9"}, nil},
		{"category prefix", models.CodeQuery{Text: "E11"}, []string{"E11.9", "E11.22", "E11.40", "E11.65"}, nil},
		{"procedure code", models.CodeQuery{Text: "0dtj4zz"}, []string{"0DTJ4ZZ"}, nil},
		{"words", models.CodeQuery{Text: "external fixation strut"}, []string{"20697"}, []string{"20696"}},
		{"typos", models.CodeQuery{Text: "exteral fixaton"}, nil, fixation},
		{"typo and word", models.CodeQuery{Text: "fixaton strut"}, []string{"20697"}, []string{"20696"}},
		{"words in one system", models.CodeQuery{Text: "diabetes", System: "icd-10-cm"}, nil, []string{"E11.9", "E10.9"}},
		{"plain language", models.CodeQuery{Text: "blood sugar meter"}, nil, []string{"E0607", "A4253"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits, err := models.SearchCodes(ctx, d.Bun, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, h := range hits {
				got = append(got, h.Code.Code)
				if i > 0 && h.Rank > hits[i-1].Rank {
					t.Errorf("rank grows at %s: %v", h.Code.Code, hits[i-1].Rank)
				}
				if c.q.System != "" && h.System != c.q.System {
					t.Errorf("%s is in %s", h.Code.Code, h.System)
				}
			}
			if len(got) < len(c.first) || !slices.Equal(got[:len(c.first)], c.first) {
				t.Errorf("got %v, want it to start with %v", got, c.first)
			}
			for _, w := range c.includes {
				if !slices.Contains(got, w) {
					t.Errorf("got %v, want %s among them", got, w)
				}
			}
		})
	}

	limits := []struct {
		q    models.CodeQuery
		want int
	}{
		{models.CodeQuery{Text: ""}, 0},
		{models.CodeQuery{Text: "   "}, 0},
		{models.CodeQuery{Text: "99", Limit: 3}, 3},
		{models.CodeQuery{Text: "9"}, 20},
		{models.CodeQuery{Text: "the"}, 0}, // a stop word alone matches nothing
	}
	for _, l := range limits {
		hits, err := models.SearchCodes(ctx, d.Bun, l.q)
		if err != nil || len(hits) != l.want {
			t.Errorf("%+v: %d hits (%v), want %d", l.q, len(hits), err, l.want)
		}
	}
}

func TestSuggestCodes(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		system, code string
		first        []string
	}{
		{"cpt", "20698", []string{"20690", "20692", "20696", "20697"}},
		{"cpt", "99299", []string{"99202", "99203", "99204"}},
		{"icd-10-cm", "E11.99", []string{"E11.9"}},
		{"icd-10-cm", "e11.6", []string{"E11.65"}},
		{"icd-10-pcs", "0DTJ4ZX", []string{"0DTJ4ZZ"}},
	}
	for _, c := range cases {
		near, err := models.SuggestCodes(ctx, d.Bun, c.system, c.code, 5)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range near {
			got = append(got, n.Code)
			if n.System != c.system {
				t.Errorf("%s suggested from %s", n.Code, n.System)
			}
		}
		if len(got) > 5 || len(got) < len(c.first) || !slices.Equal(got[:len(c.first)], c.first) {
			t.Errorf("%s %s: got %v, want it to start with %v", c.system, c.code, got, c.first)
		}
	}
	if near, err := models.SuggestCodes(ctx, d.Bun, "cpt", "%%", 5); err != nil || len(near) != 0 {
		t.Errorf("nonsense: %v %v", near, err)
	}
}
