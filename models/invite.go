package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// InviteLifetime is how long an invitation link works.
const InviteLifetime = 7 * 24 * time.Hour

// ErrInviteForAnotherEmail refuses an invitation to an account whose email is
// not the invited one: a forwarded link must not let someone else join.
var ErrInviteForAnotherEmail = errors.New("invitation is for another email address")

// Invite asks someone, by email, to join a company. Like UserToken, only a
// hash of the link's secret is stored.
type Invite struct {
	bun.BaseModel `bun:"table:company_invites"`

	ID         int64     `bun:"id,pk,autoincrement"`
	CompanyID  int64     `bun:"company_id"`
	Email      string    `bun:"email"`
	TokenHash  []byte    `bun:"token_hash"`
	InvitedBy  int64     `bun:"invited_by,nullzero"`
	ExpiresAt  time.Time `bun:"expires_at"`
	AcceptedAt time.Time `bun:"accepted_at,nullzero"`
	CreatedAt  time.Time `bun:"created_at,nullzero,default:now()"`

	Company *Company `bun:"rel:belongs-to,join:company_id=id"`
}

// InviteMember records an invitation and returns the secret that only the
// email carries. Inviting the address again replaces its earlier link;
// inviting a member is refused with a message.
func InviteMember(ctx context.Context, db bun.IDB, companyID, invitedBy int64, email string) (string, *Invite, error) {
	email = NormalizeEmail(email)
	errs := ValidationErrors{}
	if email == "" {
		errs.Add("email", "Enter the email address of the person to invite.")
	}
	validateEmail(errs, "email", email)
	if len(errs) > 0 {
		return "", nil, errs
	}
	member, err := db.NewSelect().TableExpr("company_members AS m").Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.company_id = ? AND u.email = ?", companyID, email).Exists(ctx)
	if err != nil {
		return "", nil, err
	}
	if member {
		return "", nil, ValidationErrors{"email": email + " is already a member of this company."}
	}
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	inv := &Invite{CompanyID: companyID, Email: email, TokenHash: tokenHash(secret), InvitedBy: invitedBy,
		ExpiresAt: time.Now().Add(InviteLifetime)}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*Invite)(nil)).
			Where("company_id = ? AND email = ? AND accepted_at IS NULL", companyID, email).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(inv).ExcludeColumn("id", "accepted_at", "created_at").
			Returning("id, created_at").Exec(ctx)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return secret, inv, nil
}

// InviteByToken returns a usable invitation with its company, or ErrNotFound
// when the link is unknown, used, replaced or expired.
func InviteByToken(ctx context.Context, db bun.IDB, secret string) (*Invite, error) {
	inv := new(Invite)
	err := db.NewSelect().Model(inv).Relation("Company").
		Where("invite.token_hash = ?", tokenHash(secret)).
		Where("invite.accepted_at IS NULL AND invite.expires_at > now()").
		Scan(ctx)
	return inv, notFound(err)
}

// AcceptInvite makes u a member of the invitation's company and spends the
// link. The account's email must be the invited one (ErrInviteForAnotherEmail,
// and the link stays usable); an unusable link gives ErrNotFound.
func AcceptInvite(ctx context.Context, db bun.IDB, secret string, u *User) (*Invite, error) {
	inv := new(Invite)
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(inv).
			Where("token_hash = ? AND accepted_at IS NULL AND expires_at > now()", tokenHash(secret)).
			For("UPDATE").Scan(ctx)
		if err != nil {
			return notFound(err)
		}
		if !strings.EqualFold(inv.Email, u.Email) {
			return ErrInviteForAnotherEmail
		}
		// Already a member (joined through another link): nothing to add.
		if _, err := tx.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, ?)
			ON CONFLICT (company_id, user_id) DO NOTHING`, inv.CompanyID, u.ID, RoleMember).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(inv).Set("accepted_at = now()").WherePK().
			Returning("accepted_at").Exec(ctx); err != nil {
			return err
		}
		inv.Company, err = CompanyByID(ctx, tx, inv.CompanyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// PendingInvites lists a company's invitations that can still be accepted,
// newest first.
func PendingInvites(ctx context.Context, db bun.IDB, companyID int64) ([]Invite, error) {
	var invs []Invite
	err := db.NewSelect().Model(&invs).
		Where("company_id = ? AND accepted_at IS NULL AND expires_at > now()", companyID).
		Order("created_at DESC", "id DESC").Scan(ctx)
	return invs, err
}

// DeleteStaleInvites removes invites that expired or were accepted more than
// a week ago.
func DeleteStaleInvites(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewDelete().Model((*Invite)(nil)).
		Where("expires_at < now() - interval '7 days' OR accepted_at < now() - interval '7 days'").Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
