// Package apptest gives tests a fresh, migrated PostgreSQL database of their own.
package apptest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"careercenter/app"
)

// ServerURL is the PostgreSQL server tests create their databases on.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// DB returns a new database migrated to the latest schema, dropped when the
// test ends. Databases are cloned from a template migrated once per package.
func DB(t testing.TB) *app.DB {
	t.Helper()
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(context.Background()) })
	if templateErr != nil {
		t.Fatalf("test database template: %v", templateErr)
	}
	return create(t, "TEMPLATE "+templateName)
}

// EmptyDB returns a new database with no schema at all, for migration tests.
func EmptyDB(t testing.TB) *app.DB {
	t.Helper()
	return create(t, "")
}

func create(t testing.TB, options string) *app.DB {
	t.Helper()
	ctx := context.Background()
	name := "cc_test_" + randomHex()
	if err := admin(ctx, `CREATE DATABASE `+name+` `+options); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	d, err := app.OpenDB(ctx, withDatabase(name), 10)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		d.Close()
		_ = admin(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	return d
}

// URL returns the connection URL of the database d was opened on.
func URL(d *app.DB) string {
	return withDatabase(d.Pool.Config().ConnConfig.Database)
}

func makeTemplate(ctx context.Context) (string, error) {
	name := "cc_tmpl_" + randomHex()
	if err := admin(ctx, `CREATE DATABASE `+name); err != nil {
		return "", err
	}
	d, err := app.OpenDB(ctx, withDatabase(name), 4)
	if err != nil {
		return "", err
	}
	_, err = app.Migrate(ctx, d)
	d.Close()
	if err != nil {
		return "", err
	}
	// Template databases are left for the next run's cleanup: a test binary has
	// no hook after its last test. Drop the older ones now.
	dropStaleTemplates(ctx, name)
	return name, nil
}

func dropStaleTemplates(ctx context.Context, keep string) {
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database
		WHERE datname LIKE 'cc_tmpl_%' AND datname <> $1
		AND (pg_stat_file('base/'||oid||'/PG_VERSION')).modification < now() - interval '1 hour'`, keep)
	if err != nil {
		return
	}
	names, _ := pgx.CollectRows(rows, pgx.RowTo[string])
	for _, n := range names {
		_, _ = conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{n}.Sanitize()+` WITH (FORCE)`)
	}
}

func admin(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

func withDatabase(name string) string {
	u, err := url.Parse(ServerURL())
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
