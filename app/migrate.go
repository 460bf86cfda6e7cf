package app

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun/migrate"

	"careercenter/migrations"
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
func Migrate(ctx context.Context, d *DB) (applied []string, err error) {
	rm, err := rivermigrate.New(riverpgxv5.New(d.Pool), nil)
	if err != nil {
		return nil, fmt.Errorf("river migrator: %w", err)
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
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
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	for _, mig := range group.Migrations {
		applied = append(applied, mig.Name+"_"+mig.Comment)
	}
	return applied, nil
}

// MigrateDown rolls back the last group of our own migrations.
func MigrateDown(ctx context.Context, d *DB) (rolledBack []string, err error) {
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
	group, err := m.Rollback(ctx)
	if err != nil {
		return nil, fmt.Errorf("rollback: %w", err)
	}
	for _, mig := range group.Migrations {
		rolledBack = append(rolledBack, mig.Name+"_"+mig.Comment)
	}
	return rolledBack, nil
}
