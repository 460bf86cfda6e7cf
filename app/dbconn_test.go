package app_test

import (
	"context"
	"testing"

	"careercenter/app/apptest"
	"careercenter/models"
)

// Bun's statements (arguments written into the text) run without being
// prepared, so a connection holds no statement per id or timestamp; a
// statement with $1 is prepared once and reused.
func TestBunStatementsAreNotPreparedOneByOne(t *testing.T) {
	d := apptest.DB(t)
	ctx := context.Background()
	conn, err := d.Bun.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	prepared := func() int {
		var n int
		if err := conn.NewRaw(`SELECT count(*) FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%'`).
			Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := prepared()
	for i := range 50 {
		var got int
		if err := conn.NewRaw(`SELECT ?::int + 1`, i).Scan(ctx, &got); err != nil || got != i+1 {
			t.Fatalf("%d + 1 = %d, %v", i, got, err)
		}
		var at string
		if err := conn.NewSelect().ColumnExpr("array[?, 'b']::text[]::text", i).Scan(ctx, &at); err != nil {
			t.Fatal(err)
		}
	}
	if n := prepared() - before; n != 0 {
		t.Fatalf("%d statements prepared for 100 interpolated queries, want 0", n)
	}
	for i := range 20 {
		var got int
		if err := conn.Conn.QueryRowContext(ctx, `SELECT $1::int * 2`, i).Scan(&got); err != nil || got != 2*i {
			t.Fatalf("%d * 2 = %d, %v", i, got, err)
		}
	}
	if n := prepared() - before; n != 1 {
		t.Fatalf("%d statements prepared for one $1 statement run 20 times, want 1", n)
	}
}

// A guest's job page is read on the app's pgx pool itself
// (models.queryNative), and through database/sql in a transaction or on a
// handle whose pool is not registered.
func TestHotReadsGoOverPgx(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if native, err := models.ReadsOverPgx(ctx, d.Bun); err != nil || !native {
		t.Fatalf("reads over pgx: %v (err %v), want true", native, err)
	}
	models.UsePgxPool(d.Bun, nil)
	if native, err := models.ReadsOverPgx(ctx, d.Bun); err != nil || native {
		t.Fatalf("without the pool: %v (err %v), want false", native, err)
	}
	models.UsePgxPool(d.Bun, d.Pool)
	tx, err := d.Bun.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	if native, err := models.ReadsOverPgx(ctx, tx); err != nil || native {
		t.Fatalf("in a transaction: %v (err %v), want false", native, err)
	}
}
