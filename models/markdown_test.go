package models_test

import (
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// A job's description is rendered and sanitized when it is saved, and
// again when it is edited; rows saved without it get it from
// RenderStoredDescriptions.
func TestJobDescriptionHTMLIsStoredOnSave(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	in := k.input()
	in.Description = "**Code** charts.\n\n<script>alert(1)</script>"
	j, err := models.CreateJob(k.ctx, k.db, k.user.ID, in, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := k.reload(j.ID).DescriptionHTML; !strings.Contains(got, "<strong>Code</strong>") || strings.Contains(got, "script") {
		t.Fatalf("stored HTML on create: %q", got)
	}
	in.Description = "Now with *E/M*."
	if _, err := models.UpdateJob(k.ctx, k.db, j.ID, k.user.ID, in, now); err != nil {
		t.Fatal(err)
	}
	if got := k.reload(j.ID).DescriptionHTML; got != "<p>Now with <em>E/M</em>.</p>\n" {
		t.Fatalf("stored HTML after an edit: %q", got)
	}

	if _, err := k.db.NewRaw(`UPDATE jobs SET description = '# Old job', description_html = NULL WHERE id = ?`, j.ID).Exec(k.ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := models.RenderStoredDescriptions(k.ctx, k.db); err != nil || n != 1 {
		t.Fatalf("rendered %d rows: %v", n, err)
	}
	if got := k.reload(j.ID).DescriptionHTML; got != "<h1>Old job</h1>\n" {
		t.Fatalf("backfilled HTML: %q", got)
	}
}
