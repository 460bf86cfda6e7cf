package models_test

import (
	"context"
	"encoding/json"
	"testing"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

// A page with a million views this month costs the meter what a page with
// one view costs: the check reads a few index pages, never the page's views.
// Measured in buffers touched (EXPLAIN ANALYZE), which a busy machine does
// not blur the way it blurs milliseconds.
func TestSpendViewCostIsFlatAtAMillionViewsOfOnePage(t *testing.T) {
	d := apptest.DB(t)
	ctx := context.Background()
	const popular, quiet = "icd-10-cm/E11.9", "icd-10-cm/E11.8"
	period := models.Period(nov)
	// Filled with the indexes set aside and rebuilt from their own
	// definitions: a million inserts into three live indexes take minutes.
	var defs []string
	if err := d.Bun.NewRaw(`SELECT indexdef FROM pg_indexes WHERE tablename = 'meter_views'
			AND indexname NOT IN (SELECT conname FROM pg_constraint)
		UNION ALL
		SELECT 'ALTER TABLE meter_views ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE conrelid = 'meter_views'::regclass AND contype = 'u'`).Scan(ctx, &defs); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.ExecContext(ctx, `DO $$ DECLARE i text; BEGIN
		FOR i IN SELECT indexname FROM pg_indexes WHERE tablename = 'meter_views'
			AND indexname NOT IN (SELECT conname FROM pg_constraint) LOOP
			EXECUTE 'DROP INDEX ' || quote_ident(i);
		END LOOP;
		FOR i IN SELECT conname FROM pg_constraint WHERE conrelid = 'meter_views'::regclass AND contype = 'u' LOOP
			EXECUTE 'ALTER TABLE meter_views DROP CONSTRAINT ' || quote_ident(i);
		END LOOP; END $$`); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.ExecContext(ctx, `INSERT INTO meter_views (period, viewer, ip_hash, kind, item)
		SELECT ?, 'g:bulk-' || i, decode(md5(i::text), 'hex'), 'code', ? FROM generate_series(1, 1000000) i`,
		period, popular); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.ExecContext(ctx, `INSERT INTO meter_views (period, viewer, ip_hash, kind, item)
		VALUES (?, 'g:one', decode(md5('one'), 'hex'), 'code', ?)`, period, quiet); err != nil {
		t.Fatal(err)
	}
	for _, def := range defs {
		if _, err := d.Bun.ExecContext(ctx, def); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Bun.ExecContext(ctx, `ANALYZE meter_views`); err != nil {
		t.Fatal(err)
	}

	newGuest := models.Viewer{GuestID: "newcomer", IPHash: models.HashIP("secret", "203.0.113.77")}
	bulkGuest := models.Viewer{GuestID: "bulk-123456", IPHash: []byte("another address")}
	member := models.Viewer{User: &models.User{ID: 42, Plan: models.PlanFree}}
	for _, v := range []models.Viewer{newGuest, bulkGuest, member} {
		busy, calm := meterBuffers(t, d, v, popular), meterBuffers(t, d, v, quiet)
		t.Logf("%s: %d buffers on the popular page, %d on a quiet one", v.GuestID, busy, calm)
		if busy > 40 || busy > calm+8 {
			t.Errorf("viewer %+v: the check touched %d buffers on the popular page, %d on a quiet one", v, busy, calm)
		}
	}

	// And the answers stay right on the popular page.
	if got := spend(t, d, newGuest, popular, nov); !got.Allowed || !got.Counted {
		t.Fatalf("a new guest's first view: %+v", got)
	}
	if got := spend(t, d, newGuest, popular, nov); !got.Allowed || got.Counted {
		t.Fatalf("its re-view: %+v", got)
	}
	if got := spend(t, d, bulkGuest, popular, nov); !got.Allowed || got.Counted {
		t.Fatalf("a guest who counted the page already: %+v", got)
	}
	if got := spend(t, d, bulkGuest, quiet, nov); got.Allowed {
		t.Fatalf("that guest's second page: %+v", got)
	}
}

// meterBuffers is how many shared buffers the meter's check of item by v
// touches.
func meterBuffers(t *testing.T, d *app.DB, v models.Viewer, item string) int {
	t.Helper()
	var ip []byte
	if v.User == nil {
		ip = v.IPHash
	}
	key := "g:" + v.GuestID
	if v.User != nil {
		key = "u:42"
	}
	var out string
	err := d.SQL.QueryRowContext(context.Background(), "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+models.MeterStateQuery,
		models.Period(nov), key, models.KindCode, item, ip).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(out), &plans); err != nil {
		t.Fatal(err)
	}
	return plans[0].Plan.buffers()
}

type planNode struct {
	Hit   int        `json:"Shared Hit Blocks"`
	Read  int        `json:"Shared Read Blocks"`
	Plans []planNode `json:"Plans"`
}

// buffers adds up a plan's nodes. A node's figures include its children's,
// so only the largest of a node and the sum of its children counts.
func (p planNode) buffers() int {
	kids := 0
	for _, c := range p.Plans {
		kids += c.buffers()
	}
	return max(p.Hit+p.Read, kids)
}
