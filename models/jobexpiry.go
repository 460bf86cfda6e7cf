package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// JobReminderLead is how long before its expiry an employer is reminded.
const JobReminderLead = 3 * 24 * time.Hour

// ExpireJobs moves live jobs past their expiry to expired and returns how
// many. Search already hides them by expires_at; this makes the status say so.
func ExpireJobs(ctx context.Context, db bun.IDB, now time.Time) (int, error) {
	res, err := db.NewUpdate().Model((*Job)(nil)).
		Set("status = ?", JobExpired).Set("featured_until = NULL").Set("updated_at = ?", now).
		Where("status = ? AND expires_at <= ?", JobActive, now).Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// ExpiryReminder is one "your job expires soon" email to send.
type ExpiryReminder struct {
	JobID     int64     `bun:"job_id"`
	Title     string    `bun:"title"`
	ExpiresAt time.Time `bun:"expires_at"`
	Email     string    `bun:"email"` // the job's author; "" when the account is gone
	Name      string    `bun:"name"`
}

// ClaimExpiryReminders marks up to limit live jobs expiring within
// JobReminderLead as reminded and returns them. Queue the emails in the same
// transaction: a job is claimed once, even with several workers, because the
// row is locked (others skip it) and reminded_at is checked again on update.
func ClaimExpiryReminders(ctx context.Context, db bun.IDB, now time.Time, limit int) ([]ExpiryReminder, error) {
	var rs []ExpiryReminder
	err := db.NewRaw(`
		WITH claimed AS (
			UPDATE jobs SET reminded_at = ?0
			WHERE id IN (
				SELECT id FROM jobs
				WHERE status = ?1 AND reminded_at IS NULL AND expires_at > ?0 AND expires_at <= ?2
				ORDER BY expires_at LIMIT ?3
				FOR UPDATE SKIP LOCKED)
			AND reminded_at IS NULL
			RETURNING id, title, expires_at, created_by)
		SELECT c.id AS job_id, c.title, c.expires_at, coalesce(u.email, '') AS email, coalesce(u.name, '') AS name
		FROM claimed c LEFT JOIN users u ON u.id = c.created_by
		ORDER BY c.expires_at, c.id`,
		now, JobActive, now.Add(JobReminderLead), limit).Scan(ctx, &rs)
	return rs, err
}
