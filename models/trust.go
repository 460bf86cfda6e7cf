package models

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Trust flags set on a job at submission; a flagged job always goes to review.
const (
	FlagNearDuplicate = "near_duplicate"
	FlagWebmail       = "webmail_domain"
)

// PostingsPerDay is how many jobs one company may submit in 24 hours.
const PostingsPerDay = 5

// PostingLimitMessage is what an employer over the limit reads.
const PostingLimitMessage = "Your company has submitted 5 jobs in the last 24 hours, the most we accept in a day. Submit this one tomorrow, or write to us if you need more."

// ErrPostingLimit refuses a submission over PostingsPerDay.
var ErrPostingLimit = errors.New("company posting limit reached")

// CheckJobTrust runs the checks of a submission inside its transaction: it
// refuses a company over its daily limit (ErrPostingLimit), and sets and
// saves j.Flags for a webmail domain and for a near-duplicate of another
// company's recent job or of any rejected job.
func CheckJobTrust(ctx context.Context, tx bun.IDB, j *Job, now time.Time) error {
	n, err := tx.NewSelect().Model((*Job)(nil)).
		Where("company_id = ? AND id <> ? AND submitted_at > ?", j.CompanyID, j.ID, now.Add(-24*time.Hour)).Count(ctx)
	if err != nil {
		return err
	}
	if n >= PostingsPerDay {
		return ErrPostingLimit
	}
	co, err := CompanyByID(ctx, tx, j.CompanyID)
	if err != nil {
		return err
	}
	flags := []string{}
	_, applyDomain, _ := strings.Cut(j.ApplyEmail, "@")
	if IsWebmailDomain(co.EmailDomain) || IsWebmailDomain(applyDomain) {
		flags = append(flags, FlagWebmail)
	}
	dup, err := nearDuplicateExists(ctx, tx, j, co.Name, now)
	if err != nil {
		return err
	}
	if dup {
		flags = append(flags, FlagNearDuplicate)
	}
	j.Flags = flags
	_, err = tx.NewRaw(`UPDATE jobs SET flags = ? WHERE id = ?`, pgdialect.Array(flags), j.ID).Exec(ctx)
	return err
}

// DomainCheckLifetime is how long a domain verification link works.
const DomainCheckLifetime = 48 * time.Hour

// domainChecksPerDay limits verification emails per company.
const domainChecksPerDay = 5

var localPartRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$`)

// RequestDomainCheck records a verification link for local@the company's
// email domain and returns the address and the secret only the email carries.
func RequestDomainCheck(ctx context.Context, db bun.IDB, co *Company, userID int64, local string, now time.Time) (string, string, error) {
	local = strings.ToLower(strings.TrimSpace(local))
	switch {
	case co.EmailDomain == "":
		return "", "", ValidationErrors{"local": "Add your company's email domain first (Edit company), then verify it."}
	case !DomainVerifiable(co.EmailDomain):
		return "", "", ValidationErrors{"local": UnverifiableDomainMessage}
	case !localPartRE.MatchString(local) || strings.Contains(local, ".."):
		return "", "", ValidationErrors{"local": "Enter the part before the @, like hr or jobs."}
	}
	n, err := db.NewSelect().Table("domain_checks").
		Where("company_id = ? AND created_at > ?", co.ID, now.Add(-24*time.Hour)).Count(ctx)
	if err != nil {
		return "", "", err
	}
	if n >= domainChecksPerDay {
		return "", "", ValidationErrors{"local": "We already sent several links today. Use one of them, or try again tomorrow."}
	}
	secret, err := newSecret()
	if err != nil {
		return "", "", err
	}
	email := local + "@" + co.EmailDomain
	_, err = db.NewRaw(`INSERT INTO domain_checks (company_id, email, domain, token_hash, requested_by, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, co.ID, email, co.EmailDomain, tokenHash(secret), userID,
		now.Add(DomainCheckLifetime), now).Exec(ctx)
	return email, secret, err
}

// ConfirmDomainCheck uses a verification link once and marks the company's
// domain verified, unless the domain changed since the link was sent.
// A used, expired or unknown link is ErrNotFound.
func ConfirmDomainCheck(ctx context.Context, db bun.IDB, secret string, now time.Time) (*Company, error) {
	var co *Company
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var check struct {
			CompanyID int64  `bun:"company_id"`
			Domain    string `bun:"domain"`
		}
		err := tx.NewRaw(`UPDATE domain_checks SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
			RETURNING company_id, domain`, now, tokenHash(secret), now).Scan(ctx, &check)
		if err = notFound(err); err != nil {
			return err
		}
		if !DomainVerifiable(check.Domain) {
			return ErrDomainNotVerifiable
		}
		co = new(Company)
		err = tx.NewRaw(`UPDATE companies SET domain_verified_at = ? WHERE id = ? AND email_domain = ? RETURNING *`,
			now, check.CompanyID, check.Domain).Scan(ctx, co)
		return notFound(err)
	})
	return co, err
}
