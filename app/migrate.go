package app

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun/migrate"

	"careercenter/migrations"
	"careercenter/models"
)

func newMigrator(d *DB) (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrations.FS); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	// Without WithMarkAppliedOnSuccess a failing migration is recorded as applied.
	return migrate.NewMigrator(d.Bun, ms, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// Migrate brings River's tables and then our own schema up to date, holding
// Bun's migration lock so two releases cannot migrate at once.
func Migrate(ctx context.Context, d *DB) ([]string, error) {
	rm, err := rivermigrate.New(riverpgxv5.New(d.Pool), nil)
	if err != nil {
		return nil, fmt.Errorf("river migrator: %w", err)
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	applied, err := runLocked(ctx, d, (*migrate.Migrator).Migrate)
	if err != nil {
		return applied, err
	}
	// Jobs saved before their HTML was stored get it now (migration 0042).
	if _, err := models.RenderStoredDescriptions(ctx, d.Bun); err != nil {
		return applied, fmt.Errorf("render job descriptions: %w", err)
	}
	return applied, nil
}

// MigrateDown rolls back the last group of our own migrations.
func MigrateDown(ctx context.Context, d *DB) ([]string, error) {
	return runLocked(ctx, d, (*migrate.Migrator).Rollback)
}

type migrateStep func(*migrate.Migrator, context.Context, ...migrate.MigrationOption) (*migrate.MigrationGroup, error)

// runLocked runs one step under the migration lock and names what it touched.
func runLocked(ctx context.Context, d *DB, step migrateStep) (names []string, err error) {
	m, err := newMigrator(d)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migrations: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("lock migrations: %w", err)
	}
	defer func() { _ = m.Unlock(ctx) }()
	group, err := step(m, ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	for _, mig := range group.Migrations {
		names = append(names, mig.Name+"_"+mig.Comment)
	}
	return names, nil
}
