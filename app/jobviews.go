package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// defaultJobViewFlush is how long a job page view may wait in memory: the
// views counter an employer sees lags by at most this much.
const defaultJobViewFlush = time.Second

// readJobViewFlush reads JOB_VIEW_FLUSH (a Go duration; 0 writes every view
// as it happens).
func readJobViewFlush(getenv func(string) string, problems []string) (time.Duration, []string) {
	raw := getenv("JOB_VIEW_FLUSH")
	if raw == "" {
		return defaultJobViewFlush, problems
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 || d > time.Minute {
		return 0, append(problems, "JOB_VIEW_FLUSH must be a duration between 0s and 1m, such as 1s")
	}
	return d, problems
}

// startJobViews starts the buffer that writes job page views in batches, and
// writes what is left when web shuts down. nil when views are written one by
// one.
func startJobViews(cfg Config, d *DB, web *fiber.App) *models.JobViews {
	if cfg.JobViewFlush <= 0 {
		return nil
	}
	views := models.NewJobViews(d.Bun)
	runUntilShutdown(web, func(ctx context.Context) { views.Run(ctx, cfg.JobViewFlush) })
	return views
}

// runUntilShutdown runs run in the background until web shuts down, and
// waits for it to return before the shutdown completes.
func runUntilShutdown(web *fiber.App, run func(ctx context.Context)) {
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		run(ctx)
	}()
	web.Hooks().OnShutdown(func() error {
		stop()
		<-done
		return nil
	})
}
