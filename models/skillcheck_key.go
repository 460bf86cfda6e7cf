package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/uptrace/bun"
)

var modifierLike = regexp.MustCompile(`^[A-Z0-9]{2}$`)

// keySystemNames maps what employers type before a code to the code system,
// compared without case, spaces or hyphens.
var keySystemNames = map[string]string{
	"cpt": "cpt", "hcpcs": "hcpcs", "hcpcslevelii": "hcpcs", "hcpcsii": "hcpcs",
	"icd10cm": "icd-10-cm", "icd10pcs": "icd-10-pcs",
}

func systemOf(typed string) string {
	return keySystemNames[strings.NewReplacer(" ", "", "-", "", ".", "").Replace(strings.ToLower(typed))]
}

// ParseExpectedCodes reads an answer key, one code a line with its system
// first and modifiers after hyphens ("CPT 27447-RT", "ICD-10-CM E11.22").
// Every code must exist in the code table under that system and not be
// deleted. It returns the codes as the table spells them, or a message for
// the field naming the lines to fix.
func ParseExpectedCodes(ctx context.Context, db bun.IDB, text string) ([]ExpectedCode, string, error) {
	var codes []ExpectedCode
	var problems []string
	seen := map[string]bool{}
	n := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n++
		e, msg, err := expectedLine(ctx, db, line)
		if err != nil {
			return nil, "", err
		}
		if msg == "" && seen[e.System+" "+e.Code] {
			msg = e.Code + " is listed twice."
		}
		if msg != "" {
			problems = append(problems, fmt.Sprintf("Line %d: %s", n, msg))
			continue
		}
		seen[e.System+" "+e.Code] = true
		codes = append(codes, e)
	}
	switch {
	case len(problems) > 0:
		return nil, strings.Join(problems, " "), nil
	case n == 0:
		return nil, "List the expected codes, one a line, such as “CPT 99214-25” or “ICD-10-CM E11.22”.", nil
	case n > maxExpectedCodes:
		return nil, "A scenario expects at most 10 codes.", nil
	}
	return codes, "", nil
}

// expectedLine reads one line of an answer key; msg says what is wrong.
func expectedLine(ctx context.Context, db bun.IDB, line string) (ExpectedCode, string, error) {
	fields := strings.Fields(line)
	// "HCPCS Level II J1885" names its system in three words.
	if len(fields) > 3 && systemOf(strings.Join(fields[:3], "")) != "" {
		fields = append([]string{strings.Join(fields[:3], "")}, fields[3:]...)
	}
	if len(fields) < 2 || systemOf(fields[0]) == "" {
		return ExpectedCode{}, "start with the code set (CPT, HCPCS, ICD-10-CM or ICD-10-PCS), then the code, as in “CPT 99214-25”.", nil
	}
	system := systemOf(fields[0])
	parts := strings.Split(fields[1], "-")
	var mods []string
	for _, m := range append(parts[1:], fields[2:]...) {
		m = strings.ToUpper(strings.Trim(m, "-"))
		if m == "" {
			continue
		}
		if !modifierLike.MatchString(m) {
			return ExpectedCode{}, "“" + m + "” is not a modifier: modifiers are two letters or digits, after a hyphen.", nil
		}
		mods = append(mods, m)
	}
	if len(mods) > 0 && system != "cpt" && system != "hcpcs" {
		return ExpectedCode{}, "modifiers go with CPT and HCPCS codes only.", nil
	}
	c, err := CodeByKey(ctx, db, system, parts[0])
	if errors.Is(err, ErrNotFound) {
		return unknownCode(ctx, db, system, parts[0])
	}
	if err != nil {
		return ExpectedCode{}, "", err
	}
	if c.Status == CodeDeleted {
		return ExpectedCode{}, c.Code + " was deleted from " + SystemShort(system) + ": use a current code.", nil
	}
	return ExpectedCode{System: system, Code: c.Code, Modifiers: mods}, "", nil
}

// unknownCode explains a code missing from a system: in another system, or
// in none.
func unknownCode(ctx context.Context, db bun.IDB, system, code string) (ExpectedCode, string, error) {
	for _, s := range CodeSystems {
		if s.Value == system {
			continue
		}
		c, err := CodeByKey(ctx, db, s.Value, code)
		if err == nil {
			return ExpectedCode{}, c.Code + " belongs to " + SystemShort(s.Value) + ", not " + SystemShort(system) + ".", nil
		}
		if !errors.Is(err, ErrNotFound) {
			return ExpectedCode{}, "", err
		}
	}
	return ExpectedCode{}, "“" + code + "” is not in our " + SystemShort(system) + " code table.", nil
}

func expectedJSON(codes []ExpectedCode) string {
	b, _ := json.Marshal(codes)
	return string(b)
}
