package models

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// The layouts of the member-section import kinds. The README shows each one
// with an example.

var guidelineKind = importKind[CodeGuideline]{
	columns:  []string{"system", "code", "guidelines"},
	required: []string{"system", "code", "guidelines"},
	aliases:  map[string]string{"markdown": "guidelines"},
	row: func(get func(string) string) (CodeGuideline, *ImportProblem) {
		g := CodeGuideline{System: strings.ToLower(get("system")), Body: get("guidelines")}
		if !IsTerm(CodeSystems, g.System) {
			return rowProblem[CodeGuideline]("system", "unknown code system %q (use cpt, hcpcs, icd-10-cm or icd-10-pcs)", get("system"))
		}
		var msg string
		if g.Code, msg = canonicalCode(g.System, get("code")); msg != "" {
			return rowProblem[CodeGuideline]("code", "%s", msg)
		}
		if g.Body == "" {
			return rowProblem[CodeGuideline]("guidelines", "missing guidelines")
		}
		return g, nil
	},
	key: func(g CodeGuideline) string { return g.System + " " + g.Code },
	upsert: func(ctx context.Context, db bun.IDB, batch []CodeGuideline) (int, int, error) {
		return upsertRows(ctx, db, &batch, "system, code", "body")
	},
}

var modifierKind = importKind[CodeModifier]{
	columns:  []string{"code", "modifier", "meaning"},
	required: []string{"code", "modifier", "meaning"},
	row: func(get func(string) string) (CodeModifier, *ImportProblem) {
		m := CodeModifier{Modifier: strings.ToUpper(get("modifier")), Meaning: get("meaning")}
		var msg string
		if m.System, m.Code, msg = procedureCode(get("code")); msg != "" {
			return rowProblem[CodeModifier]("code", "%s", msg)
		}
		if !isModifier(m.Modifier) {
			return rowProblem[CodeModifier]("modifier", "modifier %q is not two letters or digits", get("modifier"))
		}
		if m.Meaning == "" {
			return rowProblem[CodeModifier]("meaning", "missing meaning")
		}
		return m, nil
	},
	key: func(m CodeModifier) string { return m.Code + "-" + m.Modifier },
	upsert: func(ctx context.Context, db bun.IDB, batch []CodeModifier) (int, int, error) {
		return upsertRows(ctx, db, &batch, "system, code, modifier", "meaning")
	},
}

var crosswalkKind = importKind[CrosswalkPair]{
	columns:  []string{"procedure_code", "diagnosis_code"},
	required: []string{"procedure_code", "diagnosis_code"},
	aliases:  map[string]string{"cpt_hcpcs": "procedure_code", "icd_10_cm": "diagnosis_code"},
	row: func(get func(string) string) (CrosswalkPair, *ImportProblem) {
		var x CrosswalkPair
		var msg string
		if x.ProcedureSystem, x.ProcedureCode, msg = procedureCode(get("procedure_code")); msg != "" {
			return rowProblem[CrosswalkPair]("procedure_code", "%s", msg)
		}
		if x.DiagnosisCode, msg = canonicalCode("icd-10-cm", get("diagnosis_code")); msg != "" {
			return rowProblem[CrosswalkPair]("diagnosis_code", "%s", msg)
		}
		return x, nil
	},
	key: func(x CrosswalkPair) string { return x.ProcedureCode + " with " + x.DiagnosisCode },
	upsert: func(ctx context.Context, db bun.IDB, batch []CrosswalkPair) (int, int, error) {
		return upsertRows(ctx, db, &batch, "procedure_system, procedure_code, diagnosis_code", "")
	},
}

// ncciKind reads CMS's practitioner or hospital PTP edit files: "Column 1",
// "Column 2", "* = In existence prior to 1996", "Effective Date", "Deletion
// Date *=no data", "Modifier 0=not allowed 1=allowed 9=not applicable",
// "PTP Edit Rationale".
var ncciKind = importKind[NCCIEdit]{
	columns:  []string{"column_1", "column_2", "effective_date", "deletion_date", "modifier"},
	required: []string{"column_1", "column_2", "effective_date", "modifier"},
	aliases:  map[string]string{"column1": "column_1", "column2": "column_2", "modifier_indicator": "modifier"},
	lenient:  true,
	row: func(get func(string) string) (NCCIEdit, *ImportProblem) {
		var e NCCIEdit
		var msg string
		if _, e.Column1, msg = procedureCode(get("column_1")); msg != "" {
			return rowProblem[NCCIEdit]("column_1", "%s", msg)
		}
		if _, e.Column2, msg = procedureCode(get("column_2")); msg != "" {
			return rowProblem[NCCIEdit]("column_2", "%s", msg)
		}
		if e.Column1 == e.Column2 {
			return rowProblem[NCCIEdit]("column_2", "column 2 repeats column 1 (%s)", e.Column1)
		}
		var ok bool
		if e.EffectiveDate, ok = cmsDate(get("effective_date")); !ok || e.EffectiveDate.IsZero() {
			return rowProblem[NCCIEdit]("effective_date", "date %q is not YYYYMMDD", get("effective_date"))
		}
		del, ok := cmsDate(get("deletion_date"))
		if !ok {
			return rowProblem[NCCIEdit]("deletion_date", "date %q is not YYYYMMDD or *", get("deletion_date"))
		}
		if !del.IsZero() {
			if del.Before(e.EffectiveDate) {
				return rowProblem[NCCIEdit]("deletion_date", "deleted %s, before it took effect", get("deletion_date"))
			}
			e.DeletionDate = &del
		}
		switch get("modifier") {
		case "0", "1", "9":
			e.ModifierIndicator = int(get("modifier")[0] - '0')
		default:
			return rowProblem[NCCIEdit]("modifier", "modifier indicator %q is not 0, 1 or 9", get("modifier"))
		}
		return e, nil
	},
	key: func(e NCCIEdit) string { return e.Column1 + "/" + e.Column2 },
	upsert: func(ctx context.Context, db bun.IDB, batch []NCCIEdit) (int, int, error) {
		return upsertRows(ctx, db, &batch, "column1, column2", "effective_date, deletion_date, modifier_indicator")
	},
}

// cmsDate reads a date as CMS writes it (20240101), or as 2024-01-01 or
// 1/31/2024. Empty and "*" are no date: the zero time, and ok.
func cmsDate(s string) (time.Time, bool) {
	if s == "" || s == "*" {
		return time.Time{}, true
	}
	for _, layout := range []string{"20060102", "2006-01-02", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// mueKind reads CMS's MUE tables: "HCPCS/CPT Code", "Practitioner Services
// MUE Values" (or the outpatient hospital and DME supplier tables' column),
// "MUE Adjudication Indicator", "MUE Rationale".
var mueKind = importKind[MUELimit]{
	columns:  []string{"code", "mue_value", "adjudication_indicator", "rationale"},
	required: []string{"code", "mue_value", "adjudication_indicator"},
	aliases: map[string]string{"hcpcs_cpt_code": "code", "hcpcs": "code",
		"practitioner_services_mue_values": "mue_value", "outpatient_hospital_services_mue_values": "mue_value",
		"dme_supplier_services_mue_values": "mue_value", "mue_values": "mue_value",
		"mue_adjudication_indicator": "adjudication_indicator", "mai": "adjudication_indicator",
		"mue_rationale": "rationale"},
	lenient: true,
	row: func(get func(string) string) (MUELimit, *ImportProblem) {
		u := MUELimit{Rationale: get("rationale")}
		var msg string
		if _, u.Code, msg = procedureCode(get("code")); msg != "" {
			return rowProblem[MUELimit]("code", "%s", msg)
		}
		n, err := strconv.Atoi(get("mue_value"))
		if err != nil || n < 0 {
			return rowProblem[MUELimit]("mue_value", "MUE value %q is not a whole number of units", get("mue_value"))
		}
		u.MUEValue = n
		// CMS writes "2 Date of Service Edit: Policy"; the digit decides.
		ind := get("adjudication_indicator")
		if ind == "" || mueIndicators[int(ind[0]-'0')] == "" || len(ind) > 1 && ind[1] != ' ' {
			return rowProblem[MUELimit]("adjudication_indicator", "adjudication indicator %q is not 1, 2 or 3", ind)
		}
		u.AdjudicationIndicator = int(ind[0] - '0')
		return u, nil
	},
	key: func(u MUELimit) string { return u.Code },
	upsert: func(ctx context.Context, db bun.IDB, batch []MUELimit) (int, int, error) {
		return upsertRows(ctx, db, &batch, "code", "mue_value, adjudication_indicator, rationale")
	},
}

// pfsKind reads the physician fee schedule's relative value file (PPRRVU):
// "HCPCS", "MOD", "WORK RVU", "NON-FAC PE RVU", "FACILITY PE RVU", "MP RVU",
// "CONV FACTOR", among many columns not stored. year applies when the file
// has no year column.
func pfsKind(year int) importKind[MedicarePayment] {
	return importKind[MedicarePayment]{
		columns: []string{"code", "modifier", "year", "status_code", "work_rvu", "non_fac_pe_rvu",
			"facility_pe_rvu", "mp_rvu", "conv_factor"},
		required: []string{"code", "work_rvu", "non_fac_pe_rvu", "facility_pe_rvu", "mp_rvu", "conv_factor"},
		aliases: map[string]string{"hcpcs": "code", "mod": "modifier", "non_facility_pe_rvu": "non_fac_pe_rvu",
			"conversion_factor": "conv_factor", "malpractice_rvu": "mp_rvu"},
		lenient: true,
		row: func(get func(string) string) (MedicarePayment, *ImportProblem) {
			p := MedicarePayment{Modifier: strings.ToUpper(get("modifier")), StatusCode: strings.ToUpper(get("status_code")), Year: year}
			var msg string
			if _, p.Code, msg = procedureCode(get("code")); msg != "" {
				return rowProblem[MedicarePayment]("code", "%s", msg)
			}
			if p.Modifier != "" && !isModifier(p.Modifier) {
				return rowProblem[MedicarePayment]("modifier", "modifier %q is not two letters or digits", get("modifier"))
			}
			if y := get("year"); y != "" {
				n, err := strconv.Atoi(y)
				if err != nil || n < 1992 || n > 2200 {
					return rowProblem[MedicarePayment]("year", "year %q is not a fee schedule year", y)
				}
				p.Year = n
			}
			for _, f := range []struct {
				col string
				to  *float64
			}{{"work_rvu", &p.WorkRVU}, {"non_fac_pe_rvu", &p.PERVUNonFacility}, {"facility_pe_rvu", &p.PERVUFacility},
				{"mp_rvu", &p.MPRVU}, {"conv_factor", &p.ConversionFactor}} {
				v, err := strconv.ParseFloat(get(f.col), 64)
				if err != nil || v < 0 || v > 999999 {
					return rowProblem[MedicarePayment](f.col, "%q is not a number of 0 or more", get(f.col))
				}
				*f.to = v
			}
			if p.ConversionFactor == 0 {
				return rowProblem[MedicarePayment]("conv_factor", "the conversion factor cannot be 0")
			}
			return p, nil
		},
		key: func(p MedicarePayment) string { return strings.TrimSuffix(p.Code+"-"+p.Modifier, "-") },
		upsert: func(ctx context.Context, db bun.IDB, batch []MedicarePayment) (int, int, error) {
			return upsertRows(ctx, db, &batch, "code, modifier",
				"year, status_code, work_rvu, pe_rvu_nonfacility, pe_rvu_facility, mp_rvu, conversion_factor")
		},
	}
}

func isModifier(m string) bool {
	if len(m) != 2 {
		return false
	}
	for _, r := range m {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// upsertRows inserts a batch (a pointer to a slice of models), updating a
// row that exists only when one of the value columns differs, and counts
// what it added and changed. values is "" when the key is the whole row.
func upsertRows(ctx context.Context, db bun.IDB, batch any, key, values string) (added, updated int, err error) {
	q := db.NewInsert().Model(batch)
	if values == "" {
		q = q.On("CONFLICT (" + key + ") DO NOTHING")
	} else {
		cols := strings.Split(values, ", ")
		excluded := make([]string, len(cols))
		for i, c := range cols {
			excluded[i] = "EXCLUDED." + c
			q = q.Set(c + " = EXCLUDED." + c)
		}
		q = q.On("CONFLICT (" + key + ") DO UPDATE").Set("updated_at = now()").
			Where("(" + strings.Join(qualify(cols), ", ") + ") IS DISTINCT FROM (" + strings.Join(excluded, ", ") + ")")
	}
	var inserted []bool
	if err := q.Returning("xmax = 0").Scan(ctx, &inserted); err != nil {
		return 0, 0, err
	}
	added, updated = countUpserts(inserted)
	return added, updated, nil
}

// qualify names columns of the existing row in an upsert's DO UPDATE: the
// table's own name works whatever alias the model has.
func qualify(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = "?TableAlias." + c
	}
	return out
}
