package models

import (
	"context"
	"database/sql"
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
	// NewGuest: the guest's cookie was issued by this request, so its id
	// has counted nothing yet and the meter goes straight to counting.
	NewGuest bool
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

// SpendView checks and counts one view of item (e.g. "cpt/99213"). Views are
// serialized per viewer (and per address for guests) by advisory locks, so
// concurrent requests can never grant more than the allowance. Re-opening an
// item already counted this period is free, and is answered by one read
// without a transaction: a counted view is never taken back within its
// period, so a view seen once stays seen. A new guest has nothing to
// re-open, and goes straight to the transaction, which reads the same.
//
// The transaction commits without waiting for its WAL to reach the disk
// (synchronous_commit off, for it alone): a crash of the database server
// can forget the views counted in its last fraction of a second (at most
// three times wal_writer_delay, 0.6 s by default), which gives those
// viewers a view again; it never lets a viewer past the allowance while the
// server runs, and the commit no longer waits for a disk flush, the larger
// part of a first view's cost.
func SpendView(ctx context.Context, db *bun.DB, v Viewer, kind, item string, now time.Time) (MeterDecision, error) {
	if v.Unlimited() {
		return MeterDecision{Allowed: true, Remaining: -1}, nil
	}
	d := MeterDecision{Limit: v.limit()}
	period := Period(now)
	if !v.NewGuest {
		st, err := meterStateOf(ctx, db.DB, v, period, kind, item)
		if err != nil || st.seen {
			d.Allowed, d.Remaining = err == nil, max(d.Limit-st.used(), 0)
			return d, err
		}
	}
	var err error
	if pool := pgxPoolOf(db); pool != nil {
		err = spendOverPgx(ctx, pool, v, period, kind, item, &d)
	} else {
		err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			q, args := lockStatement(v, true)
			if _, err := tx.Tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
			st, err := meterStateOf(ctx, tx.Tx, v, period, kind, item)
			if err != nil || !d.decide(v, st) {
				return err
			}
			_, err = tx.Tx.ExecContext(ctx, meterInsert, period, v.key(), v.guestIP(), kind, item)
			return err
		})
	}
	if err != nil { // nothing was counted
		d = MeterDecision{Limit: d.Limit}
	}
	return d, err
}

// meterInsert counts a view.
const meterInsert = `INSERT INTO meter_views (period, viewer, ip_hash, kind, item) VALUES ($1, $2, $3, $4, $5)`

// decide answers the view from what the meter knew under the viewer's
// locks; count says to insert it.
func (d *MeterDecision) decide(v Viewer, st meterState) (count bool) {
	used := st.used()
	switch {
	case st.seen:
		d.Allowed, d.Remaining = true, max(d.Limit-used, 0)
	case used >= d.Limit:
		d.Reason = ReasonGuestLimit
		if v.User != nil {
			d.Reason = ReasonFreeLimit
		}
	default:
		d.Allowed, d.Counted, d.Remaining = true, true, d.Limit-used-1
	}
	return d.Counted
}

// meterState is what the meter knows of a viewer and an item this period.
type meterState struct {
	seen        bool // the item was counted for this viewer (or a guest's address)
	byKey, byIP int  // views counted for the viewer, and for a guest's address
}

// used is the views spent: for a guest the larger of its cookie's and its
// address's, so both must have room.
func (s meterState) used() int { return max(s.byKey, s.byIP) }

// rowQuerier is database/sql's *sql.DB or *sql.Tx: the meter's statements
// pass their arguments as $n placeholders, so each is prepared once per
// connection rather than once per viewer and item.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// meterStateQuery asks each viewer form separately, so every part is one
// index lookup (migration 0041): its cost does not grow with how many views
// the item has. An account's address ($5) is NULL and matches nothing.
const meterStateQuery = `SELECT
	EXISTS (SELECT 1 FROM meter_views WHERE period = $1 AND viewer = $2 AND kind = $3 AND item = $4)
	OR EXISTS (SELECT 1 FROM meter_views WHERE period = $1 AND kind = $3 AND item = $4 AND ip_hash = $5),
	(SELECT count(*) FROM meter_views WHERE period = $1 AND viewer = $2),
	(SELECT count(*) FROM meter_views WHERE period = $1 AND ip_hash = $5)`

func meterStateOf(ctx context.Context, db rowQuerier, v Viewer, period time.Time, kind, item string) (meterState, error) {
	var s meterState
	err := db.QueryRowContext(ctx, meterStateQuery, period, v.key(), kind, item, v.guestIP()).
		Scan(&s.seen, &s.byKey, &s.byIP)
	return s, err
}

// guestIP is the address hash a guest's views are also counted under; nil
// (SQL NULL) for an account.
func (v Viewer) guestIP() []byte {
	if v.User != nil || len(v.IPHash) == 0 {
		return nil
	}
	return v.IPHash
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
// cookie's and its address's, so both must have room. Every page's header
// asks, so the statement is prepared once per connection ($n arguments).
// viewsUsedColumns are the two counts (by_key, by_ip) of a viewer's views this period, by
// key and by address, for placeholders of the period, the key and the
// address hash: a guest without a cookie has no key, and only the address
// is looked up.
func viewsUsedColumns(period, key, ip string) string {
	return "CASE WHEN " + key + " = '' THEN 0 ELSE (SELECT count(*) FROM meter_views WHERE period = " + period +
		" AND viewer = " + key + ") END AS by_key, (SELECT count(*) FROM meter_views WHERE period = " + period +
		" AND ip_hash = " + ip + ") AS by_ip"
}

// viewsUsedTexts are viewsUsed's statements for a guest without a key and
// with one: without, the key's count is a constant the planner drops (every
// node of a plan is set up at each run, used or not), as in GuestJobPage.
var viewsUsedTexts [2]onceText

// viewsUsedArgs are the placeholders' values of a statement whose meter
// counts come from viewsUsedColumns(period, viewsUsedKey(k, n), ip): the
// address, then the key when there is one (k 1, else 0).
func viewsUsedArgs(v Viewer) (k int, args []any) {
	if v.key() == "" {
		return 0, []any{v.guestIP()}
	}
	return 1, []any{v.guestIP(), v.key()}
}

// viewsUsedKey is the key's placeholder, $n, or the empty key for k 0.
func viewsUsedKey(k, n int) string {
	if k == 0 {
		return "''"
	}
	return "$" + strconv.Itoa(n)
}

func viewsUsed(ctx context.Context, db bun.IDB, v Viewer, period time.Time) (int, error) {
	k, args := viewsUsedArgs(v)
	args = append([]any{period}, args...)
	q := viewsUsedTexts[k].get(func() string { return "SELECT " + viewsUsedColumns("$1", viewsUsedKey(k, 3), "$2") })
	var s meterState
	var err error
	switch db := db.(type) {
	case *bun.DB:
		err = db.DB.QueryRowContext(ctx, q, args...).Scan(&s.byKey, &s.byIP)
	case bun.Tx:
		err = db.Tx.QueryRowContext(ctx, q, args...).Scan(&s.byKey, &s.byIP)
	default:
		err = db.NewRaw(`SELECT (SELECT count(*) FROM meter_views WHERE period = ? AND viewer = ?),
			(SELECT count(*) FROM meter_views WHERE period = ? AND ip_hash = ?)`,
			period, v.key(), period, v.guestIP()).Scan(ctx, &s.byKey, &s.byIP)
	}
	return s.used(), err
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

// lockViewer takes the viewer's lock, and for a guest the address's too
// (lockStatement).
func lockViewer(ctx context.Context, tx bun.Tx, v Viewer) error {
	q, args := lockStatement(v, false)
	_, err := tx.Tx.ExecContext(ctx, q, args...)
	return err
}

// The meter's lock statements: the viewer's key ($1), the guest's address
// ($2), and for a view the commit without waiting for the disk.
const (
	lockKeyText     = "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))"
	lockAddressText = ", pg_advisory_xact_lock(hashtextextended($2, 7))"
	noDiskWaitText  = ", set_config('synchronous_commit', 'off', true)"
)

// lockStatements are lockStatement's texts: [has an address][a view].
var lockStatements = [2][2]string{
	{lockKeyText, lockKeyText + noDiskWaitText},
	{lockKeyText + lockAddressText, lockKeyText + lockAddressText + noDiskWaitText},
}

// lockStatement takes the viewer's lock, and for a guest the address's too,
// always in that order so two requests never wait on each other in a cycle.
// For a view (spend), it also has the transaction commit without waiting
// for the disk (see SpendView).
func lockStatement(v Viewer, spend bool) (string, []any) {
	sp := 0
	if spend {
		sp = 1
	}
	if ip := v.guestIP(); ip != nil {
		return lockStatements[1][sp], []any{v.key(), "ip:" + hex.EncodeToString(ip)}
	}
	return lockStatements[0][sp], []any{v.key()}
}

func lockKey(ctx context.Context, tx bun.Tx, key string) error {
	_, err := tx.Tx.ExecContext(ctx, lockKeyText, key)
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
