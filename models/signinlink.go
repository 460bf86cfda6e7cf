package models

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// The owner of a throttled account is never locked out: the back-off keeps
// whoever guesses passwords waiting, while the owner asks for a single-use
// sign-in link by email (15 minutes, hashed like every link in token.go),
// and is told once a day, by email, that someone is failing to sign in.

// IssueSignInLink stores a sign-in link for the verified, unbanned account
// of email and returns the account and the link's secret; ErrNotFound when
// there is no such account (the caller answers the same either way).
func IssueSignInLink(ctx context.Context, db bun.IDB, email string) (*User, string, error) {
	u, err := UserByEmail(ctx, db, email)
	if err != nil {
		return nil, "", err
	}
	if !u.Verified() || !u.BannedAt.IsZero() {
		return nil, "", ErrNotFound
	}
	secret, _, err := IssueUserToken(ctx, db, u.ID, PurposeSignIn, "")
	return u, secret, err
}

// UseSignInLink spends a sign-in link and returns its account, or
// ErrNotFound when the link is unknown, spent, expired, or its account
// can no longer sign in.
func UseSignInLink(ctx context.Context, db bun.IDB, secret string) (*User, error) {
	u, _, err := spendUserToken(ctx, db, PurposeSignIn, secret)
	if err != nil {
		return nil, err
	}
	if !u.Verified() || !u.BannedAt.IsZero() {
		return nil, ErrNotFound
	}
	return u, nil
}

// ThrottleNotice decides, after a failed sign-in, whether the account's
// owner should now be told of the failed attempts: when the failures have
// reached the back-off limit and the owner was not told in the last day. It
// returns the account to tell, or nil.
func ThrottleNotice(ctx context.Context, db bun.IDB, email string, now time.Time) (*User, error) {
	var failures int
	err := db.NewRaw(`SELECT count(*) FROM login_failures WHERE email = ? AND created_at > now() - ?::interval`,
		NormalizeEmail(email), interval(FailureWindow)).Scan(ctx, &failures)
	if err != nil || failures < AccountFailureLimit {
		return nil, err
	}
	u, err := UserByEmail(ctx, db, email)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil || !u.Verified() {
		return nil, err
	}
	var sent []string
	err = db.NewRaw(`INSERT INTO login_alerts AS a (email, sent_at) VALUES (?, ?)
		ON CONFLICT (email) DO UPDATE SET sent_at = EXCLUDED.sent_at
		WHERE a.sent_at < EXCLUDED.sent_at - interval '1 day'
		RETURNING email`, u.Email, now).Scan(ctx, &sent)
	if err != nil || len(sent) == 0 {
		return nil, err
	}
	return u, nil
}
