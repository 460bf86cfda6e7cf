package demo

import (
	"context"
	"embed"
	"fmt"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// sampleCodes is a small sample of each code system written for this
// project, so a new install has code pages to show. CPT rows carry our own
// wording: the official CPT descriptors are licensed and arrive only through
// an import.
//
//go:embed sampledata/*.csv
var sampleCodes embed.FS

// SeedSampleCodes imports the sample of every code system and the member
// sections of its code pages. It is idempotent,
// and a sample row with a problem is a bug, so it fails.
func SeedSampleCodes(ctx context.Context, db *bun.DB) error {
	for _, s := range models.CodeSystems {
		f, err := sampleCodes.Open("sampledata/codes-" + s.Value + ".csv")
		if err != nil {
			return err
		}
		rep, err := models.ImportCodes(ctx, db, s.Value, f, nil)
		f.Close()
		if err != nil {
			return fmt.Errorf("sample %s codes: %w", s.Value, err)
		}
		if len(rep.Problems) > 0 {
			return fmt.Errorf("sample %s codes: %s", s.Value, rep.Problems[0])
		}
	}
	return seedSampleSections(ctx, db)
}

// seedSampleSections imports the member sections written for the sample
// codes (sampledata/section-<kind>.csv). The figures are illustrative.
func seedSampleSections(ctx context.Context, db *bun.DB) error {
	for _, kind := range models.ImportKinds[1:] {
		f, err := sampleCodes.Open("sampledata/section-" + kind + ".csv")
		if err != nil {
			return err
		}
		rep, err := models.ImportCodeSection(ctx, db, kind, f, 2025, nil)
		f.Close()
		if err != nil {
			return fmt.Errorf("sample %s: %w", kind, err)
		}
		if len(rep.Problems) > 0 {
			return fmt.Errorf("sample %s: %s", kind, rep.Problems[0])
		}
	}
	return nil
}
