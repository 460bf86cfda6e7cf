package models

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
)

// scanPrepared runs query, written with $1, $2… placeholders, through the
// driver with its arguments kept apart, and scans the rows into dest the way
// Bun does. Bun writes arguments into the SQL text, so each call is a new
// statement that PostgreSQL parses and plans again; pgx prepares a
// placeholder query once per connection. Hot queries use this.
func scanPrepared(ctx context.Context, db bun.IDB, dest any, query string, args ...any) error {
	rows, err := queryPrepared(ctx, db, query, args...)
	if err != nil {
		return err
	}
	return db.NewSelect().DB().ScanRows(ctx, rows, dest)
}

// scanPreparedRow is scanPrepared for a statement of at most one row:
// ErrNotFound when there is none.
func scanPreparedRow(ctx context.Context, db bun.IDB, dest any, query string, args ...any) error {
	rows, err := queryPrepared(ctx, db, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNotFound
	}
	if err := db.NewSelect().DB().ScanRow(ctx, rows, dest); err != nil {
		return err
	}
	return rows.Close()
}

func queryPrepared(ctx context.Context, db bun.IDB, query string, args ...any) (*sql.Rows, error) {
	switch d := db.(type) {
	case *bun.DB:
		return d.DB.QueryContext(ctx, query, args...)
	case bun.Tx:
		return d.Tx.QueryContext(ctx, query, args...)
	case *bun.Tx:
		return d.Tx.QueryContext(ctx, query, args...)
	case bun.Conn:
		return d.Conn.QueryContext(ctx, query, args...)
	}
	return nil, fmt.Errorf("scanPrepared: unsupported database handle %T", db)
}

// SQLTx is the database/sql transaction db is, or nil when db is not a
// transaction: River's ...Tx calls take it, to insert jobs that run only if
// the caller's change commits.
func SQLTx(db bun.IDB) *sql.Tx {
	switch tx := db.(type) {
	case bun.Tx:
		return tx.Tx
	case *bun.Tx:
		return tx.Tx
	}
	return nil
}

// execPrepared is scanPrepared for a statement that returns no rows.
func execPrepared(ctx context.Context, db bun.IDB, query string, args ...any) error {
	var err error
	switch d := db.(type) {
	case *bun.DB:
		_, err = d.DB.ExecContext(ctx, query, args...)
	case bun.Tx:
		_, err = d.Tx.ExecContext(ctx, query, args...)
	case *bun.Tx:
		_, err = d.Tx.ExecContext(ctx, query, args...)
	case bun.Conn:
		_, err = d.Conn.ExecContext(ctx, query, args...)
	default:
		err = fmt.Errorf("execPrepared: unsupported database handle %T", db)
	}
	return err
}

// onceText is a statement's text, built once (with Bun, leaving $n
// placeholders alone) and then run with scanPrepared.
type onceText struct {
	once sync.Once
	text string
}

func (o *onceText) get(build func() string) string {
	o.once.Do(func() { o.text = build() })
	return o.text
}

// ReadsOverPgx reports whether db's hottest reads go over its pgx pool
// itself (queryNative, UsePgxPool) rather than through database/sql.
func ReadsOverPgx(ctx context.Context, db bun.IDB) (bool, error) {
	return queryNative(ctx, db, "SELECT 1", nil, func(pgx.Rows) error { return nil })
}

// pgxPools are the pgx pools under Bun handles (UsePgxPool).
var pgxPools sync.Map // *bun.DB → *pgxpool.Pool

// UsePgxPool has the hottest reads on db (queryNative) take their
// connection from pool, the pgx pool db's database/sql handle draws from,
// without database/sql in between: its driver value for every column and
// the conversion back, its connection wrapper and bookkeeping (together a
// third of what a guest's job page allocated). A nil pool forgets db's.
func UsePgxPool(db *bun.DB, pool *pgxpool.Pool) {
	if pool == nil {
		pgxPools.Delete(db)
		return
	}
	pgxPools.Store(db, pool)
}

// pgxPoolOf is db's pgx pool (UsePgxPool), or nil: none registered, or db
// is a transaction.
func pgxPoolOf(db bun.IDB) *pgxpool.Pool {
	d, isDB := db.(*bun.DB)
	if !isDB {
		return nil
	}
	pool, found := pgxPools.Load(d)
	if !found {
		return nil
	}
	return pool.(*pgxpool.Pool)
}

// queryNative runs query ($n placeholders) on db's pgx pool (UsePgxPool)
// and hands its rows to scan; ok is false (nothing run) when db has none,
// a transaction among them: the caller reads through database/sql then.
func queryNative(ctx context.Context, db bun.IDB, query string, args []any, scan func(pgx.Rows) error) (ok bool, err error) {
	pool := pgxPoolOf(db)
	if pool == nil {
		return false, nil
	}
	rows, err := pool.Query(ctx, query, args...)
	if err != nil {
		return true, err
	}
	defer rows.Close()
	if err := scan(rows); err != nil {
		return true, err
	}
	rows.Close()
	return true, rows.Err()
}
