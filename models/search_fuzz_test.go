package models_test

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// Any query string reads as a search that PostgreSQL can take (valid UTF-8,
// no control characters, bounded), and reading the search's own URL gives
// the same search back.
func FuzzParseJobFilter(f *testing.F) {
	for _, seed := range []string{
		"q=outpatient+coder&work_mode=remote&credential=cpc&state=tx",
		"q=%00&location=%ff%fe&salary_min=1,000&posted=7&sort=newest",
		"q=" + strings.Repeat("a%C3%A9", 150) + "&cpca=on&salary_period=hour",
		"salary_min=99999999999&posted=-1&code_set=ICD-10-CM&code_set=icd-10-cm",
		"q=\"risk+adjustment\"+-inpatient+OR+hcc",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		jf := models.ParseJobFilter(v)
		for name, s := range map[string]string{"q": jf.Text, "location": jf.Location} {
			if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 || utf8.RuneCountInString(s) > 200 {
				t.Fatalf("%s from %q is not clean: %q", name, raw, s)
			}
		}
		if back := models.ParseJobFilter(jf.Query()); !reflect.DeepEqual(back, jf) {
			t.Fatalf("the search of %q reads back differently:\n%+v\n%+v", raw, jf, back)
		}
	})
}

// Any text in the code search box gives results or none, never an error
// (PostgreSQL refuses NUL bytes and invalid UTF-8).
func FuzzSearchCodes(f *testing.F) {
	ctx := context.Background()
	d := apptest.DB(f)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"99213", "E11.9", "exteral fixaton", "\x00", "\xff\xfe", "a\x00b 2069", "%", "_", "\\", "'; --", "e11.*"} {
		f.Add(seed, "")
	}
	f.Add("diabetes", "icd-10-cm")
	f.Add("2069", "\x00")
	f.Fuzz(func(t *testing.T, text, system string) {
		if _, err := models.SearchCodes(ctx, d.Bun, models.CodeQuery{Text: text, System: system}); err != nil {
			t.Fatalf("SearchCodes(%q, %q): %v", text, system, err)
		}
	})
}
