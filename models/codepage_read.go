package models

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/uptrace/bun"
)

// codePageQuery reads a code page in one statement: the code, its related
// codes and all six member sections, each list as JSON in the order and
// with the caps of CodeByKey, RelatedCodes and SectionsForCode (which
// TestCodePageByKeyReadsWhatTheSeparateQueriesRead holds it to). $1 is the
// system and $2 the code's key. The JSON keys are the Go field names.
var codePageQuery = `WITH c AS (
		SELECT ` + codeColumns + `, c.code_key,
			array(SELECT regexp_replace(lower(x), '[^a-z0-9]', '', 'g') FROM unnest(c.related) AS x) AS related_keys
		FROM codes c WHERE c.system = $1 AND c.code_key = $2
	), e1 AS (
		SELECT e.* FROM ncci_edits e, c WHERE c.system IN ('cpt', 'hcpcs') AND e.column1 = c.code
		ORDER BY e.column1, e.column2 LIMIT ` + strconv.Itoa(SectionRows) + `
	), e2 AS (
		SELECT e.* FROM ncci_edits e, c WHERE c.system IN ('cpt', 'hcpcs') AND e.column2 = c.code
		ORDER BY e.column1, e.column2 LIMIT ` + strconv.Itoa(SectionRows) + `
	), x AS (
		SELECT 'icd-10-cm' AS system, x.diagnosis_code AS code, coalesce(o.descriptor, '') AS descriptor
		FROM c JOIN code_crosswalk x ON c.system IN ('cpt', 'hcpcs') AND x.procedure_system = c.system AND x.procedure_code = c.code
		LEFT JOIN codes o ON o.system = 'icd-10-cm' AND o.code = x.diagnosis_code
		UNION ALL
		SELECT x.procedure_system, x.procedure_code, coalesce(o.descriptor, '')
		FROM c JOIN code_crosswalk x ON c.system = 'icd-10-cm' AND x.diagnosis_code = c.code
		LEFT JOIN codes o ON o.system = x.procedure_system AND o.code = x.procedure_code
		ORDER BY 1, 2 LIMIT ` + strconv.Itoa(SectionRows) + `
	)
	SELECT c.system, c.code, c.descriptor, c.common_description, c.status, c.related, c.specialties, c.created_at, c.updated_at,
		(SELECT json_agg(json_build_object('System', r.system, 'Code', r.code, 'Descriptor', r.descriptor,
				'CommonDescription', r.common_description, 'Status', r.status, 'Related', r.related,
				'Specialties', r.specialties, 'CreatedAt', r.created_at, 'UpdatedAt', r.updated_at)
				ORDER BY array_position(c.related_keys, r.code_key))
			FROM codes r WHERE r.system = c.system AND r.code_key = ANY(c.related_keys)) AS related_json,
		coalesce((SELECT g.body FROM code_guidelines g WHERE g.system = c.system AND g.code = c.code), '') AS guidelines,
		(SELECT json_agg(json_build_object('System', m.system, 'Code', m.code, 'Modifier', m.modifier, 'Meaning', m.meaning)
				ORDER BY m.modifier)
			FROM code_modifiers m WHERE m.system = c.system AND m.code = c.code) AS modifiers_json,
		(SELECT json_agg(json_build_object('System', x.system, 'Code', x.code, 'Descriptor', x.descriptor)
				ORDER BY x.system, x.code) FROM x) AS crosswalk_json,
		(SELECT json_agg(e ORDER BY e.part, e."Column1", e."Column2") FROM (
			SELECT 1 AS part, column1 AS "Column1", column2 AS "Column2",
				to_char(effective_date, 'YYYY-MM-DD"T00:00:00Z"') AS "EffectiveDate",
				to_char(deletion_date, 'YYYY-MM-DD"T00:00:00Z"') AS "DeletionDate",
				modifier_indicator AS "ModifierIndicator" FROM e1
			UNION ALL
			SELECT 2, column1, column2, to_char(effective_date, 'YYYY-MM-DD"T00:00:00Z"'),
				to_char(deletion_date, 'YYYY-MM-DD"T00:00:00Z"'), modifier_indicator FROM e2) e) AS edits_json,
		(SELECT json_agg(json_build_object('System', o.system, 'Code', o.code, 'Descriptor', o.descriptor))
			FROM codes o WHERE o.system IN ('cpt', 'hcpcs') AND o.code IN (
				SELECT column1 FROM e1 UNION SELECT column2 FROM e1 UNION SELECT column1 FROM e2 UNION SELECT column2 FROM e2)
		) AS refs_json,
		(SELECT json_build_object('Code', u.code, 'MUEValue', u.mue_value,
				'AdjudicationIndicator', u.adjudication_indicator, 'Rationale', u.rationale)
			FROM mue_limits u WHERE c.system IN ('cpt', 'hcpcs') AND u.code = c.code) AS mue_json,
		(SELECT json_agg(json_build_object('Code', p.code, 'Modifier', p.modifier, 'Year', p.year,
				'StatusCode', p.status_code, 'WorkRVU', p.work_rvu, 'PERVUNonFacility', p.pe_rvu_nonfacility,
				'PERVUFacility', p.pe_rvu_facility, 'MPRVU', p.mp_rvu, 'ConversionFactor', p.conversion_factor)
				ORDER BY p.modifier)
			FROM medicare_payments p WHERE c.system IN ('cpt', 'hcpcs') AND p.code = c.code) AS payments_json
	FROM c`

// codePageRow is one row of codePageQuery.
type codePageRow struct {
	Code          `bun:",extend"`
	RelatedJSON   []byte `bun:"related_json"`
	Guidelines    string `bun:"guidelines"`
	ModifiersJSON []byte `bun:"modifiers_json"`
	CrosswalkJSON []byte `bun:"crosswalk_json"`
	EditsJSON     []byte `bun:"edits_json"`
	RefsJSON      []byte `bun:"refs_json"`
	MUEJSON       []byte `bun:"mue_json"`
	PaymentsJSON  []byte `bun:"payments_json"`
}

// CodePageByKey reads code of system (typed with or without dots, in any
// case) with its related codes and member sections, in one statement, or
// ErrNotFound.
func CodePageByKey(ctx context.Context, db bun.IDB, system, code string) (*CodePage, error) {
	var row codePageRow
	if err := scanPrepared(ctx, db, &row, codePageQuery, system, codeKey(code)); err != nil {
		return nil, notFound(err)
	}
	if row.Code.Code == "" {
		return nil, ErrNotFound // no row: scanning rows leaves the struct as it was
	}
	c := row.Code
	p := &CodePage{Code: &c, Sections: &CodeSections{Guidelines: row.Guidelines, Refs: map[string]CodeRef{}}}
	var refs []CodeRef
	for _, part := range []struct {
		raw  []byte
		dest any
	}{
		{row.RelatedJSON, &p.Related}, {row.ModifiersJSON, &p.Sections.Modifiers},
		{row.CrosswalkJSON, &p.Sections.Crosswalk}, {row.EditsJSON, &p.Sections.Edits}, {row.RefsJSON, &refs},
		{row.MUEJSON, &p.Sections.MUE}, {row.PaymentsJSON, &p.Sections.Payments},
	} {
		if len(part.raw) == 0 {
			continue // NULL: none
		}
		if err := json.Unmarshal(part.raw, part.dest); err != nil {
			return nil, err
		}
	}
	for _, r := range refs {
		p.Sections.Refs[r.Code] = r
	}
	return p, nil
}
