package models

import (
	"errors"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// freeMailDomains are mailbox providers and other shared domains anyone can
// get an address on: proving an address there proves nothing about a
// company. Add a provider when one shows up in reports.
var freeMailDomains = []string{
	"aim.com", "aol.com", "att.net", "bellsouth.net", "btinternet.com", "charter.net", "comcast.net",
	"cox.net", "duck.com", "earthlink.net", "fastmail.com", "gmail.com", "gmx.com", "gmx.de", "gmx.net",
	"googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "hushmail.com", "icloud.com",
	"inbox.com", "juno.com", "live.com", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com",
	"netzero.net", "optonline.net", "outlook.com", "pm.me", "proton.me", "protonmail.ch", "protonmail.com",
	"qq.com", "rocketmail.com", "sbcglobal.net", "skiff.com", "tuta.io", "tutanota.com", "verizon.net",
	"web.de", "yahoo.co.uk", "yahoo.com", "yandex.com", "yandex.ru", "ymail.com", "zoho.com", "zohomail.com",
}

// IsWebmailDomain reports a free mailbox provider's domain.
func IsWebmailDomain(domain string) bool {
	return slices.Contains(freeMailDomains, strings.ToLower(strings.TrimSpace(domain)))
}

// ErrDomainNotVerifiable refuses to verify a free-mail or public domain.
var ErrDomainNotVerifiable = errors.New("domain cannot be verified")

// UnverifiableDomainMessage is why a free-mail or public domain cannot be
// verified, as the company's owner reads it.
const UnverifiableDomainMessage = "Anyone can get an address on this domain, so it cannot show that you " +
	"represent the company. Use your company's own domain, like example-health.com."

// DomainVerifiable reports whether proving an address on domain can say
// something about a company: not a free mailbox provider (nor a subdomain
// of one), and not a public suffix (co.uk, github.io), under which anyone
// may register a name.
func DomainVerifiable(domain string) bool {
	domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	if domain == "" || !strings.Contains(domain, ".") {
		return false
	}
	if suffix, _ := publicsuffix.PublicSuffix(domain); suffix == domain {
		return false
	}
	registrable, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return false
	}
	return !IsWebmailDomain(registrable) && !IsWebmailDomain(domain)
}

// DomainVerified reports a company whose email domain was verified and can
// be: a verification recorded before a domain was known to be free mail
// counts for nothing.
func (c *Company) DomainVerified() bool {
	return !c.DomainVerifiedAt.IsZero() && DomainVerifiable(c.EmailDomain)
}

// CanVerifyDomain reports a company whose email domain could be verified.
func (c *Company) CanVerifyDomain() bool { return DomainVerifiable(c.EmailDomain) }
