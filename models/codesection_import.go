package models

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// Import kinds of `codes import --kind`, one per member section of the code
// page. ImportKindCodes is the code set itself (ImportCodes).
const (
	ImportKindCodes      = "codes"
	ImportKindGuidelines = "guidelines"
	ImportKindModifiers  = "modifiers"
	ImportKindCrosswalk  = "crosswalk"
	ImportKindNCCI       = "ncci-ptp"
	ImportKindMUE        = "mue"
	ImportKindPFS        = "pfs"
)

// ImportKinds lists every kind, in the order of the code page.
var ImportKinds = []string{ImportKindCodes, ImportKindGuidelines, ImportKindModifiers,
	ImportKindCrosswalk, ImportKindNCCI, ImportKindMUE, ImportKindPFS}

// ImportCodeSection upserts one member section from a CSV or TSV file with a
// header, with ImportCodes's guarantees: bad rows are reported with their line
// and column and skipped, rows are written in batches inside one transaction,
// a repeated import changes nothing, and progress is called every 1,000 rows.
// year is the fee schedule year for pfs files without a year column.
func ImportCodeSection(ctx context.Context, db *bun.DB, kind string, r io.Reader, year int, progress func(rows int)) (ImportReport, error) {
	rep, err := importSection(ctx, db, kind, r, year, progress)
	if err != nil || rep.Added+rep.Updated == 0 {
		return rep, err
	}
	// Fresh statistics at once: straight after a million NCCI pairs, a code
	// page's read took 2.1 s on the old ones and 0.7 ms after ANALYZE.
	_, err = db.ExecContext(ctx, "ANALYZE "+sectionTables[kind])
	return rep, err
}

// sectionTables are the tables the import kinds write.
var sectionTables = map[string]string{
	ImportKindGuidelines: "code_guidelines", ImportKindModifiers: "code_modifiers",
	ImportKindCrosswalk: "code_crosswalk", ImportKindNCCI: "ncci_edits", ImportKindMUE: "mue_limits",
	ImportKindPFS: "medicare_payments",
}

func importSection(ctx context.Context, db *bun.DB, kind string, r io.Reader, year int, progress func(rows int)) (ImportReport, error) {
	switch kind {
	case ImportKindGuidelines:
		return importTable(ctx, db, guidelineKind, r, progress)
	case ImportKindModifiers:
		return importTable(ctx, db, modifierKind, r, progress)
	case ImportKindCrosswalk:
		return importTable(ctx, db, crosswalkKind, r, progress)
	case ImportKindNCCI:
		return importTable(ctx, db, ncciKind, r, progress)
	case ImportKindMUE:
		return importTable(ctx, db, mueKind, r, progress)
	case ImportKindPFS:
		return importTable(ctx, db, pfsKind(year), r, progress)
	}
	return ImportReport{}, fmt.Errorf("unknown import kind %q (use %s)", kind, strings.Join(ImportKinds, ", "))
}

// importKind describes the layout of one kind and how its rows are stored.
type importKind[T any] struct {
	columns  []string          // known columns, normalised (see columnName)
	required []string          // columns the header must have
	aliases  map[string]string // other spellings of a column in published files
	// lenient kinds read files as published, which carry columns we do not
	// store; the others refuse unknown columns, which catches a wrong --kind.
	lenient bool
	row     func(get func(string) string) (T, *ImportProblem)
	key     func(T) string // a row's identity, to report one given twice
	upsert  func(ctx context.Context, db bun.IDB, batch []T) (added, updated int, err error)
}

// columnName normalises a header cell: "NON-FAC PE RVU" → "non_fac_pe_rvu".
func columnName(h string) string {
	return joinWords(strings.TrimPrefix(strings.TrimSpace(h), "\ufeff"), '_')
}

// header maps each known column to its index. A header cell names a column
// when it equals the column or an alias, or begins with one followed by more
// words (CMS writes "Deletion Date *=no data").
func (k importKind[T]) header(header []string) (map[string]int, error) {
	cols := map[string]int{}
	var unknown []string
	for i, h := range header {
		name := k.columnFor(columnName(h))
		if name == "" {
			unknown = append(unknown, strconv.Quote(h))
			continue
		}
		if _, dup := cols[name]; dup {
			return nil, fmt.Errorf("column %q appears twice", name)
		}
		cols[name] = i
	}
	if len(unknown) > 0 && !k.lenient {
		return nil, fmt.Errorf("unknown columns %s (known: %s)", strings.Join(unknown, ", "), strings.Join(k.columns, ", "))
	}
	for _, req := range k.required {
		if _, ok := cols[req]; !ok {
			return nil, fmt.Errorf("missing required column %q (columns: %s)", req, strings.Join(k.columns, ", "))
		}
	}
	return cols, nil
}

func (k importKind[T]) columnFor(name string) string {
	if name == "" {
		return ""
	}
	for _, c := range k.columns {
		if name == c || strings.HasPrefix(name, c+"_") {
			return c
		}
	}
	for a, c := range k.aliases {
		if name == a || strings.HasPrefix(name, a+"_") {
			return c
		}
	}
	return ""
}

// importTable reads a file of kind k and upserts its rows in batches, all in
// one transaction.
func importTable[T any](ctx context.Context, db *bun.DB, k importKind[T], r io.Reader, progress func(rows int)) (ImportReport, error) {
	var rep ImportReport
	cr, header, err := importReader(r, k.lenient) // published files have stray quotes in free text
	if err != nil {
		return rep, err
	}
	cols, err := k.header(header)
	if err != nil {
		return rep, err
	}

	return importRows(ctx, db, cr, progress, "", func(rec []string) (T, string, *ImportProblem) {
		v, prob := k.checkRow(cols, len(header), rec)
		if prob != nil {
			return v, "", prob
		}
		return v, k.key(v), nil
	}, k.upsert)
}

func (k importKind[T]) checkRow(cols map[string]int, fields int, rec []string) (T, *ImportProblem) {
	if len(rec) != fields {
		var zero T
		return zero, &ImportProblem{Message: fmt.Sprintf("%d fields, but the header has %d", len(rec), fields)}
	}
	return k.row(func(name string) string {
		if i, ok := cols[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	})
}

// rowProblem is a problem with one column of a row.
func rowProblem[T any](col, format string, args ...any) (T, *ImportProblem) {
	var zero T
	return zero, &ImportProblem{Column: col, Message: fmt.Sprintf(format, args...)}
}

// countUpserts turns the xmax = 0 flags of an upsert's RETURNING into counts:
// xmax is 0 only for a freshly inserted row, and rows left unchanged by the
// WHERE of DO UPDATE return nothing.
func countUpserts(inserted []bool) (added, updated int) {
	for _, ins := range inserted {
		if ins {
			added++
		} else {
			updated++
		}
	}
	return added, updated
}

// procedureCode reads a CPT or HCPCS code and tells which of the two it is.
func procedureCode(raw string) (system, code, problem string) {
	system = procedureSystem(strings.ToUpper(raw))
	code, problem = canonicalCode(system, raw)
	return system, code, problem
}
