package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

func TestBannedUserCannotAuthenticate(t *testing.T) {
	db := apptest.DB(t).Bun
	ctx := context.Background()
	k := postingKit{t: t, ctx: ctx, db: db}
	u, _ := k.employer("writer@example.com", "acme")
	admin, _ := k.employer("admin@example.com", "admin-co")
	if err := models.MarkEmailVerified(ctx, db, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := models.Authenticate(ctx, db, u.Email, "long enough password"); err != nil {
		t.Fatalf("before ban: %v", err)
	}
	now := time.Now()
	if _, err := models.BanUser(ctx, db, admin.ID, u.ID, "", now); err == nil {
		t.Fatal("ban without a reason")
	}
	if _, err := models.BanUser(ctx, db, u.ID, u.ID, "me", now); err == nil {
		t.Fatal("self ban")
	}
	if _, err := models.BanUser(ctx, db, admin.ID, u.ID, "spam", now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.Authenticate(ctx, db, u.Email, "long enough password"); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("banned: %v", err)
	}
	if _, err := models.UnbanUser(ctx, db, u.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.Authenticate(ctx, db, u.Email, "long enough password"); err != nil {
		t.Fatalf("after unban: %v", err)
	}
}

func TestBanDomainValidates(t *testing.T) {
	db := apptest.DB(t).Bun
	ctx := context.Background()
	cases := []struct {
		domain, reason string
		bad            []string
	}{
		{"", "", []string{"domain", "reason"}},
		{"nodot", "why", []string{"domain"}},
		{"a b.example", "why", []string{"domain"}},
		{"@Fine.Example ", "why", nil},
		{"fine.example", "again", []string{"domain"}},
	}
	for _, c := range cases {
		d, err := models.BanDomain(ctx, db, 0, c.domain, c.reason, time.Now())
		v, _ := models.AsValidation(err)
		for _, f := range c.bad {
			if v[f] == "" {
				t.Errorf("%q/%q: no %s error (%v)", c.domain, c.reason, f, err)
			}
		}
		if c.bad == nil && (err != nil || d != "fine.example") {
			t.Errorf("%q: %q %v", c.domain, d, err)
		}
	}
	if ok, _ := models.DomainBanned(ctx, db, "FINE.example"); !ok {
		t.Fatal("not banned")
	}
}
