package models_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// Each import kind: good rows land, bad rows are reported with line and
// column, a second import of the same file changes nothing, and a changed
// value is an update.
func TestImportCodeSectionKinds(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	cases := []struct {
		kind     string
		file     string
		added    int
		problems []string
		changed  string // the file with one value changed: one update
	}{
		{models.ImportKindGuidelines,
			"system,code,guidelines\n" +
				"cpt,20697,\"Report **once** per extremity.\n\n- Not with 20692\"\n" +
				"icd-10-cm,e119,Use an additional code for insulin use (Z79.4).\n" +
				"icd-9,250.00,Old code set\n" +
				"cpt,20697,Again\n" +
				"cpt,99213,\n",
			2, []string{"line 6, column system: unknown code system", "line 7: cpt 20697 appears again (first on line 2)",
				"line 8, column guidelines: missing guidelines"},
			"system,code,guidelines\ncpt,20697,Report once per limb.\n"},
		{models.ImportKindModifiers,
			"code,modifier,meaning\n" +
				"20697,RT,Right side\n" +
				"20697,lt,Left side\n" +
				"G0438,33,Preventive service\n" +
				"2069,59,Distinct procedural service\n" +
				"20697,RTX,Too long\n" +
				"20697,59,\n",
			3, []string{"line 5, column code:", "line 6, column modifier: modifier \"RTX\"", "line 7, column meaning: missing meaning"},
			"code,modifier,meaning\n20697,LT,Left side of the body\n"},
		{models.ImportKindCrosswalk,
			"procedure_code,diagnosis_code\n" +
				"20697,S82.201A\n" +
				"99213,e119\n" +
				"99213,E11.9\n" +
				"99213,E1\n",
			2, []string{"line 4: 99213 with E11.9 appears again (first on line 3)", "line 5, column diagnosis_code:"},
			""},
		{models.ImportKindNCCI,
			"Column 1\tColumn 2\t* = In existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n" +
				"20697\t20692\t\t20090101\t*\t1\tMisuse of column two code with column one code\n" +
				"20697\t36415\t\t20100101\t20150101\t0\tStandard preparation\n" +
				"20697\t20697\t\t20100101\t*\t1\tSame\n" +
				"20697\t20690\t\t2010-13-01\t*\t1\tBad date\n" +
				"20697\t20696\t\t20100101\t*\t5\tBad indicator\n" +
				"20697\t11042\t\t20100101\t20000101\t1\tDeleted first\n",
			2, []string{"line 4, column column_2: column 2 repeats column 1", "line 5, column effective_date:",
				"line 6, column modifier: modifier indicator \"5\"", "line 7, column deletion_date: deleted 20000101"},
			"Column 1,Column 2,Effective Date,Deletion Date,Modifier\n20697,20692,20090101,20240101,1\n"},
		{models.ImportKindMUE,
			"HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n" +
				"20697,4,2 Date of Service Edit: Policy,Anatomic Consideration\n" +
				"99213,1,1 Line Edit,Code Descriptor / CPT Instruction\n" +
				"36415,many,3 Date of Service Edit: Clinical,Clinical\n" +
				"80053,1,7 Something,Clinical\n",
			2, []string{"line 4, column mue_value:", "line 5, column adjudication_indicator: adjudication indicator \"7 Something\""},
			"HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator\n99213,2,1 Line Edit\n"},
		{models.ImportKindPFS,
			"HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU,NON-FAC PE RVU,NON-FAC NA INDICATOR,FACILITY PE RVU,MP RVU,CONV FACTOR\n" +
				"20697,,Comp ext fixj,A,9.00,NA,NA,6.50,1.80,32.3465\n" +
				"20697,,Comp ext fixj,A,9.00,4.10,,6.50,1.80,32.3465\n" +
				"93000,,Electrocardiogram complete,A,0.17,0.23,,0.23,0.02,32.3465\n" +
				"93000,26,Electrocardiogram complete,A,0.17,0.06,,0.06,0.01,32.3465\n" +
				"93000,2,Bad modifier,A,0.17,0.06,,0.06,0.01,32.3465\n" +
				"93010,,Ecg report,A,0.17,0.06,,0.06,0.01,0\n",
			3, []string{"line 2, column non_fac_pe_rvu: \"NA\"", "line 6, column modifier:", "line 7, column conv_factor:"},
			"HCPCS,MOD,WORK RVU,NON-FAC PE RVU,FACILITY PE RVU,MP RVU,CONV FACTOR\n93000,26,0.17,0.07,0.07,0.01,32.3465\n"},
	}
	for _, c := range cases {
		rep, err := models.ImportCodeSection(ctx, d.Bun, c.kind, strings.NewReader(c.file), 2025, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.kind, err)
		}
		if rep.Added != c.added || rep.Updated != 0 || len(rep.Problems) != len(c.problems) {
			t.Errorf("%s: added %d updated %d, problems %v", c.kind, rep.Added, rep.Updated, rep.Problems)
		}
		for i, want := range c.problems {
			if i < len(rep.Problems) && !strings.HasPrefix(rep.Problems[i].String(), want) {
				t.Errorf("%s: problem %d is %q, want %q…", c.kind, i, rep.Problems[i], want)
			}
		}
		again, err := models.ImportCodeSection(ctx, d.Bun, c.kind, strings.NewReader(c.file), 2025, nil)
		if err != nil || again.Added != 0 || again.Updated != 0 || again.Unchanged != c.added {
			t.Errorf("%s: second import %+v %v", c.kind, again, err)
		}
		if c.changed == "" {
			continue
		}
		upd, err := models.ImportCodeSection(ctx, d.Bun, c.kind, strings.NewReader(c.changed), 2025, nil)
		if err != nil || upd.Added != 0 || upd.Updated != 1 || len(upd.Problems) != 0 {
			t.Errorf("%s: changed file %+v %v", c.kind, upd, err)
		}
	}

	// What landed, read back the way the code page reads it.
	if _, err := models.ImportCodes(ctx, d.Bun, "icd-10-cm", strings.NewReader("code,descriptor\nS82.201A,Fracture of right tibia\n"), nil); err != nil {
		t.Fatal(err)
	}
	s, err := models.SectionsForCode(ctx, d.Bun, &models.Code{System: "cpt", Code: "20697"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Guidelines != "Report once per limb." {
		t.Errorf("guidelines %q", s.Guidelines)
	}
	if len(s.Modifiers) != 2 || s.Modifiers[0].Modifier != "LT" || s.Modifiers[0].Meaning != "Left side of the body" {
		t.Errorf("modifiers %+v", s.Modifiers)
	}
	if len(s.Crosswalk) != 1 || s.Crosswalk[0].Code != "S82.201A" || !s.Crosswalk[0].Known() ||
		s.Crosswalk[0].Path() != "/codes/icd-10-cm/S82.201A" {
		t.Errorf("crosswalk %+v", s.Crosswalk)
	}
	if len(s.Edits) != 2 || s.Edits[0].Column2 != "20692" || s.Edits[0].DeletionDate == nil ||
		s.Edits[0].DeletionDate.Format("2006-01-02") != "2024-01-01" || s.Edits[1].ModifierIndicatorText() != "0 – not allowed" {
		t.Errorf("edits %+v", s.Edits)
	}
	if s.Ref("20692").Path() != "/codes/cpt/20692" || s.Ref("G0438").System != "hcpcs" {
		t.Errorf("refs %+v %+v", s.Ref("20692"), s.Ref("G0438"))
	}
	if s.MUE == nil || s.MUE.MUEValue != 4 || s.MUE.AdjudicationText() != "2 Date of Service Edit: Policy" {
		t.Errorf("mue %+v", s.MUE)
	}
	if len(s.Payments) != 1 || s.Payments[0].Year != 2025 || s.Payments[0].NonFacilityPayment() != "$481.96" ||
		s.Payments[0].FacilityPayment() != "$559.59" {
		t.Errorf("payments %+v", s.Payments)
	}

	// The crosswalk the other way round, from the diagnosis code's page.
	dx, err := models.SectionsForCode(ctx, d.Bun, &models.Code{System: "icd-10-cm", Code: "E11.9"})
	if err != nil {
		t.Fatal(err)
	}
	if len(dx.Crosswalk) != 1 || dx.Crosswalk[0].Path() != "/codes/cpt/99213" || dx.Crosswalk[0].Known() {
		t.Errorf("crosswalk from the diagnosis %+v", dx.Crosswalk)
	}
	if dx.Guidelines == "" || dx.MUE != nil || len(dx.Edits) != 0 || len(dx.Payments) != 0 {
		t.Errorf("diagnosis sections %+v", dx)
	}
}

func TestImportCodeSectionHeadersAndBatches(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	for _, c := range []struct{ kind, file, err string }{
		{"nope", "code\n", "unknown import kind"},
		{models.ImportKindModifiers, "code,modifier,meaning,price\n", `unknown columns "price"`},
		{models.ImportKindMUE, "HCPCS/CPT Code,MUE Rationale\n", `missing required column "mue_value"`},
		{models.ImportKindGuidelines, "", "the file is empty"},
	} {
		_, err := models.ImportCodeSection(ctx, d.Bun, c.kind, strings.NewReader(c.file), 2025, nil)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s %q: %v, want %q", c.kind, c.file, err, c.err)
		}
	}

	// More rows than a batch, with progress; one bad row in the middle.
	var b strings.Builder
	b.WriteString("Column 1,Column 2,Effective Date,Deletion Date,Modifier\n")
	for i := range 2500 {
		if i == 1700 {
			b.WriteString("20697,x,20200101,*,1\n")
			continue
		}
		fmt.Fprintf(&b, "20697,%05d,20200101,*,%d\n", 30000+i, []int{0, 1, 9}[i%3])
	}
	var seen []int
	rep, err := models.ImportCodeSection(ctx, d.Bun, models.ImportKindNCCI, strings.NewReader(b.String()), 2025,
		func(rows int) { seen = append(seen, rows) })
	if err != nil || rep.Added != 2499 || len(rep.Problems) != 1 || rep.Problems[0].Line != 1702 {
		t.Fatalf("big file: %+v %v", rep, err)
	}
	if !slices.Equal(seen, []int{1000, 2000}) {
		t.Errorf("progress %v", seen)
	}
	s, err := models.SectionsForCode(ctx, d.Bun, &models.Code{System: "cpt", Code: "20697"})
	if err != nil || len(s.Edits) != models.SectionRows {
		t.Errorf("edits on the page: %d %v", len(s.Edits), err)
	}
}

// The sample sections load cleanly, name only sample codes (so every link
// leads to a page), and give 20697, the reference page, all six sections.
func TestSampleSectionsNameSampleCodes(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	var missing []string
	err := d.Bun.NewRaw(`SELECT DISTINCT k.code FROM (
			SELECT system, code FROM code_guidelines
			UNION ALL SELECT system, code FROM code_modifiers
			UNION ALL SELECT procedure_system, procedure_code FROM code_crosswalk
			UNION ALL SELECT 'icd-10-cm', diagnosis_code FROM code_crosswalk
			UNION ALL SELECT CASE WHEN column1 ~ '^[A-Z]' THEN 'hcpcs' ELSE 'cpt' END, column1 FROM ncci_edits
			UNION ALL SELECT CASE WHEN column2 ~ '^[A-Z]' THEN 'hcpcs' ELSE 'cpt' END, column2 FROM ncci_edits
			UNION ALL SELECT CASE WHEN code ~ '^[A-Z]' THEN 'hcpcs' ELSE 'cpt' END, code FROM mue_limits
			UNION ALL SELECT CASE WHEN code ~ '^[A-Z]' THEN 'hcpcs' ELSE 'cpt' END, code FROM medicare_payments
		) AS k LEFT JOIN codes c USING (system, code) WHERE c.code IS NULL`).Scan(ctx, &missing)
	if err != nil || len(missing) > 0 {
		t.Fatalf("sections name codes the sample lacks: %v %v", missing, err)
	}
	code, err := models.CodeByKey(ctx, d.Bun, "cpt", "20697")
	if err != nil {
		t.Fatal(err)
	}
	s, err := models.SectionsForCode(ctx, d.Bun, code)
	if err != nil {
		t.Fatal(err)
	}
	if s.Guidelines == "" || len(s.Modifiers) == 0 || len(s.Crosswalk) == 0 || len(s.Edits) == 0 || s.MUE == nil || len(s.Payments) == 0 {
		t.Errorf("20697 lacks a section: %+v", s)
	}
	if n := len(strings.Fields(code.CommonDescription)); n < 200 {
		t.Errorf("20697's common language description has %d words", n)
	}
}
