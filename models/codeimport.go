package models

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// ImportProblem is one row of an import file that was skipped, and why.
type ImportProblem struct {
	Line    int
	Column  string // "" when the row as a whole is wrong
	Message string
}

func (p ImportProblem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Message)
}

// ImportReport counts what an import did. A repeated import of the same file
// reports every row unchanged.
type ImportReport struct {
	Added, Updated, Unchanged int
	Problems                  []ImportProblem
}

// codeColumnNames are the columns an import file may have, required first.
var codeColumnNames = []string{"code", "descriptor", "common_description", "status", "related", "specialties"}

const importBatch = 500

// ImportCodes upserts the codes of system from a CSV or TSV file with a
// header (the header's first tab or comma decides). Bad rows are reported and
// skipped; only an unreadable file or a bad header is an error. The whole
// file is one transaction, so a failure halfway leaves the table as it was.
// progress, when set, is called every 1,000 rows.
func ImportCodes(ctx context.Context, db *bun.DB, system string, r io.Reader, progress func(rows int)) (ImportReport, error) {
	var rep ImportReport
	if !IsTerm(CodeSystems, system) {
		return rep, fmt.Errorf("unknown code system %q", system)
	}
	cr, header, err := importReader(r, false)
	if err != nil {
		return rep, err
	}
	cr.ReuseRecord = true
	cols, err := codeHeader(header)
	if err != nil {
		return rep, err
	}

	return importRows(ctx, db, cr, progress, "code", func(rec []string) (Code, string, *ImportProblem) {
		c, prob := codeRow(system, cols, len(header), rec)
		return c, c.Code, prob
	}, upsertCodes)
}

// codeHeader maps each column name to its index; names are case-insensitive
// and may come in any order.
func codeHeader(header []string) (map[string]int, error) {
	cols := map[string]int{}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(codeColumnNames, name) {
			unknown = append(unknown, strconv.Quote(h))
			continue
		}
		if _, dup := cols[name]; dup {
			return nil, fmt.Errorf("column %q appears twice", name)
		}
		cols[name] = i
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown columns %s (known: %s)", strings.Join(unknown, ", "), strings.Join(codeColumnNames, ", "))
	}
	for _, req := range codeColumnNames[:2] {
		if _, ok := cols[req]; !ok {
			return nil, fmt.Errorf("missing required column %q", req)
		}
	}
	return cols, nil
}

// upsertCodes writes a batch, changing rows only when a value differs, and
// counts inserted and updated rows (xmax is 0 only for a freshly inserted row).
func upsertCodes(ctx context.Context, db bun.IDB, batch []Code) (added, updated int, err error) {
	if len(batch) == 0 {
		return 0, 0, nil
	}
	var inserted []bool
	err = db.NewInsert().Model(&batch).
		Column("system", "code", "descriptor", "common_description", "status", "related", "specialties").
		On("CONFLICT (system, code) DO UPDATE").
		Set("descriptor = EXCLUDED.descriptor").
		Set("common_description = EXCLUDED.common_description").
		Set("status = EXCLUDED.status").
		Set("related = EXCLUDED.related").
		Set("specialties = EXCLUDED.specialties").
		Set("updated_at = now()").
		Where(`(c.descriptor, c.common_description, c.status, c.related, c.specialties)
			IS DISTINCT FROM (EXCLUDED.descriptor, EXCLUDED.common_description,
			EXCLUDED.status, EXCLUDED.related, EXCLUDED.specialties)`).
		Returning("xmax = 0").Scan(ctx, &inserted)
	for _, ins := range inserted {
		if ins {
			added++
		} else {
			updated++
		}
	}
	return added, updated, err
}

// codeRow checks one data row and returns its code in canonical form, or the
// first problem found (its Line is filled in by the caller).
func codeRow(system string, cols map[string]int, fields int, rec []string) (Code, *ImportProblem) {
	if len(rec) != fields {
		return Code{}, &ImportProblem{Message: fmt.Sprintf("%d fields, but the header has %d", len(rec), fields)}
	}
	get := func(name string) string {
		if i, ok := cols[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	bad := func(col, format string, args ...any) (Code, *ImportProblem) {
		return Code{}, &ImportProblem{Column: col, Message: fmt.Sprintf(format, args...)}
	}
	c := Code{System: system, Descriptor: get("descriptor"), CommonDescription: get("common_description"),
		Status: strings.ToLower(get("status")), Related: []string{}, Specialties: []string{}}
	var msg string
	if c.Code, msg = canonicalCode(system, get("code")); msg != "" {
		return bad("code", "%s", msg)
	}
	if c.Descriptor == "" {
		return bad("descriptor", "missing descriptor")
	}
	if c.Status == "" {
		c.Status = CodeActive
	}
	if !slices.Contains(CodeStatuses, c.Status) {
		return bad("status", "unknown status %q (use %s)", get("status"), strings.Join(CodeStatuses, ", "))
	}
	for _, r := range strings.FieldsFunc(get("related"), func(r rune) bool { return r == ';' || r == ' ' || r == '\t' }) {
		rc, msg := canonicalCode(system, r)
		if msg != "" {
			return bad("related", "%s", msg)
		}
		if rc != c.Code && !slices.Contains(c.Related, rc) {
			c.Related = append(c.Related, rc)
		}
	}
	for _, s := range strings.Split(get("specialties"), ";") {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || slices.Contains(c.Specialties, s) {
			continue
		}
		if !IsTerm(Specialties, s) {
			return bad("specialties", "unknown specialty %q", s)
		}
		c.Specialties = append(c.Specialties, s)
	}
	return c, nil
}

// codeLengths are the letters and digits a code of each system has.
var codeLengths = map[string][2]int{"cpt": {5, 5}, "hcpcs": {5, 5}, "icd-10-cm": {3, 7}, "icd-10-pcs": {7, 7}}

// canonicalCode spells a code the way the table stores it: upper case, and
// for ICD-10-CM a dot after the category, or explains why it is no code.
func canonicalCode(system, raw string) (code, problem string) {
	if raw == "" {
		return "", "missing code"
	}
	s := strings.ToUpper(strings.ReplaceAll(raw, ".", ""))
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return "", fmt.Sprintf("code %q may only have letters, digits and dots", raw)
		}
	}
	n := codeLengths[system]
	if len(s) < n[0] || len(s) > n[1] {
		want := strconv.Itoa(n[0])
		if n[0] != n[1] {
			want += " to " + strconv.Itoa(n[1])
		}
		return "", fmt.Sprintf("code %q has %d characters; %s codes have %s", raw, len(s), TermLabel(CodeSystems, system), want)
	}
	if system == "icd-10-cm" && len(s) > 3 {
		s = s[:3] + "." + s[3:]
	}
	return s, ""
}
