package app

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"careercenter/models"
)

// DB is the one connection pool of a process, seen both as pgx (River's
// workers) and as Bun over database/sql (models, River inserts in transactions).
type DB struct {
	Pool *pgxpool.Pool
	SQL  *sql.DB
	Bun  *bun.DB

	// Pooled is set when Pool goes through a pooler in transaction mode:
	// River's workers then use Direct for LISTEN/NOTIFY, or poll without it.
	Pooled bool
	Direct *pgxpool.Pool // nil unless DATABASE_DIRECT_URL is set
}

// OpenDB connects to url with at most maxConns connections and checks that the
// database answers.
func OpenDB(ctx context.Context, url string, maxConns int32) (*DB, error) {
	return openDB(ctx, url, "", maxConns, false)
}

// openDB opens the process's pool. pooled switches pgx to a mode that keeps
// no prepared statement beyond one round trip, as a pooler in transaction
// mode needs (a statement prepared on one server connection is unknown on the
// next). Advisory locks in models are transaction-scoped, so they never
// outlive a pooled transaction either. direct, when set, is the server
// itself, for River's LISTEN/NOTIFY.
func openDB(ctx context.Context, url, direct string, maxConns int32, pooled bool) (*DB, error) {
	pool, err := openPool(ctx, url, maxConns, pooled)
	if err != nil {
		return nil, err
	}
	d := &DB{Pool: pool, Pooled: pooled}
	if direct != "" {
		if d.Direct, err = openPool(ctx, direct, 4, false); err != nil {
			pool.Close()
			return nil, fmt.Errorf("direct database: %w", err)
		}
	}
	// As stdlib.OpenDBFromPool, with one round trip for Bun's statements.
	d.SQL = sql.OpenDB(oneTripConnector{stdlib.GetPoolConnector(pool)})
	d.SQL.SetMaxIdleConns(0) // the pgx pool keeps the idle connections
	d.Bun = bun.NewDB(d.SQL, pgdialect.New())
	models.UsePgxPool(d.Bun, pool)
	return d, nil
}

func openPool(ctx context.Context, url string, maxConns int32, pooled bool) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	cfg.MaxConns = maxConns
	cfg.MaxConnIdleTime = 5 * time.Minute
	if pooled {
		cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec
		cfg.ConnConfig.StatementCacheCapacity = 0
		cfg.ConnConfig.DescriptionCacheCapacity = 0
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	return pool, nil
}

// workerPool is the pool River's workers use, and whether it can LISTEN.
func (d *DB) workerPool() (*pgxpool.Pool, bool) {
	if d.Direct != nil {
		return d.Direct, true
	}
	return d.Pool, !d.Pooled
}

// Close releases the pools.
func (d *DB) Close() {
	models.UsePgxPool(d.Bun, nil)
	_ = d.Bun.Close()
	d.Pool.Close()
	if d.Direct != nil {
		d.Direct.Close()
	}
}
