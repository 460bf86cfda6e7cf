package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// Token purposes.
const (
	PurposeVerifyEmail   = "verify_email"
	PurposeResetPassword = "reset_password"
	PurposeChangeEmail   = "change_email"
	PurposeSignIn        = "sign_in" // for the owner of a throttled account
)

// How long each kind of link stays valid.
var tokenTTL = map[string]time.Duration{
	PurposeVerifyEmail:   48 * time.Hour,
	PurposeResetPassword: time.Hour,
	PurposeChangeEmail:   24 * time.Hour,
	PurposeSignIn:        15 * time.Minute,
}

// UserToken is a single-use link sent by email. Only a hash of the secret part
// is stored, so a database leak gives no usable links.
type UserToken struct {
	bun.BaseModel `bun:"table:user_tokens"`

	ID        int64     `bun:"id,pk,autoincrement"`
	UserID    int64     `bun:"user_id"`
	Purpose   string    `bun:"purpose"`
	TokenHash []byte    `bun:"token_hash"`
	NewEmail  string    `bun:"new_email,nullzero"`
	ExpiresAt time.Time `bun:"expires_at"`
	UsedAt    time.Time `bun:"used_at,nullzero"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`
}

// IssueUserToken stores a new single-use token and returns its secret, which
// only the email carries.
func IssueUserToken(ctx context.Context, db bun.IDB, userID int64, purpose, newEmail string) (string, *UserToken, error) {
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	t := &UserToken{
		UserID:    userID,
		Purpose:   purpose,
		TokenHash: tokenHash(secret),
		NewEmail:  newEmail,
		ExpiresAt: time.Now().Add(tokenTTL[purpose]),
	}
	if _, err := db.NewInsert().Model(t).Returning("id, created_at").Exec(ctx); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// UseUserToken spends a token: it succeeds once, before expiry, for the right
// purpose, and returns ErrNotFound otherwise.
func UseUserToken(ctx context.Context, db bun.IDB, purpose, secret string) (*UserToken, error) {
	t := new(UserToken)
	err := db.NewUpdate().Model(t).
		Set("used_at = now()").
		Where("token_hash = ?", tokenHash(secret)).
		Where("purpose = ?", purpose).
		Where("used_at IS NULL").
		Where("expires_at > now()").
		Returning("*").
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// spendUserToken spends a token as UseUserToken does and returns, with it,
// the account it was issued to.
func spendUserToken(ctx context.Context, db bun.IDB, purpose, secret string) (*User, *UserToken, error) {
	t, err := UseUserToken(ctx, db, purpose, secret)
	if err != nil {
		return nil, nil, err
	}
	u, err := UserByID(ctx, db, t.UserID)
	if err != nil {
		return nil, nil, err
	}
	return u, t, nil
}

// TokenValid reports whether a token could still be used, without spending it
// (the reset form checks the link before asking for a new password).
func TokenValid(ctx context.Context, db bun.IDB, purpose, secret string) (bool, error) {
	return db.NewSelect().Model((*UserToken)(nil)).
		Where("token_hash = ?", tokenHash(secret)).
		Where("purpose = ?", purpose).
		Where("used_at IS NULL").
		Where("expires_at > now()").
		Exists(ctx)
}

// DeleteStaleTokens removes tokens that expired more than a week ago.
func DeleteStaleTokens(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewDelete().Model((*UserToken)(nil)).
		Where("expires_at < now() - interval '7 days'").Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// newSecret is the secret part of an emailed single-use link: 32 random
// bytes, URL-safe. Only tokenHash(secret) is ever stored.
func newSecret() (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(raw), nil
}

func tokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
