package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// devPostgres describes where to look for PostgreSQL; tests change the fields.
type devPostgres struct {
	name        string // database to create
	systemPort  int    // an existing server, tried first
	privatePort int    // the private cluster
	dir         string // holds the private cluster's data dir, log and socket
}

// DevDatabaseURL returns the URL of a ready development database. It is used
// when APP_ENV=dev and DATABASE_URL is empty, so that `make run` works on a fresh
// machine with nothing but the PostgreSQL binaries installed: it uses the usual
// local server on 127.0.0.1:5432 when one answers, or else a private cluster on
// port 54329 that it creates, starts and leaves running (like a dev service), and
// it makes sure the careercenter database exists. Production requires DATABASE_URL.
func DevDatabaseURL(ctx context.Context, log *slog.Logger) (string, error) {
	dir := "/tmp/careercenter-pg" // as root the postgres user must be able to enter it
	if os.Geteuid() != 0 {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(wd, ".data")
	}
	return devPostgres{name: "careercenter", systemPort: 5432, privatePort: 54329, dir: dir}.url(ctx, log)
}

func (d devPostgres) url(ctx context.Context, log *slog.Logger) (string, error) {
	conn, err := connectAdmin(ctx, d.systemPort)
	if err == nil {
		defer conn.Close(context.Background())
		if err := ensureDatabase(ctx, conn, d.name); err != nil {
			return "", err
		}
		return databaseURL(d.systemPort, d.name), nil
	}
	log.Debug("dev database: no usable PostgreSQL on the default port", "port", d.systemPort, "err", err)
	dataDir, logFile := filepath.Join(d.dir, "postgres"), filepath.Join(d.dir, "postgres.log")
	bin, binErr := findPostgresBin()
	pgCtl := filepath.Join(bin, "pg_ctl")
	conn, err = connectAdmin(ctx, d.privatePort)
	if err != nil {
		if binErr != nil {
			return "", binErr
		}
		if err := startCluster(ctx, bin, dataDir, logFile, d.dir, d.privatePort); err != nil {
			return "", err
		}
		if conn, err = connectAdmin(ctx, d.privatePort); err != nil {
			return "", fmt.Errorf("dev database: the private PostgreSQL started but does not answer: %w", err)
		}
	}
	defer conn.Close(context.Background())
	if err := ensureDatabase(ctx, conn, d.name); err != nil {
		return "", err
	}
	stop := pgCtl + " -D " + dataDir + " stop"
	if os.Geteuid() == 0 {
		stop = "runuser -u postgres -- " + stop
	}
	url := databaseURL(d.privatePort, d.name)
	log.Info("dev database: private PostgreSQL (left running)", "url", url, "data", dataDir, "log", logFile, "stop", stop)
	return url, nil
}

func databaseURL(port int, name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", port, name)
}

// connectAdmin connects to the maintenance database as the postgres superuser.
func connectAdmin(ctx context.Context, port int) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return pgx.Connect(ctx, databaseURL(port, "postgres")+"&connect_timeout=2")
}

// ensureDatabase creates the database unless it exists. When two processes
// start at once, the loser's CREATE fails; the database exists, which is fine.
func ensureDatabase(ctx context.Context, conn *pgx.Conn, name string) error {
	exists := func() (bool, error) {
		var ok bool
		err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok)
		return ok, err
	}
	if ok, err := exists(); err != nil || ok {
		return err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		if ok, _ := exists(); ok {
			return nil
		}
		return fmt.Errorf("dev database: create %s: %w", name, err)
	}
	return nil
}

// findPostgresBin returns the directory holding initdb and pg_ctl.
func findPostgresBin() (string, error) {
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(debian, func(i, j int) bool { // newest major version first
		return pgMajor(debian[i]) > pgMajor(debian[j])
	})
	for _, dir := range append(dirs, debian...) {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	return "", errors.New("dev database: nothing answers on 127.0.0.1:5432 and no PostgreSQL server binaries (initdb, pg_ctl) were found; " +
		"install Debian's postgresql package (apt-get install postgresql) or set DATABASE_URL")
}

func pgMajor(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

// startCluster initializes the data dir when needed and starts the server on
// 127.0.0.1 only. initdb and postgres refuse to run as root, so as root both
// run as the postgres user, which must own dir.
func startCluster(ctx context.Context, bin, dataDir, logFile, dir string, port int) error {
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return errors.New("dev database: PostgreSQL refuses to run as root and there is no postgres user; run as a normal user or set DATABASE_URL")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("dev database: %w", err)
	}
	if cred != nil {
		if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("dev database: %s is not a directory", dir)
		}
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("dev database: %w", err)
		}
	}
	run := func(name string, args ...string) error {
		cmd := exec.CommandContext(ctx, filepath.Join(bin, name), args...)
		cmd.Dir = dir // the postgres user may not be able to enter the working directory
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("dev database: %s failed: %w\n%s%s", name, err, out, tail(logFile))
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dataDir, "PG_VERSION")); err != nil {
		if err := run("initdb", "-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"); err != nil {
			return err
		}
	}
	sockets := dir
	if len(sockets) > 90 { // Unix socket paths are limited to about 100 bytes
		sockets = os.TempDir()
	}
	opts := fmt.Sprintf("-p %d -k '%s' -c listen_addresses=127.0.0.1", port, sockets)
	return run("pg_ctl", "-w", "-t", "60", "-D", dataDir, "-l", logFile, "-o", opts, "start")
}

// tail returns the end of the server log, which explains most start failures.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return "server log " + path + ":\n" + string(b)
}
