package models_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// TestSearchCodesOnEveryHandle runs the search, whose queries go through the
// driver with placeholders, on each kind of Bun handle a model function may
// be given: the database, a transaction and a single connection.
func TestSearchCodesOnEveryHandle(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		t.Fatal(err)
	}
	search := func(t *testing.T, db bun.IDB) {
		t.Helper()
		for _, q := range []models.CodeQuery{{Text: "2069"}, {Text: "fixaton strut"}, {Text: "diabetes", System: "icd-10-cm"}} {
			hits, err := models.SearchCodes(ctx, db, q)
			if err != nil || len(hits) == 0 {
				t.Fatalf("%q: %d hits, %v", q.Text, len(hits), err)
			}
		}
	}
	t.Run("database", func(t *testing.T) { search(t, d.Bun) })
	t.Run("transaction", func(t *testing.T) {
		if err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			search(t, tx)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("connection", func(t *testing.T) {
		conn, err := d.Bun.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		search(t, conn)
	})
}
