package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"careercenter/models"
	"careercenter/models/demo"
)

const usage = `usage: careercenter [command]

commands:
  serve                 web server and background workers (default)
  web                   web server only
  worker                background workers only
  healthcheck           exit 0 when this machine's web process answers /healthz
                        (for container HEALTHCHECKs, which have no curl)
  migrate [down]        apply migrations, or roll back the last group
  seed [--board]        load demo data into an empty database; --board adds a
                        synthetic board of a few hundred jobs with a year of
                        history, so pay and answer figures show
  admin create --email ADDRESS [--name NAME]
                        create an admin, or promote an account; the password
                        is typed at the prompt or read from standard input
  admin plan --email ADDRESS --plan free|pro
                        set an account's plan
  codes import --system cpt|hcpcs|icd-10-cm|icd-10-pcs FILE
                        upsert codes from a CSV or TSV file with a header
  codes import --kind guidelines|modifiers|crosswalk|ncci-ptp|mue|pfs [--year YYYY] FILE
                        upsert one member section of the code pages (README)
`

// Main runs one subcommand and returns the process exit code.
func Main(args []string, getenv func(string) string, stdin *os.File, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if cmd == "healthcheck" {
		return healthcheck(cfg, stderr)
	}
	logs := newLogWriter(stderr)
	defer logs.Close()
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: cfg.LogLevel}))
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	d, err := connect(ctx, cfg, log)
	if err != nil {
		log.Error("database", "err", err)
		return 1
	}
	defer d.Close()

	switch cmd {
	case "serve":
		limitMemory(cfg)
		err = serve(ctx, cfg, d, log, true)
	case "web":
		limitMemory(cfg)
		err = serve(ctx, cfg, d, log, false)
	case "worker":
		err = work(ctx, cfg, d, log)
	case "migrate":
		err = migrateCmd(ctx, d, args, stdout)
	case "seed":
		err = seedCmd(ctx, d, args, stdout)
	case "admin":
		err = adminCmd(ctx, d, args, stdin, stdout)
	case "codes":
		err = codesCmd(ctx, d, args, stdout)
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// connect opens the configured database; in development without
// DATABASE_URL it finds or starts a local PostgreSQL first.
func connect(ctx context.Context, cfg Config, log *slog.Logger) (*DB, error) {
	url := cfg.DatabaseURL
	if url == "" && cfg.Dev() {
		var err error
		if url, err = DevDatabaseURL(ctx, log); err != nil {
			return nil, err
		}
		log.Info("development database", "url", url)
	}
	return openDB(ctx, url, cfg.DatabaseDirectURL, cfg.DBMaxConns, cfg.DatabasePooler)
}

func migrateCmd(ctx context.Context, d *DB, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "down" {
		names, err := MigrateDown(ctx, d)
		fmt.Fprintf(out, "rolled back: %s\n", listOrNone(names))
		return err
	}
	names, err := Migrate(ctx, d)
	fmt.Fprintf(out, "applied: %s\n", listOrNone(names))
	return err
}

func seedCmd(ctx context.Context, d *DB, args []string, out io.Writer) error {
	if len(args) > 1 || len(args) == 1 && args[0] != "--board" {
		return errors.New("seed takes no argument but --board")
	}
	seeded, err := demo.Seed(ctx, d.Bun)
	if err != nil {
		return err
	}
	if len(args) > 0 && args[0] == "--board" {
		added, err := demo.SeedSyntheticBoard(ctx, d.Bun, demo.SyntheticBoardJobs, time.Now())
		if err != nil {
			return err
		}
		if added {
			fmt.Fprintf(out, "synthetic board of %d jobs added\n", demo.SyntheticBoardJobs)
		} else {
			fmt.Fprintln(out, "the synthetic board is already there")
		}
	}
	if seeded {
		fmt.Fprintln(out, "demo data loaded; accounts: "+strings.Join(demo.Accounts, ", ")+
			" (password "+demo.Password+")")
	} else {
		fmt.Fprintln(out, "the database already has accounts; nothing loaded")
	}
	return nil
}

func adminCmd(ctx context.Context, d *DB, args []string, stdin *os.File, out io.Writer) error {
	if len(args) > 0 && args[0] == "plan" {
		return planCmd(ctx, d, args[1:], out)
	}
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: careercenter admin create --email ADDRESS [--name NAME] | admin plan --email ADDRESS --plan free|pro")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	email := fs.String("email", "", "the admin's email address")
	name := fs.String("name", "Admin", "the admin's display name")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	password, err := readPassword(stdin, out)
	if err != nil {
		return err
	}
	created, err := models.CreateAdmin(ctx, d.Bun, *email, *name, password)
	if v, ok := models.AsValidation(err); ok {
		return errors.New(strings.Join(mapValues(v), " "))
	}
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(out, "admin %s created\n", models.NormalizeEmail(*email))
	} else {
		fmt.Fprintf(out, "%s is now an admin; password updated\n", models.NormalizeEmail(*email))
	}
	return nil
}

// planCmd sets an account's plan until Pro can be bought online.
func planCmd(ctx context.Context, d *DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("admin plan", flag.ContinueOnError)
	email := fs.String("email", "", "the account's email address")
	plan := fs.String("plan", "", "free or pro")
	if err := fs.Parse(args); err != nil {
		return err
	}
	err := models.SetPlan(ctx, d.Bun, *email, *plan)
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf("no account uses %s", *email)
	}
	if v, ok := models.AsValidation(err); ok {
		return errors.New(strings.Join(mapValues(v), " "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s is now on the %s plan\n", models.NormalizeEmail(*email), *plan)
	return nil
}

// readPassword prompts twice on a terminal, or reads one line from a pipe.
func readPassword(stdin *os.File, out io.Writer) (string, error) {
	if term.IsTerminal(int(stdin.Fd())) {
		fmt.Fprint(out, "Password: ")
		first, err := term.ReadPassword(int(stdin.Fd()))
		fmt.Fprintln(out)
		if err != nil {
			return "", err
		}
		fmt.Fprint(out, "Repeat password: ")
		second, err := term.ReadPassword(int(stdin.Fd()))
		fmt.Fprintln(out)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("the passwords do not match")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "nothing"
	}
	return strings.Join(names, ", ")
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

const shutdownTimeout = 10 * time.Second

// healthcheck asks the local web process for /healthz.
func healthcheck(cfg Config, stderr io.Writer) int {
	host := cfg.Host
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	client := &http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://" + net.JoinHostPort(host, cfg.Port) + "/healthz")
	if err != nil {
		fmt.Fprintln(stderr, "unhealthy:", err)
		return 1
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "unhealthy: status", res.StatusCode)
		return 1
	}
	return 0
}
