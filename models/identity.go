package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Identity is an account at a sign-in provider (Google, GitHub, LinkedIn, an
// OpenID Connect issuer) linked to a CareerCenter account.
type Identity struct {
	bun.BaseModel `bun:"table:identities"`

	ID            int64     `bun:"id,pk,autoincrement"`
	Provider      string    `bun:"provider"`
	Subject       string    `bun:"subject"`
	Email         string    `bun:"email"`
	EmailVerified bool      `bun:"email_verified"`
	UserID        int64     `bun:"user_id"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`
}

// ExternalUser is what a sign-in provider told us about a person.
type ExternalUser struct {
	Provider      string
	Subject       string // the provider's stable id for the person
	Email         string
	EmailVerified bool // the provider vouches that the person owns Email
	Name          string
}

var (
	// ErrUnconfirmedEmail: nobody is signed in from an address the provider
	// does not vouch for; an existing account links from its account page.
	ErrUnconfirmedEmail = errors.New("the provider did not confirm the email address")
	// ErrIdentityTaken: the provider account is linked to another account.
	ErrIdentityTaken = errors.New("identity linked to another account")
	// ErrLastSignIn: unlinking would leave the account with no way to sign in.
	ErrLastSignIn = errors.New("last way to sign in")
)

// unusablePrefix marks a password hash that matches nothing: accounts made
// through a provider have no password until they choose one with a reset
// link. (An empty hash would not do: passwordMatches compares it against the
// dummy hash, whose password is known.)
const unusablePrefix = "!"

// HasPassword reports whether the account can sign in with a password.
func (u *User) HasPassword() bool {
	return u.PasswordHash != "" && !strings.HasPrefix(u.PasswordHash, unusablePrefix)
}

func unusablePassword() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return unusablePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// SignInExternal finds or makes the account for a provider sign-in: the
// linked account; else the account with the same address, linked now, when
// the provider vouches for the address; else a new verified account.
// created tells the caller to ask the newcomer what they come for.
func SignInExternal(ctx context.Context, db bun.IDB, ext ExternalUser) (u *User, created bool, err error) {
	ext.Email = NormalizeEmail(ext.Email)
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockIdentity(ctx, tx, ext); err != nil {
			return err
		}
		id, err := identityBySubject(ctx, tx, ext.Provider, ext.Subject)
		if err == nil {
			u, err = UserByID(ctx, tx, id.UserID)
			if err != nil {
				return err
			}
			return refreshIdentity(ctx, tx, id.ID, ext)
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		if !ext.EmailVerified || !usableEmail(ext.Email) {
			return ErrUnconfirmedEmail
		}
		u, created, err = userForVerifiedEmail(ctx, tx, ext)
		if err != nil {
			return err
		}
		return insertIdentity(ctx, tx, u.ID, ext)
	})
	if err != nil {
		return nil, false, err
	}
	return u, created, nil
}

// userForVerifiedEmail returns the account with the provider-verified address,
// or a new one. An existing account that never verified its address was made
// by someone who may not own it: its password is dropped and its sessions
// end, so whoever registered it cannot sign in to the owner's account later.
func userForVerifiedEmail(ctx context.Context, tx bun.Tx, ext ExternalUser) (*User, bool, error) {
	u := &User{Email: ext.Email, Name: externalName(ext), PasswordHash: unusablePassword(),
		AccountType: AccountCoder, Plan: PlanFree}
	created, err := insertUserIfNew(ctx, tx, u, true)
	if err != nil {
		return nil, false, err
	}
	if created {
		return u, true, nil
	}
	u = new(User)
	if err := tx.NewSelect().Model(u).Where("email = ?", ext.Email).For("UPDATE").Scan(ctx); err != nil {
		return nil, false, err
	}
	if !u.Verified() {
		_, err = tx.NewUpdate().Model(u).
			Set("password_hash = ?", unusablePassword()).
			Set("email_verified_at = now()").
			Set("session_epoch = session_epoch + 1").
			Set("updated_at = now()").
			WherePK().Returning("*").Exec(ctx)
	}
	return u, false, err
}

// LinkIdentity links a provider account to the signed-in account u. It is
// ErrIdentityTaken when another account has it; linking it again to u is
// not an error.
func LinkIdentity(ctx context.Context, db bun.IDB, u *User, ext ExternalUser) error {
	ext.Email = NormalizeEmail(ext.Email)
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockIdentity(ctx, tx, ext); err != nil {
			return err
		}
		id, err := identityBySubject(ctx, tx, ext.Provider, ext.Subject)
		switch {
		case err == nil && id.UserID != u.ID:
			return ErrIdentityTaken
		case err == nil:
			return refreshIdentity(ctx, tx, id.ID, ext)
		case !errors.Is(err, ErrNotFound):
			return err
		}
		return insertIdentity(ctx, tx, u.ID, ext)
	})
}

// IdentitiesOf lists the provider accounts linked to an account, oldest first.
func IdentitiesOf(ctx context.Context, db bun.IDB, userID int64) ([]Identity, error) {
	var ids []Identity
	err := db.NewSelect().Model(&ids).Where("user_id = ?", userID).OrderExpr("created_at, id").Scan(ctx)
	return ids, err
}

// UnlinkIdentity removes one of u's provider accounts, unless it is the last
// way to sign in (no password and no other provider). Another account's
// identity is ErrNotFound.
func UnlinkIdentity(ctx context.Context, db bun.IDB, u *User, identityID int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// The account row is locked so two unlinks at once cannot both pass.
		owner := new(User)
		if err := tx.NewSelect().Model(owner).Where("id = ?", u.ID).For("UPDATE").Scan(ctx); err != nil {
			return notFound(err)
		}
		ids, err := IdentitiesOf(ctx, tx, u.ID)
		if err != nil {
			return err
		}
		mine := false
		for _, id := range ids {
			mine = mine || id.ID == identityID
		}
		if !mine {
			return ErrNotFound
		}
		if !owner.HasPassword() && len(ids) == 1 {
			return ErrLastSignIn
		}
		_, err = tx.NewDelete().Model((*Identity)(nil)).Where("id = ? AND user_id = ?", identityID, u.ID).Exec(ctx)
		return err
	})
}

// ChooseAccountType records what a newcomer comes for: looking for jobs or hiring.
func ChooseAccountType(ctx context.Context, db bun.IDB, userID int64, accountType string) error {
	if accountType != AccountCoder && accountType != AccountEmployer {
		return ValidationErrors{"account_type": "Choose whether you are looking for jobs or hiring."}
	}
	_, err := db.NewUpdate().Model((*User)(nil)).
		Set("account_type = ?", accountType).Set("updated_at = now()").
		Where("id = ?", userID).Exec(ctx)
	return err
}

// lockIdentity serializes sign-ins of one provider account, so two callbacks
// at once cannot both create an account for it.
func lockIdentity(ctx context.Context, tx bun.Tx, ext ExternalUser) error {
	if ext.Provider == "" || ext.Subject == "" {
		return errors.New("provider user without provider or subject")
	}
	_, err := tx.NewRaw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
		"identity:"+ext.Provider+":"+ext.Subject).Exec(ctx)
	return err
}

func identityBySubject(ctx context.Context, db bun.IDB, provider, subject string) (*Identity, error) {
	id := new(Identity)
	err := db.NewSelect().Model(id).Where("provider = ? AND subject = ?", provider, subject).Scan(ctx)
	return id, notFound(err)
}

func insertIdentity(ctx context.Context, db bun.IDB, userID int64, ext ExternalUser) error {
	id := &Identity{Provider: ext.Provider, Subject: ext.Subject, Email: ext.Email,
		EmailVerified: ext.EmailVerified, UserID: userID}
	_, err := db.NewInsert().Model(id).ExcludeColumn("id", "created_at").Exec(ctx)
	return err
}

// refreshIdentity keeps what the provider last said about the address.
func refreshIdentity(ctx context.Context, db bun.IDB, id int64, ext ExternalUser) error {
	_, err := db.NewUpdate().Model((*Identity)(nil)).
		Set("email = ?", ext.Email).Set("email_verified = ?", ext.EmailVerified).
		Where("id = ?", id).Exec(ctx)
	return err
}

func usableEmail(email string) bool {
	errs := ValidationErrors{}
	validateEmail(errs, "email", email)
	return len(errs) == 0
}

// externalName is the provider's name for the person, else the start of the
// address, cut to what registration allows.
func externalName(ext ExternalUser) string {
	name := strings.Join(strings.Fields(ext.Name), " ")
	if name == "" {
		name, _, _ = strings.Cut(ext.Email, "@")
	}
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	return name
}
