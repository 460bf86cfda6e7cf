package email

import (
	"fmt"
	"net/url"
	"time"

	"careercenter/models"
)

// Link is the data of the emails that greet someone by name and give one
// link: verify_email, reset_password, sign_in_link, change_email,
// account_exists.
type Link struct {
	Base
	Name, Link string
}

// VerifyEmail asks a new account's owner to confirm their address.
func (m *Mail) VerifyEmail(u *models.User, tokenID int64, secret string) (Email, error) {
	return m.build(u.Email, "verify_email", fmt.Sprintf("verify_email:%d", tokenID), nil,
		&Link{Name: u.Name, Link: m.link("/verify?token=" + secret)})
}

// AccountExists tells an address that registered again that it has an
// account already.
func (m *Mail) AccountExists(u *models.User) (Email, error) {
	return m.build(u.Email, "account_exists", "", nil, &Link{Name: u.Name, Link: m.link("/login")})
}

// ResetPassword sends a link to choose a new password.
func (m *Mail) ResetPassword(u *models.User, tokenID int64, secret string) (Email, error) {
	return m.build(u.Email, "reset_password", fmt.Sprintf("reset_password:%d", tokenID), nil,
		&Link{Name: u.Name, Link: m.link("/password/reset?token=" + secret)})
}

// SignInLink sends a single-use sign-in link; next (a local path, or "") is
// where it leads after signing in.
func (m *Mail) SignInLink(u *models.User, secret, next string) (Email, error) {
	link := m.link("/login/link?token=" + secret)
	if next != "" {
		link += "&next=" + url.QueryEscape(next)
	}
	return m.build(u.Email, "sign_in_link", "", nil, &Link{Name: u.Name, Link: link})
}

// ChangeEmail asks the new address of an account to confirm it.
func (m *Mail) ChangeEmail(u *models.User, newAddress, secret string) (Email, error) {
	return m.build(newAddress, "change_email", "", nil,
		&Link{Name: u.Name, Link: m.link("/email/confirm?token=" + secret)})
}

// EmailChanged is the data of email_changed.
type EmailChanged struct {
	Base
	Name, NewEmail string
}

// EmailChangedNotice tells an account's old address that it moved to u.Email.
func (m *Mail) EmailChangedNotice(u *models.User, oldAddress string) (Email, error) {
	return m.build(oldAddress, "email_changed", "", nil, &EmailChanged{Name: u.Name, NewEmail: u.Email})
}

// LoginAttempts is the data of login_attempts.
type LoginAttempts struct {
	Base
	Name, Link        string
	Attempts, Minutes int
}

// LoginAttemptsNotice tells an account's owner its sign-in is throttled,
// at most once a day (the key holds the day of now).
func (m *Mail) LoginAttemptsNotice(u *models.User, now time.Time) (Email, error) {
	return m.build(u.Email, "login_attempts",
		fmt.Sprintf("login_attempts:%d:%s", u.ID, now.UTC().Format(time.DateOnly)), nil,
		&LoginAttempts{Name: u.Name, Attempts: models.AccountFailureLimit,
			Minutes: int(models.FailureWindow.Minutes()), Link: m.link("/login")})
}

// CompanyInvite is the data of company_invite.
type CompanyInvite struct {
	Base
	InviterName, CompanyName, Email, Link string
}

// CompanyInviteNotice invites inv's address to join a company.
func (m *Mail) CompanyInviteNotice(inv *models.Invite, inviter, company, secret string) (Email, error) {
	return m.build(inv.Email, "company_invite", fmt.Sprintf("company_invite:%d", inv.ID), nil,
		&CompanyInvite{InviterName: inviter, CompanyName: company, Email: inv.Email,
			Link: m.link("/invites/accept?token=" + secret)})
}

// DomainCheck is the data of domain_check.
type DomainCheck struct {
	Base
	CompanyName, Domain, RequesterName, Link string
}

// DomainCheckLink sends the link that proves an address on co's domain.
func (m *Mail) DomainCheckLink(to string, co *models.Company, requester, secret string) (Email, error) {
	return m.build(to, "domain_check", "", nil, &DomainCheck{CompanyName: co.Name, Domain: co.EmailDomain,
		RequesterName: requester, Link: m.link("/domain-check?token=" + url.QueryEscape(secret))})
}
