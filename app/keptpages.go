package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/handlers"
	"careercenter/models"
)

// keptPagesFlush is how often the guests' job pages drawn by this process
// are stored for every process (models.KeptJobPages).
const keptPagesFlush = time.Second

// startKeptPages starts the buffer that stores guests' job pages, until web
// shuts down.
func startKeptPages(d *DB, web *fiber.App) *models.KeptJobPages {
	pages := models.NewKeptJobPages(d.Bun)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		pages.Run(ctx, keptPagesFlush)
	}()
	web.Hooks().OnShutdown(func() error {
		stop()
		<-done
		return nil
	})
	return pages
}

// keptPagesPass is how often a web process looks for live jobs whose guest
// page is not kept (new, changed, or drawn by another build) and draws
// them; keptPagesBatch at a time, with keptPagesRest between batches so
// readers keep the processor.
const (
	keptPagesPass  = time.Minute
	keptPagesBatch = 100
	keptPagesRest  = 150 * time.Millisecond
	// keptPagesMaxBatches ends a pass that keeps finding pages to draw
	// (more than a board's worth), until the next.
	keptPagesMaxBatches = 1000
)

// drawKeptPages draws missing guest job pages (handlers.DrawKeptPages)
// until ctx ends: web processes take turns, one batch at a time.
func drawKeptPages(ctx context.Context, d *DB, h *handlers.Handler, log *slog.Logger) {
	wait := 5 * time.Second // let the process start serving first
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = keptPagesPass
		for batch := 0; batch < keptPagesMaxBatches; batch++ {
			n, err := inTurn(ctx, d.Bun, "kept job pages", func(ctx context.Context) (int, error) {
				return h.DrawKeptPages(ctx, keptPagesBatch)
			})
			if err != nil && ctx.Err() == nil {
				log.Warn("drawing kept job pages", "err", err)
			}
			if err != nil || n == 0 {
				break
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(keptPagesRest):
			}
		}
	}
}

// inTurn runs work unless another process is running work of the same
// name, and reports what it did (0 when it was not its turn).
func inTurn(ctx context.Context, db *bun.DB, name string, work func(context.Context) (int, error)) (int, error) {
	var n int
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var mine bool
		if err := tx.NewRaw(`SELECT pg_try_advisory_xact_lock(hashtextextended(?, 7))`, name).Scan(ctx, &mine); err != nil || !mine {
			return err
		}
		var err error
		n, err = work(ctx)
		return err
	})
	return n, err
}
