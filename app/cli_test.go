package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
)

func TestCommands(t *testing.T) {
	d := apptest.EmptyDB(t)
	env := map[string]string{"APP_ENV": "dev", "DATABASE_URL": apptest.URL(d)}
	run := func(stdin string, args ...string) (int, string) {
		in := filepath.Join(t.TempDir(), "stdin")
		if err := os.WriteFile(in, []byte(stdin), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out, errOut bytes.Buffer
		code := app.Main(args, func(k string) string { return env[k] }, f, &out, &errOut)
		return code, out.String() + errOut.String()
	}
	if code, out := run("", "migrate"); code != 0 || !strings.Contains(out, "applied:") {
		t.Fatalf("migrate: %d %s", code, out)
	}
	if code, out := run("", "seed"); code != 0 || !strings.Contains(out, "demo data loaded") {
		t.Fatalf("seed: %d %s", code, out)
	}
	if code, out := run("", "admin", "create"); code == 0 || !strings.Contains(out, "--email") {
		t.Fatalf("admin without email: %d %s", code, out)
	}
	if code, out := run("short\n", "admin", "create", "--email", "root@example.com"); code == 0 || !strings.Contains(out, "at least 10") {
		t.Fatalf("short password: %d %s", code, out)
	}
	if code, out := run("a strong admin password\n", "admin", "create", "--email", "root@example.com"); code != 0 || !strings.Contains(out, "created") {
		t.Fatalf("admin create: %d %s", code, out)
	}
	u, err := models.Authenticate(context.Background(), d.Bun, "root@example.com", "a strong admin password")
	if err != nil || !u.IsAdmin {
		t.Fatalf("admin: %v %+v", err, u)
	}
	if code, out := run("", "admin", "plan", "--email", "root@example.com", "--plan", "pro"); code != 0 || !strings.Contains(out, "pro plan") {
		t.Fatalf("admin plan: %d %s", code, out)
	}
	if u, _ := models.UserByEmail(context.Background(), d.Bun, "root@example.com"); u.Plan != models.PlanPro {
		t.Fatalf("plan %q", u.Plan)
	}
	if code, out := run("", "admin", "plan", "--email", "nobody@example.com", "--plan", "pro"); code == 0 || !strings.Contains(out, "no account") {
		t.Fatalf("admin plan for nobody: %d %s", code, out)
	}
	if code, _ := run("", "nonsense"); code != 2 {
		t.Fatalf("unknown command exit %d", code)
	}
	bad := map[string]string{"APP_ENV": "production"}
	var errOut bytes.Buffer
	if code := app.Main([]string{"migrate"}, func(k string) string { return bad[k] }, os.Stdin, &errOut, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), "DATABASE_URL") {
		t.Fatalf("missing config: %d %s", code, errOut.String())
	}
}
