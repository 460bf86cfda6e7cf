package models_test

import (
	"errors"
	"testing"
	"time"

	"careercenter/models"
)

func TestDomainVerifiable(t *testing.T) {
	for domain, want := range map[string]bool{
		"acme-health.com": true, "hr.acme-health.org": true, "stmarys.nhs.uk": true,
		"gmail.com": false, "GMail.com ": false, "outlook.com": false, "yahoo.com": false,
		"proton.me": false, "icloud.com": false, "mail.gmail.com": false, "hotmail.co.uk": false,
		// Public suffixes: anyone may register a name under them.
		"com": false, "co.uk": false, "github.io": false, "blogspot.com": false, "": false, "localhost": false,
	} {
		if got := models.DomainVerifiable(domain); got != want {
			t.Errorf("DomainVerifiable(%q) = %v, want %v", domain, got, want)
		}
	}
}

func TestFreeMailDomainsCannotBeVerified(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	k.set(`UPDATE companies SET email_domain = 'gmail.com' WHERE id = ?`, k.company)
	co, err := models.CompanyByID(k.ctx, k.db, k.company)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, "hr", now)
	if v, ok := models.AsValidation(err); !ok || v["local"] != models.UnverifiableDomainMessage {
		t.Fatalf("link to gmail.com: %v", err)
	}
	if _, err := models.VerifyCompanyDomain(k.ctx, k.db, co.ID, now); !errors.Is(err, models.ErrDomainNotVerifiable) {
		t.Fatalf("admin verification of gmail.com: %v", err)
	}
	// A link sent while the domain was a company's own, confirmed after the
	// domain changed to free mail, verifies nothing either.
	k.set(`UPDATE companies SET email_domain = 'acme-health.com' WHERE id = ?`, k.company)
	co.EmailDomain = "acme-health.com"
	_, secret, err := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, "hr", now)
	if err != nil {
		t.Fatal(err)
	}
	k.set(`UPDATE domain_checks SET domain = 'yahoo.com'`)
	k.set(`UPDATE companies SET email_domain = 'yahoo.com' WHERE id = ?`, k.company)
	if _, err := models.ConfirmDomainCheck(k.ctx, k.db, secret, now); !errors.Is(err, models.ErrDomainNotVerifiable) {
		t.Fatalf("confirm for yahoo.com: %v", err)
	}
	// A verification stored before the list knew a domain counts for nothing.
	k.set(`UPDATE companies SET domain_verified_at = now() WHERE id = ?`, k.company)
	if co, _ = models.CompanyByID(k.ctx, k.db, k.company); co.DomainVerified() {
		t.Fatal("yahoo.com counts as verified")
	}
	k.set(`UPDATE companies SET email_domain = 'acme-health.com' WHERE id = ?`, k.company)
	if co, _ = models.CompanyByID(k.ctx, k.db, k.company); !co.DomainVerified() {
		t.Fatal("acme-health.com does not count as verified")
	}
}
