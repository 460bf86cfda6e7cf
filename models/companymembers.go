package models

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// ErrLastOwner refuses to leave a company without an owner: nobody could
// then edit it or manage its members.
var ErrLastOwner = errors.New("the company's last owner cannot leave")

// Member is one person of a company, as the members page lists them.
type Member struct {
	UserID   int64     `bun:"user_id"`
	Name     string    `bun:"name"`
	Email    string    `bun:"email"`
	Role     string    `bun:"role"`
	JoinedAt time.Time `bun:"created_at"`
}

// Owner reports a member who manages the company.
func (m Member) Owner() bool { return m.Role == RoleOwner }

// CompanyMembers lists a company's members, owners first.
func CompanyMembers(ctx context.Context, db bun.IDB, companyID int64) ([]Member, error) {
	var ms []Member
	err := db.NewRaw(`SELECT m.user_id, u.name, u.email, m.role, m.created_at
		FROM company_members m JOIN users u ON u.id = m.user_id
		WHERE m.company_id = ?
		ORDER BY m.role = 'owner' DESC, lower(u.name), m.user_id`, companyID).Scan(ctx, &ms)
	return ms, err
}

// RemoveMember takes a person out of a company. It returns ErrNotFound when
// they are not a member and ErrLastOwner when they are its only owner.
func RemoveMember(ctx context.Context, db bun.IDB, companyID, userID int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Locking every member row serializes removals, so two owners
		// leaving at once cannot leave the company with none.
		var rows []struct {
			UserID int64  `bun:"user_id"`
			Role   string `bun:"role"`
		}
		err := tx.NewRaw(`SELECT user_id, role FROM company_members WHERE company_id = ? ORDER BY user_id FOR UPDATE`,
			companyID).Scan(ctx, &rows)
		if err != nil {
			return err
		}
		role, owners := "", 0
		for _, r := range rows {
			if r.Role == RoleOwner {
				owners++
			}
			if r.UserID == userID {
				role = r.Role
			}
		}
		switch {
		case role == "":
			return ErrNotFound
		case role == RoleOwner && owners == 1:
			return ErrLastOwner
		}
		_, err = tx.NewRaw(`DELETE FROM company_members WHERE company_id = ? AND user_id = ?`,
			companyID, userID).Exec(ctx)
		return err
	})
}

// LeaveCompany is a member removing themself; the same rules apply.
func LeaveCompany(ctx context.Context, db bun.IDB, companyID, userID int64) error {
	return RemoveMember(ctx, db, companyID, userID)
}
