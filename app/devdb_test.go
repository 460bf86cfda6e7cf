package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
)

// adminConn connects to the PostgreSQL on 127.0.0.1:5432, which CI provides.
func adminConn(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := connectAdmin(context.Background(), 5432)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL on 127.0.0.1:5432: %v", err)
		}
		t.Skipf("no PostgreSQL on 127.0.0.1:5432: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// randomDatabase returns an unused database name and drops it after the test.
func randomDatabase(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "careercenter_devdb_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		_, err := conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	return name
}

func databaseExists(t *testing.T, conn *pgx.Conn, name string) bool {
	t.Helper()
	var ok bool
	err := conn.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestDevDatabaseUsesRunningServer(t *testing.T) {
	ctx := context.Background()
	admin := adminConn(t)
	name := randomDatabase(t, admin)
	if databaseExists(t, admin, name) {
		t.Fatalf("%s exists before the test", name)
	}
	d := devPostgres{name: name, systemPort: 5432, privatePort: 1, dir: t.TempDir()}
	for i := 0; i < 2; i++ { // the second call finds the database in place
		url, err := d.url(ctx, quietLog())
		if err != nil {
			t.Fatal(err)
		}
		if want := "postgres://postgres@127.0.0.1:5432/" + name + "?sslmode=disable"; url != want {
			t.Fatalf("url = %q, want %q", url, want)
		}
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatalf("connect to %s: %v", url, err)
		}
		var got string
		if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&got); err != nil || got != name {
			t.Fatalf("current_database() = %q, %v", got, err)
		}
		conn.Close(ctx)
	}
}

func TestEnsureDatabaseConcurrentStarts(t *testing.T) {
	ctx := context.Background()
	admin := adminConn(t)
	name := randomDatabase(t, admin)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := connectAdmin(ctx, 5432)
			if err != nil {
				errs[i] = err
				return
			}
			defer conn.Close(ctx)
			errs[i] = ensureDatabase(ctx, conn, name)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("start %d: %v", i, err)
		}
	}
	if !databaseExists(t, admin, name) {
		t.Fatalf("%s was not created", name)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestDevDatabasePrivateCluster runs initdb and a real server (a few seconds),
// so it only runs with TEST_PRIVATE_POSTGRES=1.
func TestDevDatabasePrivateCluster(t *testing.T) {
	if os.Getenv("TEST_PRIVATE_POSTGRES") != "1" {
		t.Skip("set TEST_PRIVATE_POSTGRES=1 to start a private cluster")
	}
	bin, err := findPostgresBin()
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.MkdirTemp("", "devdb-test-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(base, 0o755) // the postgres user must enter it when the test runs as root
	dir := filepath.Join(base, "pg")
	d := devPostgres{name: "careercenter", systemPort: freePort(t), privatePort: freePort(t), dir: dir}
	t.Cleanup(func() {
		cmd := exec.Command(filepath.Join(bin, "pg_ctl"), "-D", filepath.Join(dir, "postgres"), "-m", "immediate", "stop")
		cmd.Dir = base
		if os.Geteuid() == 0 {
			u, _ := user.Lookup("postgres")
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("stop: %v\n%s", err, out)
		}
		os.RemoveAll(base)
	})
	ctx := context.Background()
	for i := 0; i < 2; i++ { // the first call starts the cluster, the second reuses it
		url, err := d.url(ctx, quietLog())
		if err != nil {
			t.Fatal(err)
		}
		if want := "postgres://postgres@127.0.0.1:" + strconv.Itoa(d.privatePort) + "/careercenter?sslmode=disable"; url != want {
			t.Fatalf("url = %q, want %q", url, want)
		}
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatalf("connect to %s: %v", url, err)
		}
		conn.Close(ctx)
	}
}
