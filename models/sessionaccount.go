package models

import (
	"context"

	"github.com/uptrace/bun"
)

// SessionAccount is the account a signed-in session names (migration 0048),
// read with the session in one statement, with the account's newest
// recently viewed code. ErrNotFound means the session names no account:
// it is missing, expired, a guest's, or older than the session's user_id
// column, so its data must be read instead. A session that names an
// account that is gone, banned, or signed out everywhere since (a newer
// epoch) gives a nil User.
func SessionAccount(ctx context.Context, db bun.IDB, key string) (*User, error) {
	u := new(User)
	err := scanPreparedRow(ctx, db, u, sessionAccountText.get(func() string {
		return db.NewSelect().Model((*User)(nil)).
			ColumnExpr("?TableColumns").
			ColumnExpr(`(SELECT r.system || '/' || r.code FROM recent_codes AS r WHERE r.user_id = "user".id
				ORDER BY r.viewed_at DESC, r.system, r.code LIMIT 1) AS newest_code`).
			ModelTableExpr(`sessions AS s LEFT JOIN users AS "user" ON "user".id = s.user_id
				AND "user".session_epoch = s.epoch AND "user".banned_at IS NULL`).
			Where(`s.key = $1 AND s.user_id IS NOT NULL AND (s.expires_at IS NULL OR s.expires_at > now())`).
			String()
	}), key)
	if err != nil {
		return nil, err
	}
	if u.ID == 0 {
		return nil, nil
	}
	return u, nil
}

var sessionAccountText onceText

// BindSession notes on a session the account it signed in and that
// account's session epoch, for SessionAccount. The session's row must exist
// (it is saved first); writing its data again later keeps them.
func BindSession(ctx context.Context, db bun.IDB, key string, u *User) error {
	_, err := db.NewRaw(`UPDATE sessions SET user_id = ?, epoch = ? WHERE key = ?`,
		u.ID, u.SessionEpoch, key).Exec(ctx)
	return err
}
