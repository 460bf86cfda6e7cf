package models

import (
	"context"
	"errors"
	"strings"

	"github.com/uptrace/bun"
)

// setPassword stores a new hash and bumps the session epoch, which signs out
// every other session of the account.
func setPassword(ctx context.Context, db bun.IDB, u *User, plain string) error {
	hash, err := hashPassword(plain)
	if err != nil {
		return err
	}
	_, err = db.NewUpdate().Model(u).
		Set("password_hash = ?", hash).
		Set("session_epoch = session_epoch + 1").
		Set("updated_at = now()").
		WherePK().Returning("session_epoch").Exec(ctx)
	return err
}

// ChangePassword replaces the password after checking the current one.
func ChangePassword(ctx context.Context, db bun.IDB, u *User, current, next string) error {
	errs := ValidationErrors{}
	if !passwordMatches(current, u.PasswordHash) {
		errs.Add("current_password", "This is not your current password.")
	}
	validatePassword(errs, "new_password", next)
	if len(errs) > 0 {
		return errs
	}
	return setPassword(ctx, db, u, next)
}

// ResetPassword spends a reset link and sets the new password. Following the
// link proves the owner reads that mailbox, so the address counts as verified.
func ResetPassword(ctx context.Context, db bun.IDB, secret, next string) (*User, error) {
	errs := ValidationErrors{}
	validatePassword(errs, "password", next)
	if len(errs) > 0 {
		return nil, errs
	}
	u, _, err := spendUserToken(ctx, db, PurposeResetPassword, secret)
	if err != nil {
		return nil, err
	}
	if err := setPassword(ctx, db, u, next); err != nil {
		return nil, err
	}
	if err := MarkEmailVerified(ctx, db, u.ID); err != nil {
		return nil, err
	}
	return UserByID(ctx, db, u.ID)
}

// RequestEmailChange checks the password and the new address and issues a
// link for the new address. The address changes only when the link is used.
func RequestEmailChange(ctx context.Context, db bun.IDB, u *User, newEmail, password string) (string, error) {
	errs := ValidationErrors{}
	newEmail = NormalizeEmail(newEmail)
	validateEmail(errs, "email", newEmail)
	if newEmail == u.Email {
		errs.Add("email", "This is already your email address.")
	}
	if !passwordMatches(password, u.PasswordHash) {
		errs.Add("password", "This is not your current password.")
	}
	if len(errs) > 0 {
		return "", errs
	}
	secret, _, err := IssueUserToken(ctx, db, u.ID, PurposeChangeEmail, newEmail)
	return secret, err
}

// ConfirmEmailChange spends a change link and moves the account to the new
// address, verified. It returns the account and its old address.
func ConfirmEmailChange(ctx context.Context, db bun.IDB, secret string) (*User, string, error) {
	u, t, err := spendUserToken(ctx, db, PurposeChangeEmail, secret)
	if err != nil {
		return nil, "", err
	}
	old := u.Email
	taken, err := db.NewSelect().Model((*User)(nil)).Where("email = ? AND id <> ?", t.NewEmail, u.ID).Exists(ctx)
	if err != nil {
		return nil, "", err
	}
	if taken {
		return nil, "", ValidationErrors{"email": "Another account uses this address now."}
	}
	_, err = db.NewUpdate().Model(u).
		Set("email = ?", t.NewEmail).
		Set("email_verified_at = now()").
		Set("updated_at = now()").
		WherePK().Returning("*").Exec(ctx)
	return u, old, err
}

// DeleteAccount removes the account and everything that cascades from it
// (profile, credentials, resumes and their stored bytes), after checking the
// password. Applications stay for the employer as a "withdrawn candidate":
// withdrawn, without note, resume or link to the person.
func DeleteAccount(ctx context.Context, db bun.IDB, u *User, password string) error {
	if !passwordMatches(password, u.PasswordHash) {
		return ValidationErrors{"password": "This is not your current password."}
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw(`UPDATE applications SET status = 'withdrawn', cover_note = '', resume_id = NULL,
			status_changed_at = now(), updated_at = now() WHERE user_id = ?`, u.ID).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model(u).WherePK().Exec(ctx)
		return err
	})
}

// CreateAdmin makes a verified admin account, or promotes an existing account
// and sets its password. It reports whether the account is new.
func CreateAdmin(ctx context.Context, db bun.IDB, email, name, password string) (bool, error) {
	errs := ValidationErrors{}
	email = NormalizeEmail(email)
	validateEmail(errs, "email", email)
	validatePassword(errs, "password", password)
	if len(errs) > 0 {
		return false, errs
	}
	if strings.TrimSpace(name) == "" {
		name = "Admin"
	}
	u, err := UserByEmail(ctx, db, email)
	if errors.Is(err, ErrNotFound) {
		hash, err := hashPassword(password)
		if err != nil {
			return false, err
		}
		u = &User{Email: email, Name: name, PasswordHash: hash, AccountType: AccountEmployer, IsAdmin: true, Plan: PlanFree}
		_, err = db.NewInsert().Model(u).
			ExcludeColumn("id", "created_at", "updated_at", "session_epoch").
			Value("email_verified_at", "now()").Exec(ctx)
		return true, err
	}
	if err != nil {
		return false, err
	}
	if err := setPassword(ctx, db, u, password); err != nil {
		return false, err
	}
	_, err = db.NewUpdate().Model(u).Set("is_admin = true").
		Set("email_verified_at = coalesce(email_verified_at, now())").WherePK().Exec(ctx)
	return false, err
}
