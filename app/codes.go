package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"careercenter/models"
)

const codesUsage = "usage: careercenter codes import --system cpt|hcpcs|icd-10-cm|icd-10-pcs FILE\n" +
	"       careercenter codes import --kind guidelines|modifiers|crosswalk|ncci-ptp|mue|pfs [--year YYYY] FILE"

// shownProblems caps the problem lines printed; a wrong file can have
// thousands and the first ones tell what is wrong.
const shownProblems = 50

// codesCmd runs "codes import": bad rows are listed but do not fail the
// command, so a large file with a few typos still loads.
func codesCmd(ctx context.Context, d *DB, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		return errors.New(codesUsage)
	}
	fs := flag.NewFlagSet("codes import", flag.ContinueOnError)
	fs.SetOutput(out)
	system := fs.String("system", "", "the code system of the file (kind codes)")
	kind := fs.String("kind", models.ImportKindCodes, "what the file holds: "+strings.Join(models.ImportKinds, ", "))
	year := fs.Int("year", time.Now().Year(), "the fee schedule year of a pfs file without a year column")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 || (*kind == models.ImportKindCodes) != (*system != "") {
		return errors.New(codesUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()

	progress := func(rows int) { fmt.Fprintf(out, "%d rows read\n", rows) }
	var rep models.ImportReport
	if *kind == models.ImportKindCodes {
		rep, err = models.ImportCodes(ctx, d.Bun, *system, f, progress)
	} else {
		rep, err = models.ImportCodeSection(ctx, d.Bun, *kind, f, *year, progress)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(out, "added %d, updated %d, unchanged %d, problems %d\n",
		rep.Added, rep.Updated, rep.Unchanged, len(rep.Problems))
	for i, p := range rep.Problems {
		if i == shownProblems {
			fmt.Fprintf(out, "… and %d more\n", len(rep.Problems)-shownProblems)
			break
		}
		fmt.Fprintln(out, p)
	}
	return nil
}
