package models

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The score rules, as the candidate's page states them (ScoreRules): each
// expected code found counts 1; a code of the same category counts half
// (ICD-10-CM: the same first three characters; CPT: the same family, the
// same first four digits); each code that is not expected takes off a
// quarter, but a scenario never scores below zero; an expected code entered
// with missing or wrong modifiers counts as the scenario's modifier rule
// says (fully, half, or not at all).
const (
	pointsFound    = 1.0
	pointsCategory = 0.5
	pointsExtra    = -0.25
	maxAnswerCodes = 30
)

// Marks say how an entered code was scored.
const (
	MarkExact    = "exact"    // an expected code, modifiers right or not scored
	MarkModifier = "modifier" // an expected code with missing or wrong modifiers
	MarkCategory = "category" // the same category as an expected code
	MarkExtra    = "extra"    // not expected
)

// ScoreRules are the rules in words, for the candidate's and the
// employer's pages.
var ScoreRules = []string{
	"Each expected code you enter counts 1 point.",
	"A code of the same category counts half: for ICD-10-CM the same first three characters (J18.1 for J18.9), for CPT the same family, the same first four digits (99222 for 99223).",
	"Each code that is not expected takes off a quarter point, but a scenario never scores below zero.",
	"Modifiers count as each scenario states: not scored, half for a code with missing or wrong modifiers, or nothing without exactly the expected modifiers.",
	"Your score is the points of all scenarios over the number of expected codes. Answers saved after the time limit are not counted.",
}

var answerSeparators = regexp.MustCompile(`[\s,;]+`)

// EnteredCode is one code of a candidate's answer, with how it scored.
type EnteredCode struct {
	Code      string
	Modifiers []string
	Mark      string
	Points    float64
}

// Typed is the code as entered, modifiers after hyphens.
func (e EnteredCode) Typed() string {
	return strings.Join(append([]string{e.Code}, e.Modifiers...), "-")
}

// ExpectedResult is one code of the key with what the candidate got for it.
type ExpectedResult struct {
	ExpectedCode
	Mark   string // MarkExact, MarkModifier, MarkCategory, or "" when missed
	By     string // the entered code that matched it
	Points float64
}

// ScenarioScore is one scenario scored.
type ScenarioScore struct {
	Entered  []EnteredCode
	Expected []ExpectedResult
	Points   float64
	Max      float64
}

// ParseAnswer reads a candidate's answer: codes separated by commas,
// spaces or new lines, modifiers after a hyphen ("27447-RT") or on their own
// after the code ("27447 RT"). A code entered twice counts once.
func ParseAnswer(text string) []EnteredCode {
	var out []EnteredCode
	seen := map[string]bool{}
	for _, tok := range answerSeparators.Split(strings.ToUpper(text), -1) {
		parts := strings.Split(strings.Trim(tok, "-"), "-")
		if parts[0] == "" {
			continue
		}
		// A two-character word is a modifier: no code is that short.
		if modifierLike.MatchString(parts[0]) && len(out) > 0 {
			last := &out[len(out)-1]
			last.Modifiers = append(last.Modifiers, parts...)
			continue
		}
		key := codeKey(parts[0])
		if key == "" || seen[key] || len(out) >= maxAnswerCodes {
			continue
		}
		seen[key] = true
		var mods []string
		for _, m := range parts[1:] {
			if m != "" {
				mods = append(mods, m)
			}
		}
		out = append(out, EnteredCode{Code: parts[0], Modifiers: mods})
	}
	return out
}

// ScoreAnswer scores a candidate's answer to a scenario with the given
// answer key and modifier rule.
func ScoreAnswer(expected []ExpectedCode, rule, answer string) ScenarioScore {
	entered := ParseAnswer(answer)
	s := ScenarioScore{Entered: entered, Max: float64(len(expected))}
	used := make([]bool, len(entered))
	s.Expected = make([]ExpectedResult, len(expected))
	for i, e := range expected {
		s.Expected[i].ExpectedCode = e
	}
	// Exact codes first, so a category match never takes a code that is
	// expected itself.
	for i, e := range expected {
		for j, en := range entered {
			if used[j] || codeKey(en.Code) != codeKey(e.Code) {
				continue
			}
			used[j] = true
			mark, pts := MarkExact, pointsFound
			if rule != ModifiersIgnored && !sameModifiers(e.Modifiers, en.Modifiers) {
				mark, pts = MarkModifier, 0
				if rule == ModifiersHalf {
					pts = pointsCategory
				}
			}
			s.Expected[i].Mark, s.Expected[i].By, s.Expected[i].Points = mark, en.Typed(), pts
			entered[j].Mark, entered[j].Points = mark, pts
			break
		}
	}
	for i, e := range expected {
		if s.Expected[i].Mark != "" {
			continue
		}
		for j, en := range entered {
			if used[j] || !sameCategory(e, codeKey(en.Code)) {
				continue
			}
			used[j] = true
			s.Expected[i].Mark, s.Expected[i].By, s.Expected[i].Points = MarkCategory, en.Typed(), pointsCategory
			entered[j].Mark, entered[j].Points = MarkCategory, pointsCategory
			break
		}
	}
	for j := range entered {
		if !used[j] {
			entered[j].Mark, entered[j].Points = MarkExtra, pointsExtra
		}
		s.Points += entered[j].Points
	}
	s.Points = math.Max(s.Points, 0)
	return s
}

// sameCategory reports a code (as a key) in the category of an expected
// code: for ICD-10-CM the first three characters, for CPT the first four
// digits of a five-character code. Other systems have no half credit.
func sameCategory(e ExpectedCode, key string) bool {
	want := codeKey(e.Code)
	switch e.System {
	case "icd-10-cm":
		return len(key) >= 3 && len(want) >= 3 && key[:3] == want[:3]
	case "cpt":
		return len(key) == 5 && len(want) == 5 && key[:4] == want[:4]
	}
	return false
}

func sameModifiers(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	for i := range y {
		y[i] = strings.ToUpper(y[i])
	}
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// FormatPoints writes points the way people read them: "2", "2.5", "2.25".
func FormatPoints(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// Percent is points over max as a whole percentage; 0 when max is 0.
func Percent(points, max float64) int {
	if max <= 0 {
		return 0
	}
	return int(math.Round(100 * points / max))
}

var markLabels = map[string]string{
	MarkExact: "found", MarkModifier: "modifiers not as expected", MarkCategory: "same category", MarkExtra: "not expected", "": "missed",
}

// Label says in words how the entered code scored.
func (e EnteredCode) Label() string { return markLabels[e.Mark] }

// PointsText is what the code added or took away: "+1", "+0.5", "-0.25".
func (e EnteredCode) PointsText() string {
	if e.Points > 0 {
		return "+" + FormatPoints(e.Points)
	}
	return FormatPoints(e.Points)
}

// Label says in words whether and how the expected code was found.
func (e ExpectedResult) Label() string { return markLabels[e.Mark] }

// SystemName is the code's system, short.
func (e ExpectedResult) SystemName() string { return SystemShort(e.System) }

// PointsText and MaxText write the scenario's points as people read them.
func (s ScenarioScore) PointsText() string { return FormatPoints(s.Points) }

// MaxText is the most points the scenario gives.
func (s ScenarioScore) MaxText() string { return FormatPoints(s.Max) }
