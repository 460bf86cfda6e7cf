package email

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// The operations below each change data and queue the email about the
// change in one transaction: the email leaves only if the change commits.

// Register creates an unverified account and queues its verification link.
// An address that already has an account gets an email instead (a new link
// while it is unverified), so the form tells nobody which addresses are
// registered. newUser is the account created, nil when there was one.
func (m *Mail) Register(ctx context.Context, db bun.IDB, reg models.Registration) (newUser *models.User, err error) {
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, created, err := models.RegisterUser(ctx, tx, reg)
		if err != nil {
			return err
		}
		if created {
			newUser = u
		}
		if created || !u.Verified() {
			return m.sendVerification(ctx, tx, u)
		}
		e, err := m.AccountExists(u)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
	return newUser, err
}

// sendVerification issues a verification link and queues it in tx.
func (m *Mail) sendVerification(ctx context.Context, tx bun.IDB, u *models.User) error {
	return m.sendLink(ctx, tx, u, models.PurposeVerifyEmail, m.VerifyEmail)
}

// sendLink issues u a single-use link for purpose and queues, in tx, the
// email build makes of it.
func (m *Mail) sendLink(ctx context.Context, tx bun.IDB, u *models.User, purpose string,
	build func(u *models.User, tokenID int64, secret string) (Email, error)) error {
	secret, tok, err := models.IssueUserToken(ctx, tx, u.ID, purpose, "")
	if err != nil {
		return err
	}
	e, err := build(u, tok.ID, secret)
	if err != nil {
		return err
	}
	return m.Queue(ctx, tx, e)
}

// ResendVerification sends a new link when an unverified account has the
// address; otherwise it does nothing.
func (m *Mail) ResendVerification(ctx context.Context, db bun.IDB, address string) error {
	return m.forAccount(ctx, db, address, func(ctx context.Context, tx bun.Tx, u *models.User) error {
		if u.Verified() {
			return nil
		}
		return m.sendVerification(ctx, tx, u)
	})
}

// RequestPasswordReset mails a reset link when the address has an account;
// otherwise it does nothing.
func (m *Mail) RequestPasswordReset(ctx context.Context, db bun.IDB, address string) error {
	return m.forAccount(ctx, db, address, func(ctx context.Context, tx bun.Tx, u *models.User) error {
		return m.sendLink(ctx, tx, u, models.PurposeResetPassword, m.ResetPassword)
	})
}

// forAccount runs send in a transaction for the account with address, if
// there is one.
func (m *Mail) forAccount(ctx context.Context, db bun.IDB, address string,
	send func(ctx context.Context, tx bun.Tx, u *models.User) error) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := models.UserByEmail(ctx, tx, address)
		if errors.Is(err, models.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return send(ctx, tx, u)
	})
}

// RecordLoginFailure counts a failed sign-in and, when it throttles the
// account, emails the owner once a day about the failed attempts.
func (m *Mail) RecordLoginFailure(ctx context.Context, db bun.IDB, address string, ip []byte, now time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := models.RecordLoginFailure(ctx, tx, address, ip); err != nil {
			return err
		}
		u, err := models.ThrottleNotice(ctx, tx, address, now)
		if err != nil || u == nil {
			return err
		}
		e, err := m.LoginAttemptsNotice(u, now)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
}

// SendSignInLink emails a single-use sign-in link to u, within the
// account's limit of links; next is a local path to go to, or "".
func (m *Mail) SendSignInLink(ctx context.Context, db bun.IDB, u *models.User, next string, now time.Time) error {
	return models.WithinAccountLimit(ctx, db, u.ID, models.LimitSignInLinks, now, func(ctx context.Context, tx bun.Tx) error {
		u, secret, err := models.IssueSignInLink(ctx, tx, u.Email)
		if errors.Is(err, models.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		e, err := m.SignInLink(u, secret, next)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
}

// RequestEmailChange checks the password and mails a confirmation link to
// the new address; the account moves only when it is followed.
func (m *Mail) RequestEmailChange(ctx context.Context, db bun.IDB, u *models.User, newAddress, password string) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		secret, err := models.RequestEmailChange(ctx, tx, u, newAddress, password)
		if err != nil {
			return err
		}
		e, err := m.ChangeEmail(u, models.NormalizeEmail(newAddress), secret)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
}

// ConfirmEmailChange spends the link sent to the new address and tells the
// old address what happened.
func (m *Mail) ConfirmEmailChange(ctx context.Context, db bun.IDB, secret string) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, old, err := models.ConfirmEmailChange(ctx, tx, secret)
		if err != nil {
			return err
		}
		e, err := m.EmailChangedNotice(u, old)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
}

// SubscribeGuest saves a guest's alert and mails its opt-in link; frequency
// words the alert's frequency for the email. The alert is nil-free; secret
// is empty (and nothing mailed) when the address was subscribed already.
func (m *Mail) SubscribeGuest(ctx context.Context, db bun.IDB, in models.AlertInput, now time.Time,
	frequency func(string) string) (*models.SavedSearch, error) {
	var s *models.SavedSearch
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var secret string
		var err error
		if s, secret, err = models.SubscribeGuest(ctx, tx, in, now); err != nil || secret == "" {
			return err
		}
		e, err := m.AlertConfirmLink(s, frequency(s.Frequency), secret)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
	return s, err
}

// RequestDomainCheck mails a verification link to an address on co's
// domain, asked for by requester; it returns the address.
func (m *Mail) RequestDomainCheck(ctx context.Context, db bun.IDB, co *models.Company, requester *models.User,
	local string, now time.Time) (string, error) {
	var to string
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		address, secret, err := models.RequestDomainCheck(ctx, tx, co, requester.ID, local, now)
		if err != nil {
			return err
		}
		to = address
		e, err := m.DomainCheckLink(address, co, requester.Name, secret)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
	return to, err
}

// InviteMember invites an address to join co, by its owner, and mails the
// invitation.
func (m *Mail) InviteMember(ctx context.Context, db bun.IDB, co *models.Company, inviter *models.User,
	address string) (*models.Invite, error) {
	var inv *models.Invite
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		secret, i, err := models.InviteMember(ctx, tx, co.ID, inviter.ID, address)
		if err != nil {
			return err
		}
		inv = i
		e, err := m.CompanyInviteNotice(i, inviter.Name, co.Name, secret)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
	return inv, err
}

// InviteToApply invites a candidate to apply to a job and mails them.
func (m *Mail) InviteToApply(ctx context.Context, db bun.IDB, inviter *models.User, candidateID, jobID int64,
	now time.Time) (*models.CandidateInvite, error) {
	var inv *models.CandidateInvite
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if inv, err = models.InviteToApply(ctx, tx, inviter, candidateID, jobID, now); err != nil {
			return err
		}
		e, err := m.CandidateInviteNotice(inv)
		if err != nil {
			return err
		}
		return m.Queue(ctx, tx, e)
	})
	return inv, err
}

// UndoApplicationStatus takes back the last status change of an
// application within its window, and the email it would have sent.
func (m *Mail) UndoApplicationStatus(ctx context.Context, db bun.IDB, applicationID int64, now time.Time) (*models.StatusUndo, error) {
	var undone *models.StatusUndo
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if undone, err = models.UndoApplicationStatus(ctx, tx, applicationID, now); err != nil || undone.EmailJobID == 0 {
			return err
		}
		_, err = m.Cancel(ctx, tx, undone.EmailJobID)
		return err
	})
	return undone, err
}
