package models

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// Storage is a key-value store over one table, with the method set of
// fiber.Storage, so sessions and rate-limit counters live in PostgreSQL and
// every web process sees the same ones.
type Storage struct {
	db    bun.IDB
	table bun.Ident
	get   string // Get's statement, prepared once per connection
}

// Tables that hold a Storage.
const (
	SessionTable   = "sessions"
	RateLimitTable = "rate_limits"
)

// NewStorage returns a Storage over one of the tables above.
func NewStorage(db bun.IDB, table string) *Storage {
	// The table is one of the constants above: never a reader's input.
	return &Storage{db: db, table: bun.Ident(table),
		get: `SELECT data FROM ` + table + ` WHERE key = $1 AND (expires_at IS NULL OR expires_at > now())`}
}

// Get returns nil, nil when the key is missing or expired.
func (s *Storage) Get(key string) ([]byte, error) {
	var data []byte
	err := scanPreparedRow(context.Background(), s.db, &data, s.get, key)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return data, err
}

// Set stores val under key; exp 0 means no expiry.
func (s *Storage) Set(key string, val []byte, exp time.Duration) error {
	if key == "" || len(val) == 0 {
		return nil
	}
	var expires *time.Time
	if exp > 0 {
		t := time.Now().Add(exp)
		expires = &t
	}
	_, err := s.db.NewRaw(`INSERT INTO ? (key, data, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
		s.table, key, val, expires).Exec(context.Background())
	return err
}

// Delete removes key.
func (s *Storage) Delete(key string) error {
	if key == "" {
		return nil
	}
	_, err := s.db.NewRaw(`DELETE FROM ? WHERE key = ?`, s.table, key).Exec(context.Background())
	return err
}

// Reset removes every key.
func (s *Storage) Reset() error {
	_, err := s.db.NewRaw(`DELETE FROM ?`, s.table).Exec(context.Background())
	return err
}

// Close does nothing: the pool belongs to the process.
func (s *Storage) Close() error { return nil }

// DeleteExpired removes expired rows; a periodic job calls it.
func (s *Storage) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := s.db.NewRaw(`DELETE FROM ? WHERE expires_at < now()`, s.table).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
