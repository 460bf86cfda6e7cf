package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

func TestAuditLogFiltersNewestFirstAndRollsBackWithItsAction(t *testing.T) {
	db := apptest.DB(t).Bun
	ctx := context.Background()
	k := postingKit{t: t, ctx: ctx, db: db}
	a, _ := k.employer("a@example.com", "a-co")
	b, _ := k.employer("b@example.com", "b-co")
	for _, e := range []struct {
		actor  int64
		action string
	}{{a.ID, "user.ban"}, {b.ID, "user.ban"}, {a.ID, "job.remove"}} {
		if err := models.Audit(ctx, db, e.actor, e.action, "user", 7, "why"); err != nil {
			t.Fatal(err)
		}
	}
	boom := errors.New("boom")
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := models.Audit(ctx, tx, a.ID, "domain.ban", "domain", "x.example", "r"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	cases := []struct {
		f    models.AuditFilter
		want []string
	}{
		{models.AuditFilter{}, []string{"job.remove", "user.ban", "user.ban"}},
		{models.AuditFilter{Action: "user.ban"}, []string{"user.ban", "user.ban"}},
		{models.AuditFilter{Actor: "A@EXAMPLE"}, []string{"job.remove", "user.ban"}},
		{models.AuditFilter{Action: "user.ban", Actor: "b@"}, []string{"user.ban"}},
	}
	for _, c := range cases {
		es, err := models.AuditLog(ctx, db, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Action)
			if e.TargetID != "7" || e.ActorEmail == "" {
				t.Errorf("entry %+v", e)
			}
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%+v: %v, want %v", c.f, got, c.want)
		}
	}
	es, _ := models.AuditLog(ctx, db, models.AuditFilter{})
	older, _ := models.AuditLog(ctx, db, models.AuditFilter{Before: es[0].ID})
	if len(older) != 2 {
		t.Fatalf("page after newest: %d", len(older))
	}
}
