package app

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// DB is the one connection pool of a process, seen both as pgx (River's
// workers) and as Bun over database/sql (models, River inserts in transactions).
type DB struct {
	Pool *pgxpool.Pool
	SQL  *sql.DB
	Bun  *bun.DB
}

// OpenDB connects to url with at most maxConns connections and checks that the
// database answers.
func OpenDB(ctx context.Context, url string, maxConns int32) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	cfg.MaxConns = maxConns
	cfg.MaxConnIdleTime = 5 * time.Minute
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
	// As stdlib.OpenDBFromPool, with one round trip for Bun's statements.
	sqldb := sql.OpenDB(oneTripConnector{stdlib.GetPoolConnector(pool)})
	sqldb.SetMaxIdleConns(0) // the pgx pool keeps the idle connections
	return &DB{Pool: pool, SQL: sqldb, Bun: bun.NewDB(sqldb, pgdialect.New())}, nil
}

// Close releases the pool.
func (d *DB) Close() {
	_ = d.Bun.Close()
	d.Pool.Close()
}
