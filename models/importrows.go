package models

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/uptrace/bun"
)

// importReader opens a CSV or TSV import file (its first line's first tab
// decides) and reads its header. lazy lets stray quotes through.
func importReader(r io.Reader, lazy bool) (*csv.Reader, []string, error) {
	br := bufio.NewReader(r)
	first, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	if strings.Contains(first, "\t") {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1 // field counts are reported per row
	cr.LazyQuotes = lazy
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("header: %w", err)
	}
	return cr, header, nil
}

// importRows reads the rows after the header and upserts them in batches,
// all in one transaction, so a failure halfway leaves the table as it was.
// check turns a record into a value and its key, or a problem; a key seen
// before is a problem (on column dupColumn). Problem rows are reported and
// skipped. progress, when set, is called every 1,000 rows.
func importRows[T any](ctx context.Context, db *bun.DB, cr *csv.Reader, progress func(rows int), dupColumn string,
	check func(rec []string) (T, string, *ImportProblem),
	upsert func(ctx context.Context, db bun.IDB, batch []T) (added, updated int, err error)) (ImportReport, error) {
	var rep ImportReport
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		batch := make([]T, 0, importBatch)
		firstLine := map[string]int{}
		flush := func() error {
			if len(batch) == 0 { // a file of whole batches ends with none
				return nil
			}
			added, updated, err := upsert(ctx, tx, batch)
			rep.Added += added
			rep.Updated += updated
			rep.Unchanged += len(batch) - added - updated
			batch = batch[:0]
			return err
		}
		for rows := 1; ; rows++ {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if progress != nil && rows%1000 == 0 {
				progress(rows)
			}
			if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
				rep.Problems = append(rep.Problems, ImportProblem{Line: pe.StartLine, Message: pe.Err.Error()})
				continue
			} else if err != nil {
				return err
			}
			line, _ := cr.FieldPos(0)
			v, key, prob := check(rec)
			if prob == nil && firstLine[key] != 0 {
				prob = &ImportProblem{Column: dupColumn,
					Message: fmt.Sprintf("%s appears again (first on line %d)", key, firstLine[key])}
			}
			if prob != nil {
				prob.Line = line
				rep.Problems = append(rep.Problems, *prob)
				continue
			}
			firstLine[key] = line
			if batch = append(batch, v); len(batch) == importBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
	return rep, err
}
