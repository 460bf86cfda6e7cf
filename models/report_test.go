package models_test

import (
	"errors"
	"testing"
	"time"

	"careercenter/models"
)

func guest(cookie, ip string) models.Reporter {
	return models.Reporter{Key: []byte("g:" + cookie + "|" + ip), IPKey: []byte(ip)}
}

func TestReportLimits(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	j := k.job(models.JobActive, now)
	scam := models.ReportInput{Reason: models.ReportScam}

	for _, c := range []struct {
		name string
		in   models.ReportInput
		ok   bool
	}{
		{"no reason", models.ReportInput{}, false},
		{"unknown reason", models.ReportInput{Reason: "boring"}, false},
		{"other without text", models.ReportInput{Reason: models.ReportOther, Details: "  "}, false},
		{"other with text", models.ReportInput{Reason: models.ReportOther, Details: "Asks for a fee"}, true},
	} {
		_, err := models.ReportJob(k.ctx, k.db, j.ID, guest(c.name, "ip-"+c.name), c.in, now)
		if _, bad := models.AsValidation(err); bad == c.ok || (c.ok && err != nil) {
			t.Errorf("%s: %v", c.name, err)
		}
	}

	// One per guest: the same cookie, or a new cookie from the same address.
	if _, err := models.ReportJob(k.ctx, k.db, j.ID, guest("a", "ip-1"), scam, now); err != nil {
		t.Fatal(err)
	}
	for _, again := range []models.Reporter{guest("a", "ip-1"), guest("b", "ip-1")} {
		if _, err := models.ReportJob(k.ctx, k.db, j.ID, again, scam, now); !errors.Is(err, models.ErrAlreadyReported) {
			t.Fatalf("guest again: %v", err)
		}
	}
	// One per account, even from an address a guest already used.
	acc := models.Reporter{UserID: k.user.ID, Key: []byte("u:writer")}
	if _, err := models.ReportJob(k.ctx, k.db, j.ID, acc, scam, now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.ReportJob(k.ctx, k.db, j.ID, acc, scam, now); !errors.Is(err, models.ErrAlreadyReported) {
		t.Fatalf("account again: %v", err)
	}
	// Drafts cannot be reported.
	draft := k.job(models.JobDraft, now)
	if _, err := models.ReportJob(k.ctx, k.db, draft.ID, guest("c", "ip-3"), scam, now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("draft: %v", err)
	}
}

func TestReportsHideAndQueue(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	many := k.job(models.JobActive, now)
	few := k.job(models.JobActive, now)
	scammy := k.job(models.JobActive, now)
	wrong := models.ReportInput{Reason: models.ReportWrongInfo}

	if _, err := models.ReportJob(k.ctx, k.db, few.ID, guest("f", "ip-f"), wrong, now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.ReportJob(k.ctx, k.db, scammy.ID, guest("s", "ip-s"), models.ReportInput{Reason: models.ReportScam}, now); err != nil {
		t.Fatal(err)
	}
	for i, ip := range []string{"ip-1", "ip-2", "ip-3"} {
		hidden, err := models.ReportJob(k.ctx, k.db, many.ID, guest(ip, ip), wrong, now)
		if err != nil || hidden != (i+1 >= models.ReportsToHide) {
			t.Fatalf("report %d: hidden %v, %v", i+1, hidden, err)
		}
	}
	got := k.reload(many.ID)
	if got.HiddenAt.IsZero() || got.HiddenReason != models.HiddenByReports {
		t.Fatalf("not hidden: %+v", got)
	}
	latest, err := models.LatestJobs(k.ctx, k.db, models.JobFilter{}, time.Time{}, now, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range latest {
		if l.ID == many.ID {
			t.Fatal("hidden job still listed")
		}
	}

	q, err := models.ReportQueue(k.ctx, k.db)
	if err != nil || len(q) != 3 {
		t.Fatalf("queue: %v %d", err, len(q))
	}
	if q[0].Job.ID != many.ID || q[1].Job.ID != scammy.ID || q[2].Job.ID != few.ID {
		t.Fatalf("queue order: %d %d %d", q[0].Job.ID, q[1].Job.ID, q[2].Job.ID)
	}
	if _, err := models.ResolveReports(k.ctx, k.db, q[0].Reports[1].ID, now); err != nil {
		t.Fatal(err)
	}
	if q, _ = models.ReportQueue(k.ctx, k.db); len(q) != 2 {
		t.Fatalf("after resolving: %d jobs", len(q))
	}
}
