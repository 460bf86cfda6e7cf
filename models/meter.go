package models

import (
	"context"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// The shared page-view quota. A guest may open GuestAllowance metered pages a
// month; a free account FreeAllowance in all (the guest's one plus five more);
// Pro accounts and admins are never stopped.
const (
	GuestAllowance = 1
	FreeAllowance  = 6

	KindCode      = "code"
	KindCandidate = "candidate"

	PlanFree = "free"
	PlanPro  = "pro"

	ReasonGuestLimit = "guest_limit"
	ReasonFreeLimit  = "free_limit"
)

// Viewer is who opens a metered page: an account, or a guest known by a
// signed cookie id and a keyed hash of the client address.
type Viewer struct {
	User    *User
	GuestID string
	IPHash  []byte
}

// Unlimited reports viewers the meter never stops.
func (v Viewer) Unlimited() bool {
	return v.User != nil && (v.User.IsAdmin || v.User.Plan == PlanPro)
}

func (v Viewer) limit() int {
	if v.User != nil {
		return FreeAllowance
	}
	return GuestAllowance
}

func (v Viewer) key() string {
	if v.User != nil {
		return userKey(v.User.ID)
	}
	if v.GuestID == "" {
		return ""
	}
	return "g:" + v.GuestID
}

func userKey(id int64) string { return "u:" + strconv.FormatInt(id, 10) }

// MeterDecision answers one metered page view.
type MeterDecision struct {
	Allowed   bool
	Counted   bool   // this view used one of the allowance
	Remaining int    // views left after this one; -1 when unlimited
	Limit     int    // the viewer's allowance; 0 when unlimited
	Reason    string // why not: ReasonGuestLimit or ReasonFreeLimit
}

// Period is the metering period containing now: its calendar month in UTC.
func Period(now time.Time) time.Time {
	y, m, _ := now.UTC().Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

// SpendView checks and counts one view of item (e.g. "cpt/99213") in one
// transaction. Views are serialized per viewer (and per address for guests)
// by advisory locks, so concurrent requests can never grant more than the
// allowance. Re-opening an item already counted this period is free.
func SpendView(ctx context.Context, db *bun.DB, v Viewer, kind, item string, now time.Time) (MeterDecision, error) {
	if v.Unlimited() {
		return MeterDecision{Allowed: true, Remaining: -1}, nil
	}
	d := MeterDecision{Limit: v.limit()}
	period := Period(now)
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockViewer(ctx, tx, v); err != nil {
			return err
		}
		seen, err := tx.NewSelect().Table("meter_views").
			Where("period = ? AND kind = ? AND item = ?", period, kind, item).
			WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
				q = q.Where("viewer = ?", v.key())
				if v.User == nil && len(v.IPHash) > 0 {
					q = q.WhereOr("ip_hash = ?", v.IPHash)
				}
				return q
			}).Exists(ctx)
		if err != nil {
			return err
		}
		used, err := viewsUsed(ctx, tx, v, period)
		if err != nil {
			return err
		}
		if seen {
			d.Allowed, d.Remaining = true, max(d.Limit-used, 0)
			return nil
		}
		if used >= d.Limit {
			d.Reason = ReasonGuestLimit
			if v.User != nil {
				d.Reason = ReasonFreeLimit
			}
			return nil
		}
		var ip []byte
		if v.User == nil {
			ip = v.IPHash
		}
		_, err = tx.NewRaw(`INSERT INTO meter_views (period, viewer, ip_hash, kind, item) VALUES (?, ?, ?, ?, ?)`,
			period, v.key(), ip, kind, item).Exec(ctx)
		d.Allowed, d.Counted, d.Remaining = true, true, d.Limit-used-1
		return err
	})
	return d, err
}

// RemainingViews is what the header shows: views left this period, or -1
// when the viewer is unlimited.
func RemainingViews(ctx context.Context, db bun.IDB, v Viewer, now time.Time) (int, error) {
	if v.Unlimited() {
		return -1, nil
	}
	used, err := viewsUsed(ctx, db, v, Period(now))
	return max(v.limit()-used, 0), err
}

// viewsUsed counts an account's views, or for a guest the larger of its
// cookie's and its address's, so both must have room.
func viewsUsed(ctx context.Context, db bun.IDB, v Viewer, period time.Time) (int, error) {
	var byKey, byIP int
	err := db.NewRaw(`SELECT
			count(*) FILTER (WHERE viewer = ?),
			count(*) FILTER (WHERE ? AND ip_hash = ?)
		FROM meter_views WHERE period = ? AND (viewer = ? OR (? AND ip_hash = ?))`,
		v.key(), v.User == nil, v.IPHash, period, v.key(), v.User == nil, v.IPHash).
		Scan(ctx, &byKey, &byIP)
	return max(byKey, byIP), err
}

// CarryOverGuestViews moves a guest's views of this period to the account
// they registered or signed in to, so signing up gives five more views, not
// six. Views of items the account already counted are dropped.
func CarryOverGuestViews(ctx context.Context, db *bun.DB, guestID string, userID int64, now time.Time) error {
	if guestID == "" {
		return nil
	}
	period := Period(now)
	guest, user := "g:"+guestID, userKey(userID)
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockViewer(ctx, tx, Viewer{GuestID: guestID}); err != nil {
			return err
		}
		if err := lockKey(ctx, tx, user); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM meter_views g USING meter_views u
			WHERE g.period = ? AND g.viewer = ? AND u.period = g.period AND u.viewer = ?
			AND u.kind = g.kind AND u.item = g.item`, period, guest, user).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewRaw(`UPDATE meter_views SET viewer = ? WHERE period = ? AND viewer = ?`,
			user, period, guest).Exec(ctx)
		return err
	})
}

// lockViewer takes the viewer's lock, and for a guest the address's too,
// always in that order so two requests never wait on each other in a cycle.
func lockViewer(ctx context.Context, tx bun.Tx, v Viewer) error {
	if err := lockKey(ctx, tx, v.key()); err != nil {
		return err
	}
	if v.User == nil && len(v.IPHash) > 0 {
		return lockKey(ctx, tx, "ip:"+hex.EncodeToString(v.IPHash))
	}
	return nil
}

func lockKey(ctx context.Context, tx bun.Tx, key string) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", key)
	return err
}

// SetPlan changes an account's plan (free or pro).
func SetPlan(ctx context.Context, db bun.IDB, email, plan string) error {
	if plan != PlanFree && plan != PlanPro {
		return ValidationErrors{"plan": "Choose free or pro."}
	}
	res, err := db.NewUpdate().Model((*User)(nil)).Set("plan = ?", plan).Set("updated_at = now()").
		Where("email = ?", NormalizeEmail(email)).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
