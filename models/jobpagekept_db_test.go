package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

// Kept pages a day past their time are forgotten; pages still in use stay.
func TestDeleteLapsedJobPages(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	lapsed := f.job(models.Job{Title: "Lapsed page"})
	current := f.job(models.Job{Title: "Current page"})
	now := time.Now()
	pages := []models.KeptJobPage{
		{JobID: lapsed.ID, DrawnFor: "build", DrawnAt: now.Add(-72 * time.Hour), ValidUntil: now.Add(-25 * time.Hour), Head: "h", Body: "b"},
		{JobID: current.ID, DrawnFor: "build", DrawnAt: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour),
			RelatedIDs: []int64{lapsed.ID}, RelatedAt: now.Add(-time.Hour), Head: "h", Body: "b"},
	}
	if err := models.KeepJobPages(ctx, f.db, pages); err != nil {
		t.Fatal(err)
	}
	n, err := models.DeleteLapsedJobPages(ctx, f.db)
	if err != nil || n != 1 {
		t.Fatalf("deleted %d (%v), want the lapsed page", n, err)
	}
	var left []int64
	if err := f.db.NewRaw(`SELECT job_id FROM job_pages`).Scan(ctx, &left); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0] != current.ID {
		t.Errorf("pages left: %v, want job %d's", left, current.ID)
	}
}
