package app_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"careercenter/app"
	"careercenter/app/apptest"
)

func TestCodesImportCommand(t *testing.T) {
	d := apptest.DB(t)
	env := map[string]string{"APP_ENV": "dev", "DATABASE_URL": apptest.URL(d)}
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	run := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := app.Main(args, func(k string) string { return env[k] }, os.Stdin, &out, &out)
		return code, out.String()
	}

	good := write("good.csv", "code,descriptor,specialties\n"+
		"99213,Office visit for an established patient,family-medicine\n"+
		"99214,Office visit for an established patient with more decisions,cardio\n"+
		"99215,,\n")
	many := "code,descriptor\n"
	for i := range 1200 {
		if i%20 == 0 {
			many += "bad-code,x\n"
		} else {
			many += fmt.Sprintf("A%04d,Supply number %d\n", i, i)
		}
	}
	cases := []struct {
		name     string
		args     []string
		exit     int
		contains []string
	}{
		{"rows with problems", []string{"codes", "import", "--system", "cpt", good}, 0, []string{
			"added 1, updated 0, unchanged 0, problems 2",
			`line 3, column specialties: unknown specialty "cardio"`,
			"line 4, column descriptor: missing descriptor",
		}},
		{"same file again", []string{"codes", "import", "--system", "cpt", good}, 0, []string{
			"added 0, updated 0, unchanged 1, problems 2",
		}},
		{"progress and capped problems", []string{"codes", "import", "--system", "hcpcs", write("many.csv", many)}, 0, []string{
			"1000 rows read", "added 1140, updated 0, unchanged 0, problems 60", "line 2, column code:", "… and 10 more",
		}},
		{"unknown column", []string{"codes", "import", "--system", "cpt", write("bad.csv", "code,descriptor,price\n")}, 1, []string{
			`unknown columns "price"`,
		}},
		{"missing file", []string{"codes", "import", "--system", "cpt", filepath.Join(dir, "nope.csv")}, 1, []string{"no such file"}},
		{"unknown system", []string{"codes", "import", "--system", "icd-9", good}, 1, []string{"unknown code system"}},
		{"no file", []string{"codes", "import", "--system", "cpt"}, 1, []string{"usage: careercenter codes import"}},
	}
	for _, c := range cases {
		code, out := run(c.args...)
		if code != c.exit {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, code, c.exit, out)
		}
		for _, want := range c.contains {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", c.name, want, out)
			}
		}
	}
}

func TestCodesImportCommandKinds(t *testing.T) {
	d := apptest.DB(t)
	env := map[string]string{"APP_ENV": "dev", "DATABASE_URL": apptest.URL(d)}
	dir := t.TempDir()
	run := func(name, text string, args ...string) (int, string) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		code := app.Main(append(append([]string{"codes", "import"}, args...), path), func(k string) string { return env[k] }, os.Stdin, &out, &out)
		return code, out.String()
	}
	pfs := "HCPCS,MOD,WORK RVU,NON-FAC PE RVU,FACILITY PE RVU,MP RVU,CONV FACTOR\n" +
		"99213,,1.30,1.22,0.55,0.10,32.3465\n99214,,x,1.22,0.55,0.10,32.3465\n"
	cases := []struct {
		name, file string
		args       []string
		exit       int
		contains   []string
	}{
		{"pfs", pfs, []string{"--kind", "pfs", "--year", "2024"}, 0,
			[]string{"added 1, updated 0, unchanged 0, problems 1", `line 3, column work_rvu: "x" is not a number`}},
		{"pfs again", pfs, []string{"--kind", "pfs"}, 0, []string{"added 0, updated 1, unchanged 0, problems 1"}}, // the year moved
		{"mue", "code,mue_value,adjudication_indicator\n99213,1,2\n", []string{"--kind", "mue"}, 0, []string{"added 1, updated 0"}},
		{"unknown kind", "code\n", []string{"--kind", "prices"}, 1, []string{"unknown import kind"}},
		{"kind with a system", "code\n", []string{"--kind", "mue", "--system", "cpt"}, 1, []string{"usage:"}},
		{"wrong kind for the file", "code,descriptor\n99213,Visit\n", []string{"--kind", "modifiers"}, 1, []string{`unknown columns "descriptor"`}},
	}
	for _, c := range cases {
		code, out := run(strings.ReplaceAll(c.name, " ", "-")+".csv", c.file, c.args...)
		if code != c.exit {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, code, c.exit, out)
		}
		for _, want := range c.contains {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", c.name, want, out)
			}
		}
	}
}
