package models_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"careercenter/models"
	"careercenter/models/demo"
)

func TestScoreAnswerHandComputed(t *testing.T) {
	dmCKD := []models.ExpectedCode{{System: "icd-10-cm", Code: "E11.22"}, {System: "icd-10-cm", Code: "N18.4"},
		{System: "icd-10-cm", Code: "Z79.4"}}
	visit := []models.ExpectedCode{{System: "cpt", Code: "99214", Modifiers: []string{"25"}}, {System: "cpt", Code: "96372"},
		{System: "hcpcs", Code: "J1885"}}
	knee := []models.ExpectedCode{{System: "cpt", Code: "27447", Modifiers: []string{"RT"}}, {System: "icd-10-cm", Code: "M17.11"}}
	cases := []struct {
		name     string
		expected []models.ExpectedCode
		rule     string
		answer   string
		points   float64
		marks    string // the entered codes' marks, in order
	}{
		{"exact, any spelling and separators", dmCKD, "ignore", "e1122\nN18.4;  z79.4", 3, "exact exact exact"},
		{"order does not matter", dmCKD, "ignore", "Z79.4, E11.22, N18.4", 3, "exact exact exact"},
		{"category counts half (ICD-10-CM first three)", dmCKD, "ignore", "E11.9, N18.4, Z79.4", 2.5, "category exact exact"},
		{"category counts half (CPT family)", visit, "ignore", "99213, 96372, J1885", 2.5, "category exact exact"},
		{"no half credit across families", visit, "ignore", "99203, 96372, J1885", 1.75, "extra exact exact"},
		{"an extra code takes off a quarter", dmCKD, "ignore", "E11.22, N18.4, Z79.4, I10", 2.75, "exact exact exact extra"},
		{"extras and a category", dmCKD, "ignore", "E11.9, N18.4, I10, E78.5", 1, "category exact extra extra"},
		{"never below zero", dmCKD, "ignore", "I10, E78.5, J44.9, R51.9, F41.1", 0, "extra extra extra extra extra"},
		{"empty answer", dmCKD, "ignore", "  \n ", 0, ""},
		{"a code entered twice counts once", dmCKD, "ignore", "E11.22, E11.22, e1122", 1, "exact"},
		{"exact wins over category", dmCKD, "ignore", "E11.9, E11.22", 0.75, "extra exact"},
		// Modifiers: required, half, ignored.
		{"required modifiers present", visit, "required", "99214-25, 96372, J1885", 3, "exact exact exact"},
		{"required modifiers as a separate word", visit, "required", "99214 25, 96372, J1885", 3, "exact exact exact"},
		{"required modifier missing counts nothing", visit, "required", "99214, 96372, J1885", 2, "modifier exact exact"},
		{"unexpected modifier on a code without one", visit, "required", "99214-25, 96372-59, J1885", 2, "exact modifier exact"},
		{"half: wrong laterality counts half", knee, "half", "27447-LT, M17.11", 1.5, "modifier exact"},
		{"ignored: missing modifier counts fully", knee, "ignore", "27447, M17.11", 2, "exact exact"},
		{"modifier order does not matter", []models.ExpectedCode{{System: "cpt", Code: "29881", Modifiers: []string{"RT", "59"}}},
			"required", "29881-59-RT", 1, "exact"},
	}
	for _, c := range cases {
		s := models.ScoreAnswer(c.expected, c.rule, c.answer)
		var marks []string
		for _, e := range s.Entered {
			marks = append(marks, e.Mark)
		}
		if s.Points != c.points || strings.Join(marks, " ") != c.marks || s.Max != float64(len(c.expected)) {
			t.Errorf("%s: %v points, marks %q, max %v; want %v, %q, %d", c.name, s.Points, strings.Join(marks, " "),
				s.Max, c.points, c.marks, len(c.expected))
		}
	}
	// The per-code breakdown names the entered code that matched.
	s := models.ScoreAnswer(dmCKD, "ignore", "E11.9, N18.4")
	if got := s.Expected[0]; got.Mark != models.MarkCategory || got.By != "E11.9" || got.Points != 0.5 {
		t.Errorf("E11.22 breakdown: %+v", got)
	}
	if got := s.Expected[2]; got.Mark != "" || got.Points != 0 {
		t.Errorf("missed Z79.4 breakdown: %+v", got)
	}
	if models.Percent(2.25, 3) != 75 || models.Percent(0, 0) != 0 {
		t.Error("Percent")
	}
}

// skillKit is an applyKit with the sample code set loaded.
type skillKit struct{ applyKit }

func newSkillKit(t *testing.T) skillKit {
	k := skillKit{newApplyKit(t)}
	if err := demo.SeedSampleCodes(k.ctx, k.db); err != nil {
		t.Fatal(err)
	}
	return k
}

func (k skillKit) check(keys ...string) *models.SkillCheck {
	k.t.Helper()
	for _, key := range keys {
		if _, err := models.AddLibraryScenario(k.ctx, k.db, k.job.ID, key); err != nil {
			k.t.Fatalf("add %s: %v", key, err)
		}
	}
	s, err := models.SkillCheckForJob(k.ctx, k.db, k.job.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	return s
}

func TestLibraryScenariosAreValid(t *testing.T) {
	k := newSkillKit(t)
	if len(models.ScenarioLibrary) < 12 {
		t.Fatalf("only %d library scenarios", len(models.ScenarioLibrary))
	}
	topics, keys := map[string]bool{}, map[string]bool{}
	for _, l := range models.ScenarioLibrary {
		topics[l.Topic] = true
		if keys[l.Key] {
			t.Errorf("key %s twice", l.Key)
		}
		keys[l.Key] = true
		// Every code must pass the same validation as an employer's.
		codes, msg, err := models.ParseExpectedCodes(k.ctx, k.db, l.Input().Expected)
		if err != nil || msg != "" || len(codes) != len(l.Expected) {
			t.Errorf("%s: %v %q", l.Key, err, msg)
		}
	}
	for _, want := range []string{"E/M levels", "ICD-10-CM: diabetes and CKD", "ICD-10-CM: injury", "Surgery with modifiers",
		"HCPCS supplies", "Risk adjustment"} {
		if !topics[want] {
			t.Errorf("no library scenario on %s", want)
		}
	}
}

func TestScenarioValidation(t *testing.T) {
	k := newSkillKit(t)
	k.set(`UPDATE codes SET status = 'deleted' WHERE system = 'cpt' AND code = '93010'`)
	good := models.ScenarioInput{Title: "Knee replacement", Description: "The surgeon replaces the right knee joint.",
		ModifierRule: models.ModifiersRequired, Expected: "CPT 27447-rt\nicd-10-cm m17.11\n"}
	sc, err := models.AddScenario(k.ctx, k.db, k.job.ID, good)
	if err != nil {
		t.Fatal(err)
	}
	if sc.ExpectedText() != "CPT 27447-RT\nICD-10-CM M17.11" {
		t.Errorf("stored key %q", sc.ExpectedText())
	}
	cases := []struct {
		name, field, want string
		edit              func(*models.ScenarioInput)
	}{
		{"unknown code", "expected", "Line 2: “99999” is not in our CPT code table.",
			func(in *models.ScenarioInput) { in.Expected = "CPT 27447\nCPT 99999" }},
		{"wrong system", "expected", "Line 1: E11.9 belongs to ICD-10-CM, not CPT.",
			func(in *models.ScenarioInput) { in.Expected = "CPT E11.9" }},
		{"deleted code", "expected", "Line 1: 93010 was deleted from CPT: use a current code.",
			func(in *models.ScenarioInput) { in.Expected = "CPT 93010" }},
		{"no system", "expected", "Line 1: start with the code set",
			func(in *models.ScenarioInput) { in.Expected = "27447" }},
		{"modifier on a diagnosis", "expected", "Line 1: modifiers go with CPT and HCPCS codes only.",
			func(in *models.ScenarioInput) { in.Expected = "ICD-10-CM M17.11-RT" }},
		{"bad modifier", "expected", "Line 1: “RIGHT” is not a modifier",
			func(in *models.ScenarioInput) { in.Expected = "CPT 27447-RIGHT" }},
		{"twice", "expected", "Line 2: 27447 is listed twice.",
			func(in *models.ScenarioInput) { in.Expected = "CPT 27447\ncpt 27447-RT" }},
		{"empty key", "expected", "List the expected codes",
			func(in *models.ScenarioInput) { in.Expected = " \n" }},
		{"short description", "description", "Describe the case",
			func(in *models.ScenarioInput) { in.Description = "Knee." }},
		{"no title", "title", "Give the scenario a title",
			func(in *models.ScenarioInput) { in.Title = " " }},
		{"rule", "modifier_rule", "Choose how modifiers count.",
			func(in *models.ScenarioInput) { in.ModifierRule = "maybe" }},
	}
	for _, c := range cases {
		in := good
		c.edit(&in)
		_, err := models.AddScenario(k.ctx, k.db, k.job.ID, in)
		v, ok := models.AsValidation(err)
		if !ok || !strings.HasPrefix(v[c.field], c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// HCPCS named in three words works too.
	if _, msg, _ := models.ParseExpectedCodes(k.ctx, k.db, "HCPCS Level II j1885"); msg != "" {
		t.Errorf("HCPCS Level II: %s", msg)
	}
	// Settings: the time limit is 5 to 180 minutes.
	for _, bad := range []string{"", "4", "181", "ten"} {
		err := models.SaveSkillCheckSettings(k.ctx, k.db, k.job.ID, models.SkillCheckSettings{TimeLimit: bad})
		if v, ok := models.AsValidation(err); !ok || v["time_limit"] == "" {
			t.Errorf("time limit %q: %v", bad, err)
		}
	}
	// At most ten scenarios.
	for i := 0; i < 9; i++ {
		if _, err := models.AddScenario(k.ctx, k.db, k.job.ID, good); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := models.AddScenario(k.ctx, k.db, k.job.ID, good); err == nil {
		t.Error("an eleventh scenario was added")
	}
}

func TestAttemptIsTimedByTheServer(t *testing.T) {
	k := newSkillKit(t)
	if err := models.SaveSkillCheckSettings(k.ctx, k.db, k.job.ID, models.SkillCheckSettings{TimeLimit: "20"}); err != nil {
		t.Fatal(err)
	}
	s := k.check("cm-diabetes-ckd", "surgery-tka-right", "hcpcs-cpap")
	u, _ := k.candidate("ada@example.com")
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a, err := models.StartAttempt(k.ctx, k.db, s, u.ID, start)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Deadline.Equal(start.Add(20*time.Minute)) || len(a.ScenarioOrder) != 3 {
		t.Fatalf("deadline %v, order %v", a.Deadline, a.ScenarioOrder)
	}
	// Starting again later neither restarts the clock nor reshuffles.
	again, err := models.StartAttempt(k.ctx, k.db, s, u.ID, start.Add(15*time.Minute))
	if err != nil || again.ID != a.ID || !again.Deadline.Equal(a.Deadline) || again.ScenarioOrder[0] != a.ScenarioOrder[0] {
		t.Fatalf("restart: %+v %v", again, err)
	}
	// The scenario ids by library key.
	id := map[string]int64{}
	for _, sc := range s.Scenarios {
		id[sc.LibraryKey] = sc.ID
	}
	save := func(at time.Duration, answers map[int64]string, submit bool) error {
		return models.SaveAnswers(k.ctx, k.db, a.ID, answers, submit, start.Add(at))
	}
	// In time: saved, and saved again over it.
	if err := save(5*time.Minute, map[int64]string{id["cm-diabetes-ckd"]: "E11.9"}, false); err != nil {
		t.Fatal(err)
	}
	if err := save(19*time.Minute+59*time.Second, map[int64]string{id["cm-diabetes-ckd"]: "E11.22, N18.4, Z79.4",
		id["hcpcs-cpap"]: "E0601", 999999: "ignored"}, false); err != nil {
		t.Fatal(err)
	}
	// At and after the deadline nothing more is saved.
	for _, at := range []time.Duration{20 * time.Minute, 45 * time.Minute} {
		err := save(at, map[int64]string{id["surgery-tka-right"]: "27447-RT, M17.11", id["hcpcs-cpap"]: "E0601, G47.33"}, true)
		if !errors.Is(err, models.ErrTimeUp) {
			t.Fatalf("save at +%v: %v", at, err)
		}
	}
	a, _ = models.AttemptFor(k.ctx, k.db, k.job.ID, u.ID)
	if a.Running(start.Add(19*time.Minute)) == false || a.Running(start.Add(20*time.Minute)) {
		t.Error("Running does not follow the deadline")
	}
	r, err := models.ScoreAttempt(k.ctx, k.db, a)
	if err != nil {
		t.Fatal(err)
	}
	// 3 (diabetes) + 0 (knee, unanswered) + 1 (CPAP device only) of 3 + 2 + 2.
	if r.Points != 4 || r.Max != 7 || r.Percent() != 57 {
		t.Fatalf("score %v of %v (%d%%)", r.Points, r.Max, r.Percent())
	}
	// An answer written into the table after the deadline is still not counted.
	k.set(`UPDATE skill_check_answers SET saved_at = ? WHERE attempt_id = ? AND scenario_id = ?`,
		a.Deadline.Add(time.Second), a.ID, id["hcpcs-cpap"])
	if r, _ := models.ScoreAttempt(k.ctx, k.db, a); r.Points != 3 {
		t.Fatalf("late answer counted: %v", r.Points)
	}
	scores, err := models.CheckScoresForJob(k.ctx, k.db, k.job.ID, start.Add(time.Minute))
	if err != nil || scores[u.ID].Done {
		t.Fatalf("while running: %+v %v", scores, err)
	}
	scores, _ = models.CheckScoresForJob(k.ctx, k.db, k.job.ID, start.Add(time.Hour))
	if got := scores[u.ID]; !got.Done || got.Percent != 43 {
		t.Fatalf("after the limit: %+v", got)
	}
	// Once started, the key and the time limit are fixed.
	if _, err := models.AddLibraryScenario(k.ctx, k.db, k.job.ID, "hcpcs-flu-shot"); !errors.Is(err, models.ErrCheckStarted) {
		t.Errorf("add after start: %v", err)
	}
	if err := models.DeleteScenario(k.ctx, k.db, k.job.ID, id["hcpcs-cpap"]); !errors.Is(err, models.ErrCheckStarted) {
		t.Errorf("delete after start: %v", err)
	}
	err = models.SaveSkillCheckSettings(k.ctx, k.db, k.job.ID, models.SkillCheckSettings{TimeLimit: "90"})
	if v, ok := models.AsValidation(err); !ok || !strings.Contains(v["time_limit"], "stays at 20 minutes") {
		t.Errorf("time limit after start: %v", err)
	}
	if err := models.SaveSkillCheckSettings(k.ctx, k.db, k.job.ID, models.SkillCheckSettings{TimeLimit: "20", ShowScore: true}); err != nil {
		t.Errorf("show score after start: %v", err)
	}
}

func TestSubmitEndsTheAttempt(t *testing.T) {
	k := newSkillKit(t)
	s := k.check("cm-diabetes-ckd", "surgery-tka-right", "hcpcs-cpap")
	u, _ := k.candidate("ada@example.com")
	now := time.Now()
	a, err := models.StartAttempt(k.ctx, k.db, s, u.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := models.SaveAnswers(k.ctx, k.db, a.ID, map[int64]string{a.ScenarioOrder[0]: "I10"}, true, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	err = models.SaveAnswers(k.ctx, k.db, a.ID, map[int64]string{a.ScenarioOrder[0]: "E11.22"}, false, now.Add(2*time.Minute))
	if !errors.Is(err, models.ErrTimeUp) {
		t.Fatalf("answer after handing in: %v", err)
	}
	// A check of fewer than three scenarios is not started.
	k2 := newSkillKit(t)
	if _, err := models.StartAttempt(k2.ctx, k2.db, k2.check("hcpcs-cpap", "cm-injury-hip"), u.ID, now); err == nil {
		t.Error("started a check of two scenarios")
	}
}

func TestLibraryScenarioWithADeletedCode(t *testing.T) {
	k := newSkillKit(t)
	k.set(`UPDATE codes SET status = 'deleted' WHERE system = 'hcpcs' AND code = 'E0601'`)
	_, err := models.AddLibraryScenario(k.ctx, k.db, k.job.ID, "hcpcs-cpap")
	if v, ok := models.AsValidation(err); !ok || !strings.Contains(v["scenario"], "E0601 was deleted from HCPCS") {
		t.Fatalf("library scenario with a deleted code: %v", err)
	}
	if _, err := models.AddLibraryScenario(k.ctx, k.db, k.job.ID, "no-such-key"); err == nil {
		t.Error("an unknown library key was added")
	}
}
