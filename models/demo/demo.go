// Package demo holds the demo accounts, companies, jobs and sample codes of a
// development site. It writes through the models package; only the seed
// command (and a development server's first start) and tests import it.
package demo

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// Password is the password of every demo account (development only).
const Password = "careercenter-demo"

// Accounts are the addresses Seed creates.
var Accounts = []string{"coder@example.com", "employer@example.com", "admin@example.com"}

// Seed fills an empty database (no accounts yet) with demo data so a
// newcomer sees a living site, and reports whether it did. Later features add
// their own demo rows here.
func Seed(ctx context.Context, db *bun.DB) (bool, error) {
	seeded := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Serialize concurrent starts: both would see an empty table.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4242001)"); err != nil {
			return err
		}
		any, err := tx.NewSelect().Model((*models.User)(nil)).Exists(ctx)
		if err != nil || any {
			return err
		}
		for _, r := range []models.Registration{
			{Email: Accounts[0], Name: "Casey Coder", Password: Password, AccountType: models.AccountCoder},
			{Email: Accounts[1], Name: "Erin Employer", Password: Password, AccountType: models.AccountEmployer},
		} {
			u, _, err := models.RegisterUser(ctx, tx, r)
			if err != nil {
				return err
			}
			if err := models.MarkEmailVerified(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if _, err := models.CreateAdmin(ctx, tx, Accounts[2], "Avery Admin", Password); err != nil {
			return err
		}
		seeded = true
		return nil
	})
	if err != nil || !seeded {
		return seeded, err
	}
	if err := SeedSampleCodes(ctx, db); err != nil {
		return true, err
	}
	if err := SeedJobs(ctx, db, time.Now()); err != nil {
		return true, err
	}
	return true, seedDemoProfile(ctx, db)
}

// seedDemoProfile gives the demo coder a visible profile, so employers see
// someone in candidate search.
func seedDemoProfile(ctx context.Context, db *bun.DB) error {
	u, err := models.UserByEmail(ctx, db, Accounts[0])
	if err != nil {
		return err
	}
	_, err = models.SaveProfile(ctx, db, u.ID, models.ProfileInput{
		Headline: "CPC and CRC coder, 6 years in risk adjustment and pro-fee",
		Summary: "Remote coder in Ohio. Six years of HCC risk adjustment chart review and " +
			"physician E/M coding; comfortable in Epic and 3M 360.",
		Specialties: []string{"internal-medicine", "family-medicine"}, Settings: []string{"risk-adjustment", "pro-fee"},
		CodeSets: []string{"icd-10-cm", "cpt"}, Years: "6", City: "Columbus", State: "OH",
		RemotePreference: "remote", DesiredPay: "30", DesiredPayPeriod: "hour", Visibility: models.ProfileVisible,
		InvitesAllowed: true,
	})
	if err != nil {
		return err
	}
	for _, c := range []string{"CPC", "CRC"} {
		if _, err := models.AddCredential(ctx, db, u.ID, models.CredentialInput{Credential: c, Year: "2020"}, time.Now()); err != nil {
			return err
		}
	}
	return nil
}
