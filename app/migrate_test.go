package app_test

import (
	"context"
	"testing"

	"careercenter/app"
	"careercenter/app/apptest"
)

func tableExists(t *testing.T, d *app.DB, name string) bool {
	t.Helper()
	var ok bool
	if err := d.Pool.QueryRow(context.Background(), `SELECT to_regclass($1) IS NOT NULL`, name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestMigrationsUpDownUp(t *testing.T) {
	ctx := context.Background()
	d := apptest.EmptyDB(t)
	applied, err := app.Migrate(ctx, d)
	if err != nil || len(applied) == 0 {
		t.Fatalf("up: %v %v", applied, err)
	}
	for _, table := range []string{"users", "user_tokens", "sessions", "dev_mails", "river_job"} {
		if !tableExists(t, d, table) {
			t.Fatalf("table %s missing after migrate", table)
		}
	}
	again, err := app.Migrate(ctx, d)
	if err != nil || len(again) != 0 {
		t.Fatalf("second migrate applied %v, %v", again, err)
	}
	rolled, err := app.MigrateDown(ctx, d)
	if err != nil || len(rolled) != len(applied) {
		t.Fatalf("down: %v %v", rolled, err)
	}
	if tableExists(t, d, "users") || tableExists(t, d, "dev_mails") {
		t.Fatal("tables left after rollback")
	}
	if _, err := app.Migrate(ctx, d); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if !tableExists(t, d, "users") {
		t.Fatal("users missing after migrating up again")
	}
}
