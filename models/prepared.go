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

// pgxConnOf is the pgx connection under a database/sql driver connection:
// pgx's stdlib.Conn, or a wrapper of it that gives it as PgxConn (the
// app's); nil for another driver.
func pgxConnOf(dc any) *pgx.Conn {
	switch c := dc.(type) {
	case interface{ PgxConn() *pgx.Conn }:
		return c.PgxConn()
	case interface{ Conn() *pgx.Conn }:
		return c.Conn()
	}
	return nil
}

// ReadsOverPgx reports whether db's hottest reads go over pgx itself
// (queryNative) rather than through database/sql, and whether they go to
// its pgx pool directly (UsePgxPool).
func ReadsOverPgx(ctx context.Context, db bun.IDB) (native, direct bool, err error) {
	native, err = queryNative(ctx, db, "SELECT 1", nil, func(pgx.Rows) error { return nil })
	if d, ok := db.(*bun.DB); ok {
		_, direct = pgxPools.Load(d)
	}
	return native, direct, err
}

// pgxPools are the pgx pools under Bun handles (UsePgxPool).
var pgxPools sync.Map // *bun.DB → *pgxpool.Pool

// UsePgxPool has the hottest reads on db (queryNative) take their
// connection from pool, the pgx pool db's database/sql handle draws from,
// without database/sql in between (its connection wrapper and bookkeeping
// were a sixth of what a guest's job page allocated). A nil pool forgets
// db's.
func UsePgxPool(db *bun.DB, pool *pgxpool.Pool) {
	if pool == nil {
		pgxPools.Delete(db)
		return
	}
	pgxPools.Store(db, pool)
}

// queryNative runs query ($n placeholders) over pgx and hands its rows to
// scan, when db is a *bun.DB over pgx: on its pgx pool (UsePgxPool), else
// on the pgx connection under a database/sql connection. ok is false
// (nothing run) otherwise. It skips database/sql's per-column conversion of
// every value to a driver.Value and back, for the hottest reads.
func queryNative(ctx context.Context, db bun.IDB, query string, args []any, scan func(pgx.Rows) error) (ok bool, err error) {
	d, isDB := db.(*bun.DB)
	if !isDB {
		return false, nil
	}
	if pool, ok := pgxPools.Load(d); ok {
		rows, err := pool.(*pgxpool.Pool).Query(ctx, query, args...)
		if err != nil {
			return true, err
		}
		return true, scanNative(rows, scan)
	}
	conn, err := d.DB.Conn(ctx)
	if err != nil {
		return true, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := pgxConnOf(dc)
		if pc == nil {
			return nil
		}
		ok = true
		rows, err := pc.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		return scanNative(rows, scan)
	})
	return ok, err
}

// scanNative hands rows to scan and closes them.
func scanNative(rows pgx.Rows, scan func(pgx.Rows) error) error {
	defer rows.Close()
	if err := scan(rows); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}
