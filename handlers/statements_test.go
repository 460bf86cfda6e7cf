package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"careercenter/app"
	"careercenter/app/apptest"
)

// statementLog records every statement the app sends (Bun's, the driver's
// $n statements, BEGIN and COMMIT), so a test can count a request's round
// trips.
type statementLog struct {
	mu   sync.Mutex
	sqls []string
}

func (l *statementLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	l.sqls = append(l.sqls, strings.Join(strings.Fields(d.SQL), " "))
	l.mu.Unlock()
	return ctx
}

func (l *statementLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// take returns the statements logged since the last take.
func (l *statementLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.sqls
	l.sqls = nil
	return out
}

// newCountedSite is newSite over a pool that logs every statement.
func newCountedSite(t testing.TB) (*site, *statementLog) {
	t.Helper()
	d := apptest.DB(t)
	cfg, err := pgxpool.ParseConfig(apptest.URL(d))
	if err != nil {
		t.Fatal(err)
	}
	log := &statementLog{}
	cfg.ConnConfig.Tracer = log
	cfg.MaxConns = 10
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	counted := &app.DB{Pool: pool, SQL: sqlDB, Bun: bun.NewDB(sqlDB, pgdialect.New())}
	t.Cleanup(func() { _ = counted.Bun.Close(); pool.Close() })
	conf, err := app.LoadConfig(func(k string) string {
		return map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test", "PORT": "3000",
			"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "JOB_VIEW_FLUSH": "0"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	web, err := app.New(conf, counted, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, web: web, db: counted}, log
}
