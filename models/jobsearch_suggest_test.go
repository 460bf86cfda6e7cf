package models_test

import (
	"context"
	"testing"

	"careercenter/models"
)

func TestSuggestJobSearchFromTheBoardsWords(t *testing.T) {
	f := newSearchFixture(t)
	f.job(models.Job{Title: "Radiology Coder", Description: "Interventional procedures."})
	gone := f.job(models.Job{Title: "Cardiology Auditor"})
	if _, err := f.db.NewRaw(`UPDATE jobs SET status = 'filled' WHERE id = ?`, gone.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, want string }{
		{"radiolgy", "radiology"},
		{"Radiolgy coder", "radiology coder"},
		{"interventonal", "interventional"},
		{"radiology", ""},       // spelled right: nothing to suggest
		{"cardiolgy", ""},       // the word exists, but no live job has it
		{"zzzqqq", ""},          // nothing near
		{"radiolgy zzzqqq", ""}, // the fixed search still finds nothing
	} {
		got, err := models.SuggestJobSearch(context.Background(), f.db, models.JobFilter{Text: tc.q}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%q: suggested %q, want %q", tc.q, got, tc.want)
		}
	}
}
