package models_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
)

// fullSizeNCCIPairs is about the size of CMS's practitioner PTP edit tables.
const fullSizeNCCIPairs = 1_000_000

// ncciHeader is the header row of CMS's published PTP edit files.
var ncciHeader = []string{"Column 1", "Column 2", "* = In existence prior to 1996", "Effective Date",
	"Deletion Date *=no data", "Modifier 0=not allowed 1=allowed 9=not applicable", "PTP Edit Rationale"}

var ncciRationales = []string{"CPT Manual or CMS manual coding instruction", "Mutually exclusive procedures",
	"Standards of medical / surgical practice", "Misuse of column two code with column one code",
	"More extensive procedure", "CPT Separate Procedure definition"}

// writeFullSizeNCCI writes n distinct procedure-to-procedure pairs over the
// full-size CPT and HCPCS codes into path, in CMS's layout: most edits in
// force ("*"), some deleted, dates YYYYMMDD, the same file every run.
func writeFullSizeNCCI(path string, n int) error {
	codes := fullSizeCodes("cpt", fullSize["cpt"])
	codes = append(codes, fullSizeCodes("hcpcs", fullSize["hcpcs"])...)
	r := rand.New(rand.NewPCG(7, uint64(n)))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write(ncciHeader)
	seen := make(map[[2]int32]bool, n)
	for len(seen) < n {
		// Column 2 is usually a neighbour of column 1 (the same family of
		// procedures), as in the published tables.
		i := r.IntN(len(codes))
		j := max(0, min(len(codes)-1, i+r.IntN(401)-200))
		if r.IntN(4) == 0 {
			j = r.IntN(len(codes))
		}
		k := [2]int32{int32(i), int32(j)}
		if i == j || seen[k] {
			continue
		}
		seen[k] = true
		eff := fmt.Sprintf("%04d%02d01", 1996+r.IntN(30), 1+r.IntN(12))
		del, prior := "*", ""
		if r.IntN(10) == 0 {
			del = fmt.Sprintf("%04d1231", 2026)
		}
		if eff < "19970101" {
			prior = "*"
		}
		_ = w.Write([]string{codes[i][0], codes[j][0], prior, eff, del,
			pick(r, []string{"0", "1", "1", "1", "9"}), pick(r, ncciRationales)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TestFullSizeNCCIFileImports checks a smaller file of the generator's
// layout imports without a problem and a second time changes nothing, so
// the full-size timing measures real rows.
func TestFullSizeNCCIFileImports(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	path := filepath.Join(t.TempDir(), "ncci-ptp.csv")
	const n = 3_000
	if err := writeFullSizeNCCI(path, n); err != nil {
		t.Fatal(err)
	}
	for run, want := range []models.ImportReport{{Added: n}, {Unchanged: n}} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := models.ImportCodeSection(ctx, d.Bun, models.ImportKindNCCI, f, 0, nil)
		f.Close()
		if err != nil || len(rep.Problems) > 0 {
			t.Fatalf("run %d: %v %v", run+1, err, rep.Problems[:min(3, len(rep.Problems))])
		}
		if rep.Added != want.Added || rep.Updated != 0 || rep.Unchanged != want.Unchanged {
			t.Fatalf("run %d: added %d, updated %d, unchanged %d; want %+v", run+1, rep.Added, rep.Updated, rep.Unchanged, want)
		}
	}
	var stored int
	if err := d.Bun.NewRaw(`SELECT count(*) FROM ncci_edits`).Scan(ctx, &stored); err != nil || stored != n {
		t.Fatalf("%d edits stored (%v), want %d", stored, err, n)
	}
}
