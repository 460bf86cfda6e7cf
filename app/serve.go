package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"strings"
	"time"

	"careercenter/app/metrics"
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
	m := newMetrics(d)
	web, h, err := newWeb(cfg, d, log, m)
	if err != nil {
		return err
	}
	// Starting (every template parsed to check it, the migrations, the
	// demo data) left garbage the collector would otherwise return to the
	// system only slowly: hand it back before serving.
	debug.FreeOSMemory()
	go drawKeptPages(ctx, d, h, log)
	if workers {
		stop, err := startWorker(ctx, cfg, d, log, m)
		if err != nil {
			return err
		}
		defer stop()
	}
	stopMetrics, err := serveMetrics(cfg, m, log)
	if err != nil {
		return err
	}
	defer stopMetrics()
	ln, err := net.Listen("tcp", cfg.Addr())
	if err != nil {
		return err
	}
	log.Info("listening", "url", cfg.BaseURL, "addr", ln.Addr().String(), "env", cfg.Env, "workers", workers)
	errc := make(chan error, 1)
	go func() { errc <- web.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	// Requests under way finish; new connections are refused, so a proxy
	// retries them on another web process.
	if err := web.ShutdownWithTimeout(shutdownTimeout); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// work runs only the background jobs until ctx ends.
func work(ctx context.Context, cfg Config, d *DB, log *slog.Logger) error {
	m := newMetrics(d)
	stopMetrics, err := serveMetrics(cfg, m, log)
	if err != nil {
		return err
	}
	defer stopMetrics()
	stop, err := startWorker(ctx, cfg, d, log, m)
	if err != nil {
		return err
	}
	_, listen := d.workerPool()
	log.Info("worker started", "listen_notify", listen)
	<-ctx.Done()
	stop()
	return nil
}

// startWorker starts River's workers and returns the function that stops
// them, letting running jobs finish within shutdownTimeout.
func startWorker(ctx context.Context, cfg Config, d *DB, log *slog.Logger, m *metrics.Metrics) (func(), error) {
	w, err := newWorker(cfg, d, log, m)
	if err != nil {
		return nil, err
	}
	if err := w.Start(ctx); err != nil {
		return nil, err
	}
	return func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		_ = w.Stop(stopCtx)
	}, nil
}

func newMetrics(d *DB) *metrics.Metrics {
	m := metrics.New()
	m.WatchPool("main", d.Pool)
	if d.Direct != nil {
		m.WatchPool("direct", d.Direct)
	}
	m.WatchQueue(d.Bun)
	return m
}

// serveMetrics serves /metrics on METRICS_ADDR, apart from the site, when it
// is set; in development also Go's profiles under /debug/pprof/ (measure a
// page: go tool pprof http://METRICS_ADDR/debug/pprof/profile?seconds=10).
func serveMetrics(cfg Config, m *metrics.Metrics, log *slog.Logger) (func(), error) {
	if cfg.MetricsAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	if cfg.Dev() {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	log.Info("metrics", "addr", ln.Addr().String())
	return func() { _ = srv.Close() }, nil
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
