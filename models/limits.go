package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// Window is one bound of a limit: at most Max actions within Per.
type Window struct {
	Max int
	Per time.Duration
}

// Limit bounds how often one account (or one company) may do something, so a
// script cannot flood the site (two employers once made 1,458 drafts in 14
// seconds). Counts live in PostgreSQL, shared by every process.
type Limit struct {
	Action  string
	What    string // plural, for the message: "job drafts"
	Windows []Window
}

// The site's limits. Generous for people, tight for scripts.
var (
	LimitDrafts        = Limit{"draft", "job drafts", []Window{{30, time.Hour}, {100, 24 * time.Hour}}}
	LimitCompanies     = Limit{"company", "companies", []Window{{3, time.Hour}, {5, 24 * time.Hour}}}
	LimitApplications  = Limit{"application", "applications", []Window{{20, time.Hour}, {50, 24 * time.Hour}}}
	LimitReports       = Limit{"report", "reports", []Window{{10, time.Hour}, {30, 24 * time.Hour}}}
	LimitSavedSearches = Limit{"saved_search", "saved searches", []Window{{10, time.Hour}, {30, 24 * time.Hour}}}
	LimitSignInLinks   = Limit{"sign_in_link", "sign-in links", []Window{{3, time.Hour}, {10, 24 * time.Hour}}}
)

// LimitError says a limit was reached and when there will be room again. Its
// message is written for the user.
type LimitError struct {
	Limit  Limit
	Window Window
	Wait   time.Duration
}

func (e *LimitError) Error() string {
	per := "an hour"
	if e.Window.Per >= 24*time.Hour {
		per = "a day"
	}
	return fmt.Sprintf("You have reached the limit of %d %s %s. You can add more in %s.",
		e.Window.Max, e.Limit.What, per, waitText(e.Wait))
}

// AsLimit reports whether err is a reached limit.
func AsLimit(err error) (*LimitError, bool) {
	var le *LimitError
	ok := errors.As(err, &le)
	return le, ok
}

func waitText(d time.Duration) string {
	switch m := int(d.Round(time.Minute).Minutes()); {
	case m <= 1:
		return "a minute"
	case m < 120:
		return strconv.Itoa(m) + " minutes"
	default:
		return strconv.Itoa((m+59)/60) + " hours"
	}
}

// WithinAccountLimit runs do in a transaction when subject (an account id, or
// a company id for a per-company limit) has room under l, and counts the
// action when do succeeds; otherwise it returns a *LimitError and runs
// nothing. A failed do (a form with errors, say) is not counted. Concurrent
// calls for one subject and action take turns, so the limit is never
// overshot, across processes too.
func WithinAccountLimit(ctx context.Context, db bun.IDB, subject int64, l Limit, now time.Time,
	do func(ctx context.Context, tx bun.Tx) error) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		key := "limit:" + l.Action + ":" + strconv.FormatInt(subject, 10)
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", key); err != nil {
			return err
		}
		if err := checkLimit(ctx, tx, subject, l, now); err != nil {
			return err
		}
		if err := do(ctx, tx); err != nil {
			return err
		}
		_, err := tx.NewRaw(`INSERT INTO limit_events (action, subject, at) VALUES (?, ?, ?)`,
			l.Action, subject, now).Exec(ctx)
		return err
	})
}

// CheckAccountLimit reports a *LimitError when subject has no room under l
// now, without counting anything (a form can say so before it is filled).
func CheckAccountLimit(ctx context.Context, db bun.IDB, subject int64, l Limit, now time.Time) error {
	return checkLimit(ctx, db, subject, l, now)
}

func checkLimit(ctx context.Context, db bun.IDB, subject int64, l Limit, now time.Time) error {
	for _, w := range l.Windows {
		// The action whose age frees a slot: the Max-th newest in the window.
		var at []time.Time
		err := db.NewRaw(`SELECT at FROM limit_events WHERE action = ? AND subject = ? AND at > ?
			ORDER BY at DESC OFFSET ? LIMIT 1`, l.Action, subject, now.Add(-w.Per), w.Max-1).Scan(ctx, &at)
		if err != nil {
			return err
		}
		if len(at) == 1 {
			return &LimitError{Limit: l, Window: w, Wait: at[0].Add(w.Per).Sub(now)}
		}
	}
	return nil
}

// DeleteOldLimitEvents forgets actions older than the longest window.
func DeleteOldLimitEvents(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewRaw(`DELETE FROM limit_events WHERE at < now() - interval '2 days'`).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
