package demo_test

import (
	"context"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

func TestSeedSyntheticBoard(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	now := time.Now()
	if added, err := demo.SeedSyntheticBoard(ctx, d.Bun, demo.SyntheticBoardJobs, now); err != nil || !added {
		t.Fatalf("seed: %v %v", added, err)
	}
	if added, err := demo.SeedSyntheticBoard(ctx, d.Bun, demo.SyntheticBoardJobs, now); err != nil || added {
		t.Fatalf("second seed: %v %v", added, err)
	}
	all, err := models.PayGroupFor(ctx, d.Bun, models.PayKey{})
	if err != nil || all == nil || all.Jobs < 250 || all.P25 >= all.Median || all.Median >= all.P75 {
		t.Fatalf("board pay: %+v %v", all, err)
	}
	byCred, err := models.PayByDimension(ctx, d.Bun, "credential")
	if err != nil || len(byCred) < 4 {
		t.Errorf("credentials with figures: %d %v", len(byCred), err)
	}
	var shown, silent int
	var rs []models.Responsiveness
	if err := d.Bun.NewSelect().Model(&rs).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		if rs[i].Shown() {
			shown++
			if rs[i].AnswerRate < 0.5 {
				silent++
			}
		}
	}
	if shown < 5 || silent == 0 || silent == shown {
		t.Errorf("%d companies with a figure, %d of them answering less than half", shown, silent)
	}
}
