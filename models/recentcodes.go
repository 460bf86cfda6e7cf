package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// recentCodesKept is how many recently viewed codes an account keeps.
const recentCodesKept = 20

// noteCodeViewQuery is NoteCodeView in one statement: nothing is written
// when the code already heads the list (re-reading one page is most views),
// otherwise the code is put on top and the rows past the kept few are
// forgotten. The DELETE cannot see the row the INSERT writes (one snapshot),
// so it keeps the code and the newest others ($5 = kept - 1).
const noteCodeViewQuery = `WITH newest AS (
		SELECT system, code FROM recent_codes WHERE user_id = $1
		ORDER BY viewed_at DESC, system, code LIMIT 1
	), noted AS (
		INSERT INTO recent_codes (user_id, system, code, viewed_at)
		SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM newest WHERE system = $2 AND code = $3)
		ON CONFLICT (user_id, system, code) DO UPDATE SET viewed_at = EXCLUDED.viewed_at
		RETURNING 1
	)
	DELETE FROM recent_codes r WHERE EXISTS (SELECT 1 FROM noted) AND r.user_id = $1
		AND NOT (r.system = $2 AND r.code = $3)
		AND (r.system, r.code) NOT IN (
			SELECT system, code FROM recent_codes WHERE user_id = $1 AND NOT (system = $2 AND code = $3)
			ORDER BY viewed_at DESC, system, code LIMIT $5)`

// NoteCodeView puts code at the top of the account's recently viewed codes
// and forgets the oldest beyond the few kept.
func NoteCodeView(ctx context.Context, db bun.IDB, userID int64, c *Code, now time.Time) error {
	return execPrepared(ctx, db, noteCodeViewQuery, userID, c.System, c.Code, now, recentCodesKept-1)
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
