package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// recentCodesKept is how many recently viewed codes an account keeps.
const recentCodesKept = 20

// NoteCodeView puts code at the top of the account's recently viewed codes
// and forgets the oldest beyond the few kept.
func NoteCodeView(ctx context.Context, db bun.IDB, userID int64, c *Code, now time.Time) error {
	if _, err := db.NewRaw(`INSERT INTO recent_codes (user_id, system, code, viewed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, system, code) DO UPDATE SET viewed_at = EXCLUDED.viewed_at`,
		userID, c.System, c.Code, now).Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewRaw(`DELETE FROM recent_codes WHERE user_id = ? AND (system, code) NOT IN (
			SELECT system, code FROM recent_codes WHERE user_id = ?
			ORDER BY viewed_at DESC, system, code LIMIT ?)`, userID, userID, recentCodesKept).Exec(ctx)
	return err
}

// RecentCodes returns the codes the account opened, the latest first.
func RecentCodes(ctx context.Context, db bun.IDB, userID int64, limit int) ([]Code, error) {
	var out []Code
	err := db.NewRaw(`SELECT `+codeColumns+` FROM recent_codes r
		JOIN codes c ON c.system = r.system AND c.code = r.code
		WHERE r.user_id = ? ORDER BY r.viewed_at DESC, c.system, c.code LIMIT ?`,
		userID, min(limit, recentCodesKept)).Scan(ctx, &out)
	return out, err
}
