package models_test

import (
	"errors"
	"testing"
	"time"

	"careercenter/models"
)

// A job filled or closed by its company can be put back up within a week
// while its period lasts; not later, not past expiry, not after a refund,
// and never from another status.
func TestReopenJob(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	closed := func(close func(*models.Job) (*models.Job, error)) *models.Job {
		t.Helper()
		j := k.job(models.JobActive, now)
		if _, err := k.db.NewUpdate().Model((*models.Job)(nil)).Set("expires_at = ?", now.Add(20*24*time.Hour)).
			Set("plan = ?", models.PlanFeatured).Where("id = ?", j.ID).Exec(k.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := close(j); err != nil {
			t.Fatal(err)
		}
		return k.reload(j.ID)
	}
	fill := func(j *models.Job) (*models.Job, error) { return models.MarkJobFilled(k.ctx, k.db, j.ID, now) }
	withdraw := func(j *models.Job) (*models.Job, error) { return models.WithdrawJob(k.ctx, k.db, j.ID, now) }

	for name, close := range map[string]func(*models.Job) (*models.Job, error){"filled": fill, "closed": withdraw} {
		t.Run(name+" within the week", func(t *testing.T) {
			j := closed(close)
			if !j.Reopenable(now.Add(6 * 24 * time.Hour)) {
				t.Fatal("not reopenable")
			}
			got, err := models.ReopenJob(k.ctx, k.db, j.ID, now.Add(6*24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			after := k.reload(j.ID)
			if got.Status != models.JobActive || after.Status != models.JobActive || !after.ClosedAt.IsZero() ||
				!after.ExpiresAt.Equal(j.ExpiresAt) || !after.FeaturedUntil.Equal(j.ExpiresAt) {
				t.Fatalf("reopened: %+v", after)
			}
		})
		t.Run(name+" after the week", func(t *testing.T) {
			j := closed(close)
			_, err := models.ReopenJob(k.ctx, k.db, j.ID, now.Add(7*24*time.Hour+time.Minute))
			if !errors.Is(err, models.ErrNotReopenable) || k.reload(j.ID).Status == models.JobActive {
				t.Fatalf("reopened after the week: %v", err)
			}
		})
	}
	t.Run("past its expiry", func(t *testing.T) {
		j := closed(fill)
		if _, err := k.db.NewUpdate().Model((*models.Job)(nil)).Set("expires_at = ?", now.Add(time.Hour)).
			Where("id = ?", j.ID).Exec(k.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := models.ReopenJob(k.ctx, k.db, j.ID, now.Add(2*time.Hour)); !errors.Is(err, models.ErrNotReopenable) {
			t.Fatalf("reopened an expired job: %v", err)
		}
	})
	t.Run("withdrawn by a refund", func(t *testing.T) {
		j := closed(withdraw)
		if _, err := k.db.ExecContext(k.ctx, `INSERT INTO orders (kind, job_id, amount_cents, status) VALUES ('posting', ?, 100, 'refunded')`,
			j.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := models.ReopenJob(k.ctx, k.db, j.ID, now.Add(time.Hour)); !errors.Is(err, models.ErrNotReopenable) {
			t.Fatalf("reopened a refunded job: %v", err)
		}
	})
	for _, from := range []string{models.JobDraft, models.JobPendingReview, models.JobActive, models.JobExpired,
		models.JobRejected, models.JobRemoved} {
		t.Run("from "+from, func(t *testing.T) {
			j := k.job(from, now)
			if _, err := models.ReopenJob(k.ctx, k.db, j.ID, now); !errors.Is(err, models.ErrInvalidTransition) {
				t.Fatalf("want a refusal, got %v", err)
			}
		})
	}
}
