package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// DemoPassword is the password of every demo account (development only).
const DemoPassword = "careercenter-demo"

// DemoAccounts are the addresses SeedDemo creates.
var DemoAccounts = []string{"coder@example.com", "employer@example.com", "admin@example.com"}

// SeedDemo fills an empty database (no accounts yet) with demo data so a
// newcomer sees a living site, and reports whether it did. Later features add
// their own demo rows here.
func SeedDemo(ctx context.Context, db *bun.DB) (bool, error) {
	seeded := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Serialize concurrent starts: both would see an empty table.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4242001)"); err != nil {
			return err
		}
		any, err := tx.NewSelect().Model((*User)(nil)).Exists(ctx)
		if err != nil || any {
			return err
		}
		hash, err := hashPassword(DemoPassword)
		if err != nil {
			return err
		}
		users := []*User{
			{Email: DemoAccounts[0], Name: "Casey Coder", AccountType: AccountCoder},
			{Email: DemoAccounts[1], Name: "Erin Employer", AccountType: AccountEmployer},
			{Email: DemoAccounts[2], Name: "Avery Admin", AccountType: AccountEmployer, IsAdmin: true},
		}
		for _, u := range users {
			u.PasswordHash, u.Plan = hash, PlanFree
			if _, err := tx.NewInsert().Model(u).
				ExcludeColumn("id", "created_at", "updated_at", "session_epoch").
				Value("email_verified_at", "now()").Exec(ctx); err != nil {
				return err
			}
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
	if err := SeedDemoJobs(ctx, db, time.Now()); err != nil {
		return true, err
	}
	return true, seedDemoProfile(ctx, db)
}

// seedDemoProfile gives the demo coder a visible profile, so employers see
// someone in candidate search.
func seedDemoProfile(ctx context.Context, db *bun.DB) error {
	u, err := UserByEmail(ctx, db, DemoAccounts[0])
	if err != nil {
		return err
	}
	_, err = SaveProfile(ctx, db, u.ID, ProfileInput{
		Headline: "CPC and CRC coder, 6 years in risk adjustment and pro-fee",
		Summary: "Remote coder in Ohio. Six years of HCC risk adjustment chart review and " +
			"physician E/M coding; comfortable in Epic and 3M 360.",
		Specialties: []string{"internal-medicine", "family-medicine"}, Settings: []string{"risk-adjustment", "pro-fee"},
		CodeSets: []string{"icd-10-cm", "cpt"}, Years: "6", City: "Columbus", State: "OH",
		RemotePreference: "remote", DesiredPay: "30", DesiredPayPeriod: "hour", Visibility: ProfileVisible,
		InvitesAllowed: true,
	})
	if err != nil {
		return err
	}
	for _, c := range []string{"CPC", "CRC"} {
		if _, err := AddCredential(ctx, db, u.ID, CredentialInput{Credential: c, Year: "2020"}, time.Now()); err != nil {
			return err
		}
	}
	return nil
}
