package models_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// A cached code page is reused within the ttl and read again after it: an
// import shows within models.CodePageTTL.
func TestCodePageCacheShowsImportsAfterItsTTL(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	cache := models.NewCodePageCache(models.CodePageTTL)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	p, err := cache.Page(ctx, d.Bun, "cpt", "20697", now)
	if err != nil || p.Code.Code != "20697" || p.Sections == nil || len(p.Sections.Modifiers) == 0 {
		t.Fatalf("%+v %v", p, err)
	}
	if again, err := cache.Page(ctx, d.Bun, "cpt", "20697", now.Add(time.Second)); err != nil || again != p {
		t.Fatalf("a page read a second ago was read again (%v)", err)
	}
	file := "system,code,guidelines\ncpt,20697,Imported **just now**\n"
	if _, err := models.ImportCodeSection(ctx, d.Bun, models.ImportKindGuidelines, strings.NewReader(file), 2026, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := models.ImportCodes(ctx, d.Bun, "cpt", strings.NewReader("code,descriptor\n20697,Renamed by an import\n"), nil); err != nil {
		t.Fatal(err)
	}
	p, _ = cache.Page(ctx, d.Bun, "cpt", "20697", now.Add(models.CodePageTTL-time.Millisecond))
	if strings.Contains(p.Sections.Guidelines, "just now") {
		t.Fatal("the cache was read again inside its ttl")
	}
	p, err = cache.Page(ctx, d.Bun, "cpt", "20697", now.Add(models.CodePageTTL))
	if err != nil || p.Sections.Guidelines != "Imported **just now**" || p.Code.Descriptor != "Renamed by an import" {
		t.Fatalf("after the ttl: %q %q %v", p.Sections.Guidelines, p.Code.Descriptor, err)
	}
	// Typed another way, the same code; an unknown one is not found.
	if p, err := cache.Page(ctx, d.Bun, "icd-10-cm", "e119", now); err != nil || p.Code.Code != "E11.9" {
		t.Fatalf("e119: %v %v", p, err)
	}
	if _, err := cache.Page(ctx, d.Bun, "cpt", "00000", now); err != models.ErrNotFound {
		t.Fatalf("unknown code: %v", err)
	}
	// A page's sections are rendered once; a failed render is tried again.
	calls := 0
	render := func() (string, error) {
		calls++
		if calls == 1 {
			return "", fmt.Errorf("first render fails")
		}
		return "<p>sections</p>", nil
	}
	for range 3 {
		_, _ = p.RenderedAs("sections", render)
	}
	if s, _ := p.RenderedAs("sections", render); s != "<p>sections</p>" || calls != 2 {
		t.Fatalf("%q after %d renders", s, calls)
	}
}

// Recently viewed codes: the newest first, at most 20 kept; re-opening the
// newest writes nothing, opening an older one puts it on top.
func TestNoteCodeViewKeepsTheNewestFew(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	var user int64
	if err := d.Bun.NewRaw(`INSERT INTO users (email, name) VALUES ('r@example.com', 'R') RETURNING id`).Scan(ctx, &user); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for i := range 25 {
		rows = append(rows, fmt.Sprintf("('icd-10-cm', 'Z%02d', 'Code %d')", i, i))
	}
	if _, err := d.Bun.NewRaw(`INSERT INTO codes (system, code, descriptor) VALUES ` + strings.Join(rows, ",")).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	note := func(code string, at time.Time) {
		t.Helper()
		if err := models.NoteCodeView(ctx, d.Bun, user, &models.Code{System: "icd-10-cm", Code: code}, at); err != nil {
			t.Fatal(err)
		}
	}
	list := func() string {
		t.Helper()
		var codes []string
		if err := d.Bun.NewRaw(`SELECT code FROM recent_codes WHERE user_id = ? ORDER BY viewed_at DESC, system, code`, user).
			Scan(ctx, &codes); err != nil {
			t.Fatal(err)
		}
		return strings.Join(codes, " ")
	}
	for i := range 25 {
		note(fmt.Sprintf("Z%02d", i), start.Add(time.Duration(i)*time.Minute))
	}
	want := "Z24 Z23 Z22 Z21 Z20 Z19 Z18 Z17 Z16 Z15 Z14 Z13 Z12 Z11 Z10 Z09 Z08 Z07 Z06 Z05"
	if got := list(); got != want {
		t.Fatalf("after 25 codes:\n got %s\nwant %s", got, want)
	}
	var before, after time.Time
	_ = d.Bun.NewRaw(`SELECT max(viewed_at) FROM recent_codes WHERE user_id = ?`, user).Scan(ctx, &before)
	note("Z24", start.Add(time.Hour))
	_ = d.Bun.NewRaw(`SELECT max(viewed_at) FROM recent_codes WHERE user_id = ?`, user).Scan(ctx, &after)
	if !after.Equal(before) {
		t.Fatalf("re-opening the newest code wrote %v over %v", after, before)
	}
	note("Z10", start.Add(2*time.Hour))
	note("Z02", start.Add(3*time.Hour))
	want = "Z02 Z10 Z24 Z23 Z22 Z21 Z20 Z19 Z18 Z17 Z16 Z15 Z14 Z13 Z12 Z11 Z09 Z08 Z07 Z06"
	if got := list(); got != want {
		t.Fatalf("after re-opening Z10 and Z02:\n got %s\nwant %s", got, want)
	}
	recent, err := models.RecentCodes(ctx, d.Bun, user, 3)
	if err != nil || len(recent) != 3 || recent[0].Code != "Z02" || recent[1].Code != "Z10" {
		t.Fatalf("%v %v", recent, err)
	}
}

// The one statement of CodePageByKey reads what CodeByKey, RelatedCodes and
// SectionsForCode read one by one, for every code of the sample.
func TestCodePageByKeyReadsWhatTheSeparateQueriesRead(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	var keys []struct{ System, Code string }
	if err := d.Bun.NewRaw(`SELECT system, code FROM codes ORDER BY system, code`).Scan(ctx, &keys); err != nil {
		t.Fatal(err)
	}
	normal := func(p *models.CodePage) string {
		t.Helper()
		fix := func(c *models.Code) {
			c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
			if len(c.Related) == 0 {
				c.Related = nil
			}
			if len(c.Specialties) == 0 {
				c.Specialties = nil
			}
		}
		c := *p.Code
		fix(&c)
		var related []models.Code
		for _, r := range p.Related {
			fix(&r)
			related = append(related, r)
		}
		s := *p.Sections
		if len(s.Modifiers) == 0 {
			s.Modifiers = nil
		}
		if len(s.Crosswalk) == 0 {
			s.Crosswalk = nil
		}
		if len(s.Edits) == 0 {
			s.Edits = nil
		}
		if len(s.Payments) == 0 {
			s.Payments = nil
		}
		for i, e := range s.Edits {
			s.Edits[i].EffectiveDate = e.EffectiveDate.UTC()
			if e.DeletionDate != nil {
				u := e.DeletionDate.UTC()
				s.Edits[i].DeletionDate = &u
			}
		}
		b, err := json.Marshal(struct {
			Code     models.Code
			Related  []models.Code
			Sections models.CodeSections
		}{c, related, s})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sections := 0
	for _, k := range keys {
		typed := strings.ToLower(strings.ReplaceAll(k.Code, ".", ""))
		got, err := models.CodePageByKey(ctx, d.Bun, k.System, typed)
		if err != nil {
			t.Fatalf("%s %s: %v", k.System, k.Code, err)
		}
		c, err := models.CodeByKey(ctx, d.Bun, k.System, typed)
		if err != nil {
			t.Fatal(err)
		}
		want := &models.CodePage{Code: c}
		if want.Related, err = models.RelatedCodes(ctx, d.Bun, c); err != nil {
			t.Fatal(err)
		}
		if want.Sections, err = models.SectionsForCode(ctx, d.Bun, c); err != nil {
			t.Fatal(err)
		}
		if g, w := normal(got), normal(want); g != w {
			t.Errorf("%s %s:\n got %s\nwant %s", k.System, k.Code, g, w)
		}
		if len(want.Sections.Edits)+len(want.Sections.Crosswalk)+len(want.Sections.Payments) > 0 {
			sections++
		}
	}
	if len(keys) < 20 || sections < 5 {
		t.Fatalf("%d codes, %d with sections: the sample is too small to compare", len(keys), sections)
	}
	if _, err := models.CodePageByKey(ctx, d.Bun, "cpt", "00000"); err != models.ErrNotFound {
		t.Fatalf("unknown code: %v", err)
	}
}

// BenchmarkCodePageRead compares reading CPT 20697 of the sample (all six
// sections) in one statement with the ten separate queries it replaced: the
// cost of a code page the cache does not hold.
func BenchmarkCodePageRead(b *testing.B) {
	ctx := context.Background()
	d := apptest.DB(b)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		b.Fatal(err)
	}
	b.Run("one statement", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := models.CodePageByKey(ctx, d.Bun, "cpt", "20697"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("separate queries", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := models.CodeByKey(ctx, d.Bun, "cpt", "20697")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := models.RelatedCodes(ctx, d.Bun, c); err != nil {
				b.Fatal(err)
			}
			if _, err := models.SectionsForCode(ctx, d.Bun, c); err != nil {
				b.Fatal(err)
			}
		}
	})
}
