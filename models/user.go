package models

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Account types chosen at registration.
const (
	AccountCoder    = "coder"
	AccountEmployer = "employer"
)

// User is one account of the whole site (code pages and job board).
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID              int64     `bun:"id,pk,autoincrement"`
	Email           string    `bun:"email"`
	Name            string    `bun:"name"`
	PasswordHash    string    `bun:"password_hash" json:"-"`
	AccountType     string    `bun:"account_type"`
	IsAdmin         bool      `bun:"is_admin"`
	Plan            string    `bun:"plan"` // PlanFree or PlanPro
	StripeCustomer  string    `bun:"stripe_customer_id,nullzero"`
	ProSubscription string    `bun:"pro_subscription_id,nullzero"`
	BannedAt        time.Time `bun:"banned_at,nullzero"`
	BanReason       string    `bun:"ban_reason"`
	EmailVerifiedAt time.Time `bun:"email_verified_at,nullzero"`
	SessionEpoch    int       `bun:"session_epoch"`
	CreatedAt       time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt       time.Time `bun:"updated_at,nullzero,default:now()"`
	// NewestCode is the account's newest recently viewed code
	// ("system/code"), read only with its session (SessionAccount).
	NewestCode string `bun:"newest_code,scanonly"`
}

// Verified reports whether the owner has confirmed the email address.
func (u *User) Verified() bool { return !u.EmailVerifiedAt.IsZero() }

// Registration is what the sign-up form sends.
type Registration struct {
	Name        string
	Email       string
	Password    string
	AccountType string
}

// ErrBadCredentials is the one answer for an unknown email, a wrong password
// and an unverified account, so nobody learns which addresses have accounts.
var ErrBadCredentials = errors.New("bad credentials")

// NormalizeEmail trims and lower-cases an address for storage and lookups.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validateEmail(errs ValidationErrors, field, email string) {
	switch {
	case email == "":
		errs.Add(field, "Enter your email address.")
	case len(email) > 254:
		errs.Add(field, "This email address is too long.")
	default:
		a, err := mail.ParseAddress(email)
		if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
			errs.Add(field, "Enter an email address like name@example.com.")
		}
	}
}

// Validate checks a registration and normalizes its fields.
func (r *Registration) Validate() ValidationErrors {
	errs := ValidationErrors{}
	r.Name = strings.TrimSpace(r.Name)
	r.Email = NormalizeEmail(r.Email)
	switch {
	case r.Name == "":
		errs.Add("name", "Enter your name.")
	case len([]rune(r.Name)) > 100:
		errs.Add("name", "Use at most 100 characters.")
	}
	validateEmail(errs, "email", r.Email)
	validatePassword(errs, "password", r.Password)
	if r.AccountType != AccountCoder && r.AccountType != AccountEmployer {
		errs.Add("account_type", "Choose whether you are looking for jobs or hiring.")
	}
	return errs
}

// RegisterUser creates an unverified account. When the email already has an
// account it returns that account with created=false and changes nothing: the
// caller answers the same way in both cases and emails the owner instead.
func RegisterUser(ctx context.Context, db bun.IDB, r Registration) (u *User, created bool, err error) {
	if errs := r.Validate(); len(errs) > 0 {
		return nil, false, errs
	}
	hash, err := hashPassword(r.Password)
	if err != nil {
		return nil, false, err
	}
	u = &User{Email: r.Email, Name: r.Name, PasswordHash: hash, AccountType: r.AccountType, Plan: PlanFree}
	created, err = insertUserIfNew(ctx, db, u, false)
	if err != nil {
		return nil, false, err
	}
	if created {
		return u, true, nil
	}
	existing, err := UserByEmail(ctx, db, r.Email)
	return existing, false, err
}

// insertUserIfNew inserts u unless its email already has an account, and
// reports whether it did; verified marks the address as confirmed.
func insertUserIfNew(ctx context.Context, db bun.IDB, u *User, verified bool) (bool, error) {
	q := db.NewInsert().Model(u).ExcludeColumn("id", "created_at", "updated_at", "session_epoch")
	if verified {
		q = q.Value("email_verified_at", "now()")
	}
	res, err := q.On("CONFLICT (email) DO NOTHING").Returning("*").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// UserByID returns the account or ErrNotFound.
// Every signed-in request asks, so the statement is prepared once per
// connection.
func UserByID(ctx context.Context, db bun.IDB, id int64) (*User, error) {
	u := new(User)
	return u, scanPreparedRow(ctx, db, u, userByIDText.get(func() string {
		return db.NewSelect().Model((*User)(nil)).Where(`"user".id = $1`).String()
	}), id)
}

var userByIDText onceText

// UserByEmail returns the account or ErrNotFound.
func UserByEmail(ctx context.Context, db bun.IDB, email string) (*User, error) {
	u := new(User)
	err := db.NewSelect().Model(u).Where("email = ?", NormalizeEmail(email)).Scan(ctx)
	return u, notFound(err)
}

// Authenticate returns the account for a verified, unbanned email and matching
// password, and ErrBadCredentials for every other case, in the same time.
func Authenticate(ctx context.Context, db bun.IDB, email, password string) (*User, error) {
	u, err := UserByEmail(ctx, db, email)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	hash := ""
	if err == nil {
		hash = u.PasswordHash
	}
	if !passwordMatches(password, hash) || err != nil || !u.Verified() || !u.BannedAt.IsZero() {
		return nil, ErrBadCredentials
	}
	return u, nil
}

// MarkEmailVerified records that the owner confirmed the address.
func MarkEmailVerified(ctx context.Context, db bun.IDB, userID int64) error {
	_, err := db.NewUpdate().Model((*User)(nil)).
		Set("email_verified_at = coalesce(email_verified_at, now())").
		Set("updated_at = now()").
		Where("id = ?", userID).Exec(ctx)
	return err
}

// VerifyEmail spends a verification link and marks its account verified.
func VerifyEmail(ctx context.Context, db bun.IDB, secret string) (*User, error) {
	t, err := UseUserToken(ctx, db, PurposeVerifyEmail, secret)
	if err != nil {
		return nil, err
	}
	if err := MarkEmailVerified(ctx, db, t.UserID); err != nil {
		return nil, err
	}
	u, err := UserByID(ctx, db, t.UserID)
	if err != nil {
		return nil, err
	}
	// Alerts the owner subscribed to as a guest, with this confirmed address,
	// now show on their "My alerts" page.
	_, err = db.NewRaw(`UPDATE saved_searches SET user_id = ?, updated_at = now()
		WHERE email = ? AND user_id IS NULL AND confirmed_at IS NOT NULL`, u.ID, u.Email).Exec(ctx)
	return u, err
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
