package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// The member sections of a code page: shown in full to signed-in readers
// whose meter allowed the page, and as locked blocks to guests.

// CodeGuideline is the Markdown of a code's coding guidelines and tips.
type CodeGuideline struct {
	bun.BaseModel `bun:"table:code_guidelines,alias:g"`

	System string `bun:"system,pk"`
	Code   string `bun:"code,pk"`
	Body   string `bun:"body"`
}

// CodeModifier is a modifier commonly reported with a code, with its meaning.
type CodeModifier struct {
	bun.BaseModel `bun:"table:code_modifiers,alias:m"`

	System   string `bun:"system,pk"`
	Code     string `bun:"code,pk"`
	Modifier string `bun:"modifier,pk"`
	Meaning  string `bun:"meaning"`
}

// CrosswalkPair is a procedure code and a diagnosis code commonly reported
// together.
type CrosswalkPair struct {
	bun.BaseModel `bun:"table:code_crosswalk,alias:x"`

	ProcedureSystem string `bun:"procedure_system,pk"`
	ProcedureCode   string `bun:"procedure_code,pk"`
	DiagnosisCode   string `bun:"diagnosis_code,pk"`
}

// NCCIEdit is one procedure-to-procedure edit in CMS's layout.
type NCCIEdit struct {
	bun.BaseModel `bun:"table:ncci_edits,alias:e"`

	Column1           string     `bun:"column1,pk"`
	Column2           string     `bun:"column2,pk"`
	EffectiveDate     time.Time  `bun:"effective_date,type:date"`
	DeletionDate      *time.Time `bun:"deletion_date,type:date"`
	ModifierIndicator int        `bun:"modifier_indicator"`
}

// ModifierIndicatorText says what CMS's modifier indicator means.
func (e NCCIEdit) ModifierIndicatorText() string {
	switch e.ModifierIndicator {
	case 0:
		return "0 – not allowed"
	case 1:
		return "1 – allowed"
	}
	return "9 – not applicable"
}

// MUELimit is a code's medically unlikely edit.
type MUELimit struct {
	bun.BaseModel `bun:"table:mue_limits,alias:u"`

	Code                  string `bun:"code,pk"`
	MUEValue              int    `bun:"mue_value"`
	AdjudicationIndicator int    `bun:"adjudication_indicator"`
	Rationale             string `bun:"rationale"`
}

// mueIndicators are the labels CMS gives the adjudication indicators.
var mueIndicators = map[int]string{
	1: "1 Line Edit",
	2: "2 Date of Service Edit: Policy",
	3: "3 Date of Service Edit: Clinical",
}

// AdjudicationText is the indicator as CMS writes it.
func (u MUELimit) AdjudicationText() string { return mueIndicators[u.AdjudicationIndicator] }

// MedicarePayment is one line of the physician fee schedule for a code.
type MedicarePayment struct {
	bun.BaseModel `bun:"table:medicare_payments,alias:p"`

	Code             string  `bun:"code,pk"`
	Modifier         string  `bun:"modifier,pk"`
	Year             int     `bun:"year"`
	StatusCode       string  `bun:"status_code"`
	WorkRVU          float64 `bun:"work_rvu"`
	PERVUNonFacility float64 `bun:"pe_rvu_nonfacility"`
	PERVUFacility    float64 `bun:"pe_rvu_facility"`
	MPRVU            float64 `bun:"mp_rvu"`
	ConversionFactor float64 `bun:"conversion_factor"`
}

// NonFacilityRVU and FacilityRVU are the total relative value units.
func (p MedicarePayment) NonFacilityRVU() float64 { return p.WorkRVU + p.PERVUNonFacility + p.MPRVU }
func (p MedicarePayment) FacilityRVU() float64    { return p.WorkRVU + p.PERVUFacility + p.MPRVU }

// NonFacilityPayment and FacilityPayment are the national amounts in
// dollars, rounded to the cent as CMS rounds them.
func (p MedicarePayment) NonFacilityPayment() string {
	return dollars(p.NonFacilityRVU() * p.ConversionFactor)
}
func (p MedicarePayment) FacilityPayment() string {
	return dollars(p.FacilityRVU() * p.ConversionFactor)
}

func dollars(v float64) string {
	cents := int64(v*100 + 0.5)
	s := strconv.FormatInt(cents/100, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("$%s.%02d", s, cents%100)
}

// CodeRef names a code that a section mentions, with its descriptor when the
// code set holds it (the page then links to it).
type CodeRef struct {
	System     string
	Code       string
	Descriptor string
}

// Path is the code's page.
func (r CodeRef) Path() string {
	return "/codes/" + url.PathEscape(r.System) + "/" + url.PathEscape(r.Code)
}

// Known reports whether the code has a page on this site.
func (r CodeRef) Known() bool { return r.Descriptor != "" }

// SectionRows caps the NCCI edits listed each way on one page: a code can
// have hundreds, and the first ones in code order show the pattern.
const SectionRows = 100

// CodeSections holds all six member sections of one code.
type CodeSections struct {
	Guidelines string // Markdown
	Modifiers  []CodeModifier
	// Crosswalk lists diagnosis codes for a procedure code and procedure
	// codes for a diagnosis code.
	Crosswalk []CodeRef
	// Edits lists the NCCI pairs where the code is column 1, then those
	// where it is column 2; Refs has every code they name.
	Edits []NCCIEdit
	Refs  map[string]CodeRef
	MUE   *MUELimit
	// Payments has the global service first, then its modifiers (26, TC).
	Payments []MedicarePayment
}

// Ref returns the code of an NCCI edit or MUE as a link target.
func (s *CodeSections) Ref(code string) CodeRef {
	if r, ok := s.Refs[code]; ok {
		return r
	}
	return CodeRef{System: procedureSystem(code), Code: code}
}

// procedureSystem tells a HCPCS Level II code (a letter first) from a CPT
// code (a digit first, category II and III codes ending in a letter).
func procedureSystem(code string) string {
	if code != "" && code[0] >= 'A' && code[0] <= 'Z' {
		return "hcpcs"
	}
	return "cpt"
}

// SectionsForCode reads every member section of c.
func SectionsForCode(ctx context.Context, db bun.IDB, c *Code) (*CodeSections, error) {
	s := &CodeSections{Refs: map[string]CodeRef{}}
	var g CodeGuideline
	err := db.NewSelect().Model(&g).Where("g.system = ? AND g.code = ?", c.System, c.Code).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	s.Guidelines = g.Body
	if err := db.NewSelect().Model(&s.Modifiers).Where("m.system = ? AND m.code = ?", c.System, c.Code).
		OrderExpr("m.modifier").Scan(ctx); err != nil {
		return nil, err
	}
	if s.Crosswalk, err = crosswalkFor(ctx, db, c); err != nil {
		return nil, err
	}
	if c.System != "cpt" && c.System != "hcpcs" {
		return s, nil
	}
	if err := editsFor(ctx, db, c.Code, s); err != nil {
		return nil, err
	}
	var u MUELimit
	err = db.NewSelect().Model(&u).Where("u.code = ?", c.Code).Scan(ctx)
	if err == nil {
		s.MUE = &u
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	err = db.NewSelect().Model(&s.Payments).Where("p.code = ?", c.Code).OrderExpr("p.modifier").Scan(ctx)
	return s, err
}

// crosswalkFor lists the codes on the other side of c's crosswalk pairs, with
// their descriptors where the code sets hold them.
func crosswalkFor(ctx context.Context, db bun.IDB, c *Code) ([]CodeRef, error) {
	var rows []CodeRef
	q := db.NewSelect().TableExpr("code_crosswalk AS x")
	switch c.System {
	case "cpt", "hcpcs":
		q = q.ColumnExpr("'icd-10-cm' AS system, x.diagnosis_code AS code, coalesce(o.descriptor, '') AS descriptor").
			Join("LEFT JOIN codes AS o ON o.system = 'icd-10-cm' AND o.code = x.diagnosis_code").
			Where("x.procedure_system = ? AND x.procedure_code = ?", c.System, c.Code).
			OrderExpr("x.diagnosis_code")
	case "icd-10-cm":
		q = q.ColumnExpr("x.procedure_system AS system, x.procedure_code AS code, coalesce(o.descriptor, '') AS descriptor").
			Join("LEFT JOIN codes AS o ON o.system = x.procedure_system AND o.code = x.procedure_code").
			Where("x.diagnosis_code = ?", c.Code).
			OrderExpr("x.procedure_system, x.procedure_code")
	default:
		return nil, nil
	}
	err := q.Limit(SectionRows).Scan(ctx, &rows)
	return rows, err
}

// editsFor reads the NCCI pairs naming code on either side, and the
// descriptors of the codes they name.
func editsFor(ctx context.Context, db bun.IDB, code string, s *CodeSections) error {
	for _, col := range []string{"column1", "column2"} {
		var edits []NCCIEdit
		if err := db.NewSelect().Model(&edits).Where("e.? = ?", bun.Ident(col), code).
			OrderExpr("e.column1, e.column2").Limit(SectionRows).Scan(ctx); err != nil {
			return err
		}
		s.Edits = append(s.Edits, edits...)
	}
	seen := map[string]bool{}
	var keys []string
	for _, e := range s.Edits {
		for _, k := range []string{e.Column1, e.Column2} {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var refs []CodeRef
	err := db.NewSelect().TableExpr("codes AS o").
		ColumnExpr("o.system, o.code, o.descriptor").
		Where("o.system IN ('cpt', 'hcpcs') AND o.code IN (?)", bun.In(keys)).
		Scan(ctx, &refs)
	for _, r := range refs {
		s.Refs[r.Code] = r
	}
	return err
}

// OwnerNotice is the notice of the code set's owner, shown after the
// official descriptor; year is the code set's year.
func (c *Code) OwnerNotice(year int) string {
	switch c.System {
	case "cpt":
		return "© Copyright " + strconv.Itoa(year) + " American Medical Association. All rights reserved. " +
			"CPT® is a registered trademark of the American Medical Association."
	case "hcpcs":
		return "HCPCS Level II codes and descriptors are public data published by the Centers for Medicare & Medicaid Services (CMS)."
	case "icd-10-cm":
		return "ICD-10-CM codes and descriptors are public data published by the Centers for Disease Control and " +
			"Prevention's National Center for Health Statistics (CDC/NCHS)."
	}
	return "ICD-10-PCS codes and descriptors are public data published by the Centers for Medicare & Medicaid Services (CMS)."
}
