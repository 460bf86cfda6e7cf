package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

func registered(t *testing.T, db bun.IDB, email string, verify bool) *models.User {
	t.Helper()
	ctx := context.Background()
	u, _, err := models.RegisterUser(ctx, db, models.Registration{Name: "Reg User", Email: email,
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	if verify {
		if err := models.MarkEmailVerified(ctx, db, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	u, err = models.UserByID(ctx, db, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSignInExternal(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	existing := registered(t, d.Bun, "kim@example.com", true)

	ext := func(sub, email string, verified bool) models.ExternalUser {
		return models.ExternalUser{Provider: "oidc", Subject: sub, Email: email, EmailVerified: verified, Name: "  Ext   Person "}
	}
	tests := []struct {
		name        string
		in          models.ExternalUser
		wantErr     error
		wantCreated bool
		wantUser    int64 // 0: a new account
	}{
		{"new verified address makes an account", ext("s-new", "New@Example.com", true), nil, true, 0},
		{"the same subject finds it again", ext("s-new", "new@example.com", true), nil, false, -1},
		{"unverified address never reaches an account", ext("s-2", "kim@example.com", false), models.ErrUnconfirmedEmail, false, 0},
		{"unverified address makes no account", ext("s-3", "nobody@example.com", false), models.ErrUnconfirmedEmail, false, 0},
		{"no address at all", ext("s-4", "", true), models.ErrUnconfirmedEmail, false, 0},
		{"verified address links the existing account", ext("s-5", "KIM@example.com", true), nil, false, existing.ID},
		{"and the link is used next time, whatever the address", ext("s-5", "elsewhere@example.com", false), nil, false, existing.ID},
	}
	var newID int64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, created, err := models.SignInExternal(ctx, d.Bun, tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if created != tt.wantCreated {
				t.Fatalf("created %v", created)
			}
			switch tt.wantUser {
			case 0:
				newID = u.ID
				if u.Email != "new@example.com" || !u.Verified() || u.HasPassword() || u.Name != "Ext Person" {
					t.Fatalf("new account: %+v", u)
				}
			case -1:
				if u.ID != newID {
					t.Fatalf("found account %d, want %d", u.ID, newID)
				}
			default:
				if u.ID != tt.wantUser {
					t.Fatalf("account %d, want %d", u.ID, tt.wantUser)
				}
			}
		})
	}
	if n, _ := d.Bun.NewSelect().Model((*models.User)(nil)).Count(ctx); n != 2 {
		t.Fatalf("%d accounts, want 2", n)
	}
	// The existing account keeps its password.
	if _, err := models.Authenticate(ctx, d.Bun, "kim@example.com", "long enough password"); err != nil {
		t.Fatalf("password after linking: %v", err)
	}
}

// An unverified account was registered by someone who may not own the
// address; when the owner arrives with a provider-verified address the
// account becomes theirs and the stranger's password stops working.
func TestSignInExternalTakesBackAnUnverifiedAccount(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	squatter := registered(t, d.Bun, "owner@example.com", false)
	u, created, err := models.SignInExternal(ctx, d.Bun, models.ExternalUser{Provider: "google", Subject: "g1",
		Email: "owner@example.com", EmailVerified: true, Name: "Owner"})
	if err != nil || created || u.ID != squatter.ID {
		t.Fatalf("sign-in: %v created=%v id=%d", err, created, u.ID)
	}
	if !u.Verified() || u.HasPassword() || u.SessionEpoch == squatter.SessionEpoch {
		t.Fatalf("account after take-back: verified=%v password=%v epoch=%d", u.Verified(), u.HasPassword(), u.SessionEpoch)
	}
	if _, err := models.Authenticate(ctx, d.Bun, "owner@example.com", "long enough password"); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("the stranger's password still works: %v", err)
	}
}

func TestProviderAccountsHaveNoUsablePassword(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u, _, err := models.SignInExternal(ctx, d.Bun, models.ExternalUser{Provider: "github", Subject: "7",
		Email: "nopw@example.com", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "nopw" {
		t.Fatalf("name from address: %q", u.Name)
	}
	// Not even the dummy hash's password, which an empty hash would accept.
	for _, pw := range []string{"", "not-a-real-password", u.PasswordHash, u.PasswordHash[1:]} {
		if _, err := models.Authenticate(ctx, d.Bun, "nopw@example.com", pw); !errors.Is(err, models.ErrBadCredentials) {
			t.Fatalf("password %q signs in: %v", pw, err)
		}
	}
}

func TestLinkAndUnlinkIdentities(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	withPassword := registered(t, d.Bun, "pw@example.com", true)
	other := registered(t, d.Bun, "other@example.com", true)
	gh := models.ExternalUser{Provider: "github", Subject: "1", Email: "x@example.com"}

	if err := models.LinkIdentity(ctx, d.Bun, withPassword, gh); err != nil {
		t.Fatal(err)
	}
	if err := models.LinkIdentity(ctx, d.Bun, withPassword, gh); err != nil {
		t.Fatalf("linking again: %v", err)
	}
	if err := models.LinkIdentity(ctx, d.Bun, other, gh); !errors.Is(err, models.ErrIdentityTaken) {
		t.Fatalf("another account's identity: %v", err)
	}
	ids, err := models.IdentitiesOf(ctx, d.Bun, withPassword.ID)
	if err != nil || len(ids) != 1 {
		t.Fatalf("identities: %v %v", ids, err)
	}
	if err := models.UnlinkIdentity(ctx, d.Bun, other, ids[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unlinking another's identity: %v", err)
	}
	// With a password the only identity may go.
	if err := models.UnlinkIdentity(ctx, d.Bun, withPassword, ids[0].ID); err != nil {
		t.Fatal(err)
	}

	// Without a password the last identity stays.
	u, _, err := models.SignInExternal(ctx, d.Bun, models.ExternalUser{Provider: "oidc", Subject: "a",
		Email: "only@example.com", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.LinkIdentity(ctx, d.Bun, u, models.ExternalUser{Provider: "google", Subject: "b"}); err != nil {
		t.Fatal(err)
	}
	ids, _ = models.IdentitiesOf(ctx, d.Bun, u.ID)
	if err := models.UnlinkIdentity(ctx, d.Bun, u, ids[0].ID); err != nil {
		t.Fatalf("unlinking one of two: %v", err)
	}
	if err := models.UnlinkIdentity(ctx, d.Bun, u, ids[1].ID); !errors.Is(err, models.ErrLastSignIn) {
		t.Fatalf("unlinking the last: %v", err)
	}
}

// Two callbacks of one new provider account at once make one account.
func TestSignInExternalConcurrently(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	var wg sync.WaitGroup
	ids := make([]int64, 8)
	errs := make([]error, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, _, err := models.SignInExternal(ctx, d.Bun, models.ExternalUser{Provider: "oidc", Subject: "same",
				Email: "race@example.com", EmailVerified: true})
			errs[i] = err
			if err == nil {
				ids[i] = u.ID
			}
		}()
	}
	wg.Wait()
	for i := range ids {
		if errs[i] != nil || ids[i] != ids[0] {
			t.Fatalf("sign-in %d: id %d err %v (first %d)", i, ids[i], errs[i], ids[0])
		}
	}
}

func TestChooseAccountType(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := registered(t, d.Bun, "choose@example.com", true)
	if _, ok := models.AsValidation(models.ChooseAccountType(ctx, d.Bun, u.ID, "admin")); !ok {
		t.Fatal("unknown account type accepted")
	}
	if err := models.ChooseAccountType(ctx, d.Bun, u.ID, models.AccountEmployer); err != nil {
		t.Fatal(err)
	}
	if u, _ := models.UserByID(ctx, d.Bun, u.ID); u.AccountType != models.AccountEmployer {
		t.Fatalf("account type %q", u.AccountType)
	}
}
