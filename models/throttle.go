package models

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Sign-in back-off: after AccountFailureLimit failures for one account, or
// AddressFailureLimit from one address, within FailureWindow, further attempts
// wait until the oldest counted failure leaves the window. The owner gets in
// again once it has passed; nothing is locked for good.
const (
	AccountFailureLimit = 10
	AddressFailureLimit = 50
	FailureWindow       = 15 * time.Minute
)

// HashIP keys an IP address with a secret so the raw address is never stored.
func HashIP(secret, ip string) []byte {
	return KeyedSum(secret, "ip:", ip)
}

// RecordLoginFailure counts one failed sign-in.
func RecordLoginFailure(ctx context.Context, db bun.IDB, email string, ipHash []byte) error {
	_, err := db.NewRaw(`INSERT INTO login_failures (email, ip_hash) VALUES (?, ?)`,
		NormalizeEmail(email), ipHash).Exec(ctx)
	return err
}

// LoginWait says how long sign-ins for email from ipHash must wait; zero when
// they may go ahead.
func LoginWait(ctx context.Context, db bun.IDB, email string, ipHash []byte) (time.Duration, error) {
	var waits []float64
	err := db.NewRaw(`
		SELECT greatest(extract(epoch FROM (t + ?::interval - now())), 0)::float8 FROM (
			(SELECT created_at AS t FROM login_failures
			 WHERE email = ? AND created_at > now() - ?::interval
			 ORDER BY created_at DESC OFFSET ? LIMIT 1)
			UNION ALL
			(SELECT created_at FROM login_failures
			 WHERE ip_hash = ? AND created_at > now() - ?::interval
			 ORDER BY created_at DESC OFFSET ? LIMIT 1)
		) oldest`,
		interval(FailureWindow), NormalizeEmail(email), interval(FailureWindow), AccountFailureLimit-1,
		ipHash, interval(FailureWindow), AddressFailureLimit-1).Scan(ctx, &waits)
	if err != nil {
		return 0, err
	}
	var longest float64
	for _, w := range waits {
		longest = max(longest, w)
	}
	return time.Duration(longest * float64(time.Second)).Round(time.Second), nil
}

// ClearLoginFailures forgets an account's failures after it signs in.
func ClearLoginFailures(ctx context.Context, db bun.IDB, email string) error {
	_, err := db.NewRaw(`DELETE FROM login_failures WHERE email = ?`, NormalizeEmail(email)).Exec(ctx)
	return err
}

// DeleteOldLoginFailures removes failures older than the window.
func DeleteOldLoginFailures(ctx context.Context, db bun.IDB) (int64, error) {
	res, err := db.NewRaw(`DELETE FROM login_failures WHERE created_at < now() - ?::interval`,
		interval(FailureWindow)).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func interval(d time.Duration) string { return fmt.Sprintf("%d seconds", int64(d.Seconds())) }
