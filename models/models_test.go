package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

func TestStorage(t *testing.T) {
	d := apptest.DB(t)
	s := models.NewStorage(d.Bun, models.SessionTable)
	if v, err := s.Get("missing"); v != nil || err != nil {
		t.Fatalf("missing key: %v %v", v, err)
	}
	if err := s.Set("k", []byte("v1"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("k", []byte("v2"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get("k"); string(v) != "v2" {
		t.Fatalf("got %q", v)
	}
	if err := s.Set("old", []byte("x"), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if v, err := s.Get("old"); v != nil || err != nil {
		t.Fatalf("expired key: %q %v", v, err)
	}
	if n, err := s.DeleteExpired(context.Background()); n != 1 || err != nil {
		t.Fatalf("DeleteExpired: %d %v", n, err)
	}
	if err := s.Delete("k"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get("k"); v != nil {
		t.Fatal("deleted key still there")
	}
}

func TestTokensAreSingleUseAndExpire(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "T", Email: "t@example.com",
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := models.IssueUserToken(ctx, d.Bun, u.ID, models.PurposeResetPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.UseUserToken(ctx, d.Bun, models.PurposeVerifyEmail, secret); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("token used for another purpose: %v", err)
	}
	if _, err := models.UseUserToken(ctx, d.Bun, models.PurposeResetPassword, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := models.UseUserToken(ctx, d.Bun, models.PurposeResetPassword, secret); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second use: %v", err)
	}
	expired, _, _ := models.IssueUserToken(ctx, d.Bun, u.ID, models.PurposeVerifyEmail, "")
	if _, err := d.Bun.NewRaw(`UPDATE user_tokens SET expires_at = now() - interval '1 second'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := models.VerifyEmail(ctx, d.Bun, expired); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("expired token: %v", err)
	}
}

func TestPasswordHashIsArgon2idWithTheRequiredCost(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "H", Email: "h@example.com",
		Password: "long enough password", AccountType: models.AccountEmployer})
	if err != nil {
		t.Fatal(err)
	}
	const want = "$argon2id$v=19$m=19456,t=2,p=1$"
	if len(u.PasswordHash) < len(want) || u.PasswordHash[:len(want)] != want {
		t.Fatalf("hash %q", u.PasswordHash)
	}
}

func TestCreateAdminAndSeed(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	seeded, err := demo.Seed(ctx, d.Bun)
	if err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	if again, _ := demo.Seed(ctx, d.Bun); again {
		t.Fatal("seeded a database that has accounts")
	}
	created, err := models.CreateAdmin(ctx, d.Bun, "Boss@Example.com", "Boss", "admin password 1")
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	if _, err := models.Authenticate(ctx, d.Bun, "boss@example.com", "admin password 1"); err != nil {
		t.Fatalf("admin cannot log in: %v", err)
	}
	created, err = models.CreateAdmin(ctx, d.Bun, demo.Accounts[0], "", "promoted password")
	if err != nil || created {
		t.Fatalf("promote: %v %v", created, err)
	}
	u, _ := models.UserByEmail(ctx, d.Bun, demo.Accounts[0])
	if !u.IsAdmin {
		t.Fatal("not promoted")
	}
	if _, err := models.CreateAdmin(ctx, d.Bun, "x@example.com", "", "short"); err == nil {
		t.Fatal("short admin password accepted")
	}
}
