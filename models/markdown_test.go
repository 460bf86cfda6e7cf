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

// Rows written by SQL without their HTML (thousands, as the benchmark fill
// writes them, many sharing a text) are all rendered, each from its own
// text, across batches.
func TestRenderStoredDescriptionsInBatches(t *testing.T) {
	k := newPostingKit(t)
	const n = 2500
	_, err := k.db.NewRaw(`INSERT INTO jobs (company_id, status, title, slug, company_name, description)
		SELECT ?, 'draft', 'Coder ' || g, 'coder', 'Acme Health', '**Job ' || (g % 700) || '**'
		FROM generate_series(1, ?) g`, k.company, n).Exec(k.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := models.RenderStoredDescriptions(k.ctx, k.db); err != nil || got != n {
		t.Fatalf("rendered %d rows: %v", got, err)
	}
	var wrong int
	if err := k.db.NewRaw(`SELECT count(*) FROM jobs
		WHERE description_html IS DISTINCT FROM '<p><strong>' || substr(description, 3, length(description) - 4) || E'</strong></p>\n'`).
		Scan(k.ctx, &wrong); err != nil || wrong != 0 {
		t.Fatalf("%d rows without their own HTML: %v", wrong, err)
	}
	if got, err := models.RenderStoredDescriptions(k.ctx, k.db); err != nil || got != 0 {
		t.Fatalf("a second pass rendered %d rows: %v", got, err)
	}
}
