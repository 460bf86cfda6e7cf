package models_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

var (
	nov = time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC)
	dec = time.Date(2026, 12, 1, 0, 0, 1, 0, time.UTC)
)

func spend(t *testing.T, d *app.DB, v models.Viewer, item string, now time.Time) models.MeterDecision {
	t.Helper()
	dec, err := models.SpendView(context.Background(), d.Bun, v, models.KindCode, item, now)
	if err != nil {
		t.Fatal(err)
	}
	return dec
}

func TestMeterAllowances(t *testing.T) {
	d := apptest.DB(t)
	ctx := context.Background()
	ip := models.HashIP("secret", "203.0.113.1")
	guest := models.Viewer{GuestID: "guest-a", IPHash: ip}

	if got := spend(t, d, guest, "cpt/99213", nov); !got.Allowed || !got.Counted || got.Remaining != 0 {
		t.Fatalf("first guest view: %+v", got)
	}
	if got := spend(t, d, guest, "cpt/99213", nov); !got.Allowed || got.Counted {
		t.Fatalf("re-view should be free: %+v", got)
	}
	if got := spend(t, d, guest, "cpt/99214", nov); got.Allowed || got.Reason != models.ReasonGuestLimit {
		t.Fatalf("second guest page: %+v", got)
	}
	// Clearing cookies: a new guest id on the same address gets nothing new.
	if got := spend(t, d, models.Viewer{GuestID: "guest-b", IPHash: ip}, "cpt/99215", nov); got.Allowed {
		t.Fatalf("cleared cookie got a view: %+v", got)
	}
	// A forged or unknown cookie is a new guest id too; the address still rules.
	if got := spend(t, d, models.Viewer{GuestID: "forged", IPHash: ip}, "icd-10-cm/E11.9", nov); got.Allowed {
		t.Fatalf("forged cookie got a view: %+v", got)
	}
	// Same cookie from another address: the cookie has no room either.
	if got := spend(t, d, models.Viewer{GuestID: "guest-a", IPHash: models.HashIP("secret", "198.51.100.9")}, "cpt/99215", nov); got.Allowed {
		t.Fatalf("cookie moved address and got a view: %+v", got)
	}

	// The guest registers: its view carries over, five more remain.
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "M", Email: "m@example.com",
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.CarryOverGuestViews(ctx, d.Bun, "guest-a", u.ID, nov); err != nil {
		t.Fatal(err)
	}
	user := models.Viewer{User: u, IPHash: ip}
	if n, _ := models.RemainingViews(ctx, d.Bun, user, nov); n != 5 {
		t.Fatalf("remaining after sign-up: %d", n)
	}
	if got := spend(t, d, user, "cpt/99213", nov); !got.Allowed || got.Counted {
		t.Fatalf("page seen as guest should be free: %+v", got)
	}
	for i, item := range []string{"a", "b", "c", "d", "e"} {
		if got := spend(t, d, user, item, nov); !got.Allowed || got.Remaining != 4-i {
			t.Fatalf("free view %d: %+v", i, got)
		}
	}
	if got := spend(t, d, user, "f", nov); got.Allowed || got.Reason != models.ReasonFreeLimit {
		t.Fatalf("seventh page: %+v", got)
	}

	// A new month starts a new meter.
	if got := spend(t, d, user, "f", dec); !got.Allowed || got.Remaining != 5 {
		t.Fatalf("next period: %+v", got)
	}
	if got := spend(t, d, models.Viewer{GuestID: "guest-b", IPHash: ip}, "x", dec); !got.Allowed {
		t.Fatalf("guest in the next period: %+v", got)
	}

	// Pro and admins are unlimited.
	if err := models.SetPlan(ctx, d.Bun, "m@example.com", models.PlanPro); err != nil {
		t.Fatal(err)
	}
	u, _ = models.UserByID(ctx, d.Bun, u.ID)
	for i := 0; i < 10; i++ {
		if got := spend(t, d, models.Viewer{User: u}, "pro"+string(rune('a'+i)), nov); !got.Allowed || got.Remaining != -1 {
			t.Fatalf("pro view %d: %+v", i, got)
		}
	}
	admin := &models.User{ID: 999, IsAdmin: true, Plan: models.PlanFree}
	if got := spend(t, d, models.Viewer{User: admin}, "z", nov); !got.Allowed || got.Remaining != -1 {
		t.Fatalf("admin: %+v", got)
	}
}

// 200 concurrent requests for different pages by one viewer: exactly the
// allowance is granted.
func TestMeterNeverOvershootsUnderConcurrency(t *testing.T) {
	d := apptest.DB(t)
	// Over the pgx pool (the app's handle) and over database/sql (a handle
	// without one), each with its own account and addresses.
	for n, path := range []string{"pgx pool", "database/sql"} {
		u, _, err := models.RegisterUser(context.Background(), d.Bun, models.Registration{Name: "C",
			Email: fmt.Sprintf("c%d@example.com", n), Password: "long enough password", AccountType: models.AccountCoder})
		if err != nil {
			t.Fatal(err)
		}
		ip := models.HashIP("secret", fmt.Sprintf("192.0.2.%d", 50+n))
		ip2 := models.HashIP("secret", fmt.Sprintf("192.0.2.%d", 60+n))
		for _, tc := range []struct {
			name  string
			views func(i int) models.Viewer
			want  int64
		}{
			{"account", func(int) models.Viewer { return models.Viewer{User: u} }, models.FreeAllowance},
			{"guests sharing an address", func(i int) models.Viewer {
				return models.Viewer{GuestID: fmt.Sprintf("g%d-%d", n, i%20), IPHash: ip}
			}, models.GuestAllowance},
			{"new guests sharing an address", func(i int) models.Viewer {
				return models.Viewer{GuestID: fmt.Sprintf("new%d-%d", n, i), IPHash: ip2, NewGuest: true}
			}, models.GuestAllowance},
		} {
			t.Run(tc.name+" over "+path, func(t *testing.T) {
				if path == "database/sql" {
					models.UsePgxPool(d.Bun, nil)
					defer models.UsePgxPool(d.Bun, d.Pool)
				}
				var granted atomic.Int64
				var wg sync.WaitGroup
				for i := 0; i < 200; i++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						got, err := models.SpendView(context.Background(), d.Bun, tc.views(i), models.KindCode,
							"item-"+string(rune('A'+i%50))+string(rune('a'+i/50)), nov)
						if err != nil {
							t.Error(err)
							return
						}
						if got.Counted {
							granted.Add(1)
						}
					}()
				}
				wg.Wait()
				if granted.Load() != tc.want {
					t.Fatalf("granted %d views, want %d", granted.Load(), tc.want)
				}
			})
		}
	}
	// The views' transactions skipped the wait for the disk; no connection
	// kept that setting.
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var setting string
			if err := d.Bun.NewRaw("SHOW synchronous_commit").Scan(context.Background(), &setting); err != nil || setting != "on" {
				t.Errorf("synchronous_commit %q after the views (%v)", setting, err)
			}
		}()
	}
	wg.Wait()
}

// A new guest (its cookie issued by this request) skips the read before the
// transaction; the transaction still sees what its address has counted.
func TestMeterNewGuestSeesItsAddress(t *testing.T) {
	d := apptest.DB(t)
	ip := models.HashIP("secret", "192.0.2.60")
	if got := spend(t, d, models.Viewer{GuestID: "first", IPHash: ip, NewGuest: true}, "cpt/99213", nov); !got.Counted {
		t.Fatalf("a new guest's first view: %+v", got)
	}
	again := models.Viewer{GuestID: "second", IPHash: ip, NewGuest: true}
	if got := spend(t, d, again, "cpt/99213", nov); !got.Allowed || got.Counted || got.Remaining != 0 {
		t.Fatalf("the address's page again, from a new cookie: %+v", got)
	}
	if got := spend(t, d, again, "cpt/99214", nov); got.Allowed || got.Reason != models.ReasonGuestLimit {
		t.Fatalf("another page from the address: %+v", got)
	}
}

// A view the database could not count is not allowed, over the pool or
// over database/sql, and leaves nothing counted.
func TestMeterRefusesAViewItCouldNotCount(t *testing.T) {
	d := apptest.DB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range []string{"pgx pool", "database/sql"} {
		if path == "database/sql" {
			models.UsePgxPool(d.Bun, nil)
			defer models.UsePgxPool(d.Bun, d.Pool)
		}
		v := models.Viewer{GuestID: "gone-" + path, IPHash: models.HashIP("secret", "192.0.2.70"), NewGuest: true}
		got, err := models.SpendView(ctx, d.Bun, v, models.KindCode, "cpt/99213", nov)
		if err == nil || got.Allowed || got.Counted {
			t.Errorf("%s: %+v (err %v), want refused with an error", path, got, err)
		}
	}
	var n int
	if err := d.Bun.NewRaw(`SELECT count(*) FROM meter_views`).Scan(context.Background(), &n); err != nil || n != 0 {
		t.Fatalf("%d views counted (err %v)", n, err)
	}
}
