package app_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"
	"time"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

// The background walk draws the guest page of every live job, and no other,
// and a second walk finds nothing left to draw.
func TestDrawKeptPagesWalksEveryLiveJob(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	cfg, err := app.LoadConfig(func(k string) string {
		return map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := app.NewWebForTest(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	var company int64
	if err := d.Bun.NewRaw(`INSERT INTO companies (slug, name) VALUES ('acme', 'Acme Coding') RETURNING id`).Scan(ctx, &company); err != nil {
		t.Fatal(err)
	}
	live := map[int64]bool{}
	for i, state := range []string{"live", "live", "live", "draft", "expired", "hidden", "live", "live"} {
		status, expires, hidden := "active", "now() + interval '30 days'", "NULL"
		switch state {
		case "draft":
			status = "draft"
		case "expired":
			expires = "now() - interval '1 day'"
		case "hidden":
			hidden = "now()"
		}
		var id int64
		err := d.Bun.NewRaw(`INSERT INTO jobs (company_id, status, title, slug, description, published_at, expires_at, hidden_at)
			VALUES (?, ?, ?, 'coder', 'Code charts.', now(), `+expires+`, `+hidden+`) RETURNING id`,
			company, status, "Coder "+string(rune('A'+i))).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		live[id] = state == "live"
	}
	// Pages drawn less than a minute after a change to their job are not
	// trusted; these jobs were written long ago.
	if _, err := d.Bun.ExecContext(ctx, `SET session_replication_role = replica;
		UPDATE jobs SET page_changed_at = now() - interval '1 hour';
		UPDATE companies SET page_changed_at = now() - interval '1 hour';
		SET session_replication_role = origin`); err != nil {
		t.Fatal(err)
	}

	walk := func() (batches int) {
		for before := int64(math.MaxInt64); ; batches++ {
			if before, err = h.DrawKeptPages(ctx, before, 2); err != nil {
				t.Fatal(err)
			}
			if before == 0 {
				return batches
			}
		}
	}
	if n := walk(); n != 3 {
		t.Errorf("the walk took %d batches of 2 for 5 live jobs, want 3", n)
	}
	var kept []int64
	if err := d.Bun.NewRaw(`SELECT job_id FROM job_pages ORDER BY job_id`).Scan(ctx, &kept); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, isLive := range live {
		if isLive {
			want++
		}
	}
	if len(kept) != want {
		t.Fatalf("kept pages of jobs %v, want the %d live jobs", kept, want)
	}
	for _, id := range kept {
		if !live[id] {
			t.Errorf("job %d is not live but its page was kept", id)
		}
		read, err := models.GuestJobPage(ctx, d.Bun, id, keptFor(t, d, id), time.Now(), models.Viewer{})
		if err != nil {
			t.Fatal(err)
		}
		if read.Page == nil {
			t.Errorf("job %d: a guest's read does not find the page the walk kept", id)
		}
	}
	if n := walk(); n != 0 {
		t.Errorf("a second walk drew pages again (%d batches)", n)
	}
}

func keptFor(t *testing.T, d *app.DB, id int64) string {
	var drawnFor string
	if err := d.Bun.NewRaw(`SELECT drawn_for FROM job_pages WHERE job_id = ?`, id).Scan(context.Background(), &drawnFor); err != nil {
		t.Fatal(err)
	}
	return drawnFor
}
