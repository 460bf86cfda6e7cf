package models

import (
	"context"
	"embed"
	"fmt"

	"github.com/uptrace/bun"
)

// sampleCodes is a small sample of each code system written for this
// project, so a new install has code pages to show. CPT rows carry our own
// wording: the official CPT descriptors are licensed and arrive only through
// an import.
//
//go:embed sampledata/*.csv
var sampleCodes embed.FS

// SeedSampleCodes imports the sample of every code system. It is idempotent,
// and a sample row with a problem is a bug, so it fails.
func SeedSampleCodes(ctx context.Context, db *bun.DB) error {
	for _, s := range CodeSystems {
		f, err := sampleCodes.Open("sampledata/codes-" + s.Value + ".csv")
		if err != nil {
			return err
		}
		rep, err := ImportCodes(ctx, db, s.Value, f, nil)
		f.Close()
		if err != nil {
			return fmt.Errorf("sample %s codes: %w", s.Value, err)
		}
		if len(rep.Problems) > 0 {
			return fmt.Errorf("sample %s codes: %s", s.Value, rep.Problems[0])
		}
	}
	return nil
}
