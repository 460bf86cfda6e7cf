package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"

	"careercenter/models/demo"
)

// serve runs the web app (and, with workers, the background jobs) until ctx
// ends, then shuts down within shutdownTimeout. In development it migrates
// and loads demo data into an empty database first.
func serve(ctx context.Context, cfg Config, d *DB, log *slog.Logger, workers bool) error {
	if cfg.Dev() {
		if applied, err := Migrate(ctx, d); err != nil {
			return err
		} else if len(applied) > 0 {
			log.Info("migrated", "applied", strings.Join(applied, ", "))
		}
		if err := seedIfEmpty(ctx, d, log); err != nil {
			return err
		}
	}
	web, err := New(cfg, d, log)
	if err != nil {
		return err
	}
	if workers {
		w, err := NewWorker(cfg, d, log)
		if err != nil {
			return err
		}
		if err := w.Start(ctx); err != nil {
			return err
		}
		defer func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
			defer cancel()
			_ = w.Stop(stopCtx)
		}()
	}
	ln, err := net.Listen("tcp", ":"+cfg.Port)
	if err != nil {
		return err
	}
	log.Info("listening", "url", cfg.BaseURL, "port", cfg.Port, "env", cfg.Env)
	errc := make(chan error, 1)
	go func() { errc <- web.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := web.ShutdownWithTimeout(shutdownTimeout); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// work runs only the background jobs until ctx ends.
func work(ctx context.Context, cfg Config, d *DB, log *slog.Logger) error {
	w, err := NewWorker(cfg, d, log)
	if err != nil {
		return err
	}
	if err := w.Start(ctx); err != nil {
		return err
	}
	log.Info("worker started")
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	return w.Stop(stopCtx)
}

func seedIfEmpty(ctx context.Context, d *DB, log *slog.Logger) error {
	seeded, err := demo.Seed(ctx, d.Bun)
	if err != nil {
		return err
	}
	if seeded {
		log.Info("demo data loaded", "accounts", strings.Join(demo.Accounts, ", "), "password", demo.Password)
	}
	return nil
}
