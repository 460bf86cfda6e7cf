package models_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

func importText(t *testing.T, db *bun.DB, system, text string) models.ImportReport {
	t.Helper()
	rep, err := models.ImportCodes(context.Background(), db, system, strings.NewReader(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func counts(rep models.ImportReport) [4]int {
	return [4]int{rep.Added, rep.Updated, rep.Unchanged, len(rep.Problems)}
}

func TestImportCodesIsIdempotent(t *testing.T) {
	d := apptest.DB(t)
	good := "code,descriptor,common_description,related,specialties\n" +
		"E11.9,Type 2 diabetes mellitus without complications,Plain,E11.65,endocrinology\n" +
		"e1165,Type 2 diabetes mellitus with hyperglycemia,,E11.9 Z79.4,endocrinology;family-medicine\n" +
		"Z79.4,Long term (current) use of insulin,,,\n"
	steps := []struct {
		name string
		text string
		want [4]int // added, updated, unchanged, problems
	}{
		{"first import", good, [4]int{3, 0, 0, 0}},
		{"same file again", good, [4]int{0, 0, 3, 0}},
		{"one descriptor changed", strings.Replace(good, "with hyperglycemia", "with high sugar", 1), [4]int{0, 1, 2, 0}},
	}
	for _, s := range steps {
		if got := counts(importText(t, d.Bun, "icd-10-cm", s.text)); got != s.want {
			t.Fatalf("%s: got %v, want %v", s.name, got, s.want)
		}
	}
	c, err := models.CodeByKey(context.Background(), d.Bun, "icd-10-cm", "E11.65")
	if err != nil {
		t.Fatal(err)
	}
	if c.Code != "E11.65" || c.Descriptor != "Type 2 diabetes mellitus with high sugar" ||
		!slices.Equal(c.Related, []string{"E11.9", "Z79.4"}) || !slices.Equal(c.Specialties, []string{"endocrinology", "family-medicine"}) {
		t.Fatalf("stored %+v", c)
	}
}

func TestImportCodesReportsBadRows(t *testing.T) {
	d := apptest.DB(t)
	text := "code,descriptor,status,specialties\n" + // line 1
		"99213,Office visit established low,,family-medicine\n" + // 2 good
		",Missing code,,\n" + // 3
		"99214,,,\n" + // 4
		"99-21,Bad characters,,\n" + // 5
		"992155,Too long,,\n" + // 6
		"99215,Unknown specialty,,cardio\n" + // 7
		"99211,Unknown status,retired,\n" + // 8
		"99212,Too few fields\n" + // 9
		"99213,Repeated,,\n" + // 10
		"99202,\"Quoted, with comma\",new,family-medicine;pediatrics\n" + // 11 good
		"99203,A bare \" quote,,\n" + // 12
		"99204,Office visit new patient moderate,,\n" // 13 good
	rep := importText(t, d.Bun, "cpt", text)
	want := []struct {
		line   int
		column string
		msg    string
	}{
		{3, "code", "missing code"},
		{4, "descriptor", "missing descriptor"},
		{5, "code", "letters, digits and dots"},
		{6, "code", "CPT codes have 5"},
		{7, "specialties", `unknown specialty "cardio"`},
		{8, "status", `unknown status "retired"`},
		{9, "", "2 fields, but the header has 4"},
		{10, "code", "first on line 2"},
		{12, "", "bare \""},
	}
	if len(rep.Problems) != len(want) || rep.Added != 3 {
		t.Fatalf("report %+v", rep)
	}
	for i, w := range want {
		p := rep.Problems[i]
		if p.Line != w.line || p.Column != w.column || !strings.Contains(p.Message, w.msg) {
			t.Errorf("problem %d: got %v, want line %d column %q %q", i, p, w.line, w.column, w.msg)
		}
	}
	c, err := models.CodeByKey(context.Background(), d.Bun, "cpt", "99202")
	if err != nil || c.Descriptor != "Quoted, with comma" || c.Status != models.CodeNew {
		t.Fatalf("good row after bad ones: %+v %v", c, err)
	}
}

func TestImportCodesFileFormats(t *testing.T) {
	d := apptest.DB(t)
	tsv := "Specialties\tDESCRIPTOR\tCode\n" +
		"orthopedics\tApplying a single-plane external fixation device\t20690\n"
	if got := counts(importText(t, d.Bun, "cpt", tsv)); got != [4]int{1, 0, 0, 0} {
		t.Fatalf("TSV: %v", got)
	}
	bad := []struct {
		name, system, text, want string
	}{
		{"unknown columns", "cpt", "code,descriptor,price,notes\n99213,x,1,2\n", `unknown columns "price", "notes"`},
		{"missing column", "cpt", "code,common_description\n99213,x\n", `missing required column "descriptor"`},
		{"repeated column", "cpt", "code,descriptor,Code\n", `column "code" appears twice`},
		{"empty file", "cpt", "", "empty"},
		{"unknown system", "icd-9", "code,descriptor\n", "unknown code system"},
	}
	for _, b := range bad {
		_, err := models.ImportCodes(context.Background(), d.Bun, b.system, strings.NewReader(b.text), nil)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: got %v, want %q", b.name, err, b.want)
		}
	}
}

func TestSampleCodesImportCleanly(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	for range 2 { // the second run proves the seed is repeatable
		if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
			t.Fatal(err)
		}
	}
	got, err := models.CodeCounts(ctx, d.Bun)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range models.CodeSystems {
		f, err := os.Open("demo/sampledata/codes-" + s.Value + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got[s.Value] != len(rows)-1 {
			t.Errorf("%s: %d codes stored, file has %d", s.Value, got[s.Value], len(rows)-1)
		}
		total += got[s.Value]
	}
	if total < 80 {
		t.Errorf("only %d sample codes", total)
	}
}

func TestCodeByKey(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ system, typed, want string }{
		{"icd-10-cm", "E11.9", "E11.9"},
		{"icd-10-cm", "e119", "E11.9"},
		{"icd-10-cm", " E119 ", "E11.9"},
		{"icd-10-pcs", "0dtj4zz", "0DTJ4ZZ"},
		{"hcpcs", "g0439", "G0439"},
		{"cpt", "99213", "99213"},
		{"cpt", "E11.9", ""},
		{"icd-10-cm", "Z99.99", ""},
	}
	for _, c := range cases {
		code, err := models.CodeByKey(ctx, d.Bun, c.system, c.typed)
		switch {
		case c.want == "" && !errors.Is(err, models.ErrNotFound):
			t.Errorf("%s %q: want ErrNotFound, got %v", c.system, c.typed, err)
		case c.want != "" && (err != nil || code.Code != c.want):
			t.Errorf("%s %q: got %v %v, want %s", c.system, c.typed, code.Code, err, c.want)
		}
	}
	c, _ := models.CodeByKey(ctx, d.Bun, "icd-10-cm", "E11.9")
	if c.Path() != "/codes/icd-10-cm/E11.9" || c.SystemLabel() != "ICD-10-CM" {
		t.Fatalf("path %q label %q", c.Path(), c.SystemLabel())
	}
	related, err := models.RelatedCodes(ctx, d.Bun, c)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range related {
		keys = append(keys, r.Code)
	}
	if !slices.Equal(keys, c.Related) || len(keys) == 0 {
		t.Fatalf("related %v, listed %v", keys, c.Related)
	}
}

func TestCodeTeaser(t *testing.T) {
	long := "Applying a multiplane external fixation frame whose struts are adjusted on a computer-calculated schedule"
	cases := []struct{ descriptor, want string }{
		{"Hypertension", "Hypertension"},
		{long, "Applying a multiplane external fixation frame whose struts are adjusted on a…"},
	}
	for _, c := range cases {
		code := models.Code{Descriptor: c.descriptor}
		if got := code.Teaser(); got != c.want {
			t.Errorf("Teaser(%q) = %q, want %q", c.descriptor, got, c.want)
		}
	}
}
