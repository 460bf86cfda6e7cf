package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"careercenter/app/apptest"
	"careercenter/models"
)

func TestAlertInputValidate(t *testing.T) {
	tests := []struct {
		name      string
		in        models.AlertInput
		guest     bool
		wantQuery string
		wantErrs  []string
	}{
		{"canonical order, unknown values dropped", models.AlertInput{Name: " Remote ", Frequency: "daily",
			Query: "work_mode=remote&credential=cpc&bogus=1&cursor=abc"}, false, "credential=CPC&work_mode=remote", nil},
		{"every live job", models.AlertInput{Name: "All", Frequency: "weekly"}, false, "", nil},
		{"missing name and frequency", models.AlertInput{Frequency: "hourly"}, false, "", []string{"name", "frequency"}},
		{"guest needs an email", models.AlertInput{Name: "x", Frequency: "instant", Email: "nope"}, true, "", []string{"email"}},
		{"email ignored when signed in", models.AlertInput{Name: "x", Frequency: "instant", Email: "nope"}, false, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			errs := in.Validate(tt.guest)
			if len(errs) != len(tt.wantErrs) {
				t.Fatalf("errors %v, want %v", errs, tt.wantErrs)
			}
			for _, f := range tt.wantErrs {
				if errs[f] == "" {
					t.Errorf("no message for %s", f)
				}
			}
			if len(errs) == 0 && in.Query != tt.wantQuery {
				t.Errorf("query %q, want %q", in.Query, tt.wantQuery)
			}
		})
	}
}

func TestGuestAlertConfirmsOnce(t *testing.T) {
	ctx, db := context.Background(), apptest.DB(t).Bun
	now := time.Now()
	in := models.AlertInput{Name: "Remote", Frequency: "daily", Email: "Ada@Example.com", Query: "work_mode=remote"}
	s, secret, err := models.SubscribeGuest(ctx, db, in, now)
	if err != nil || secret == "" || s.Confirmed() {
		t.Fatalf("subscribe: %v %q %+v", err, secret, s)
	}
	later := now.Add(time.Hour)
	got, err := models.ConfirmAlert(ctx, db, secret, later)
	if err != nil || !got.Confirmed() || !got.LastDigestAt.Equal(got.ConfirmedAt) || got.ID != s.ID {
		t.Fatalf("confirm: %v %+v", err, got)
	}
	if _, err := models.ConfirmAlert(ctx, db, secret, later); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second confirm: %v", err)
	}
	// Already confirmed: no new link, no new row.
	if _, secret, err := models.SubscribeGuest(ctx, db, in, later); err != nil || secret != "" {
		t.Fatalf("again: %v %q", err, secret)
	}
	// An old link expires.
	in.Frequency = "weekly"
	_, old, _ := models.SubscribeGuest(ctx, db, in, now)
	if _, err := models.ConfirmAlert(ctx, db, old, now.Add(15*24*time.Hour)); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("expired link: %v", err)
	}
	var n int
	db.NewRaw(`SELECT count(*) FROM saved_searches`).Scan(ctx, &n)
	if n != 2 {
		t.Fatalf("%d rows", n)
	}
}

// A guest's confirmed alerts join the account verified later with that address.
func TestGuestAlertsJoinTheVerifiedAccount(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if _, err := d.Bun.NewRaw(`INSERT INTO saved_searches (email, name, query, frequency, confirmed_at)
		VALUES ('later@example.com', 'Remote CPC', 'credential=CPC', 'daily', now())`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "L", Email: "later@example.com",
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := models.IssueUserToken(ctx, d.Bun, u.ID, models.PurposeVerifyEmail, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.VerifyEmail(ctx, d.Bun, secret); err != nil {
		t.Fatal(err)
	}
	alerts, err := models.AlertsForUser(ctx, d.Bun, u.ID)
	if err != nil || len(alerts) != 1 {
		t.Fatalf("alerts: %d %v", len(alerts), err)
	}
}
