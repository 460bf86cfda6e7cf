package handlers_test

import (
	"context"
	"testing"

	"careercenter/models"
)

// The job page shows the HTML stored when the job was saved rather than
// rendering the Markdown again; a job without it is rendered on the spot.
func TestJobPageShowsTheStoredDescriptionHTML(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	j := k.job(co, func(j *models.Job) { j.Description = "Plain **Markdown**." })
	mustContain(t, k.s.browser().get(j.Path()).Body, "Plain <strong>Markdown</strong>.")

	if _, err := k.s.db.Bun.NewRaw(`UPDATE jobs SET description_html = '<p>Rendered when saved.</p>' WHERE id = ?`,
		j.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	body := k.s.browser().get(j.Path()).Body
	mustContain(t, body, "<p>Rendered when saved.</p>")
	lacks(t, body, "Plain <strong>Markdown</strong>.")
}
