package app

import (
	"context"
	"errors"
	"log/slog"
	"math"
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
	runUntilShutdown(web, func(ctx context.Context) { pages.Run(ctx, keptPagesFlush) })
	return pages
}

// keptPagesPass is how often a web process walks the live jobs for those
// whose guest page is not kept (new, changed, or drawn by another build)
// and draws them; keptPagesBatch at a time, with keptPagesRest between
// batches so readers keep the processor. A page a guest reads before the
// walk reaches it is drawn and kept by that read.
const (
	keptPagesPass  = 5 * time.Minute
	keptPagesBatch = 100
	keptPagesRest  = 100 * time.Millisecond
)

// drawKeptPages walks the board for guest job pages to draw
// (handlers.DrawKeptPages) until ctx ends: web processes take turns, one
// batch at a time.
func drawKeptPages(ctx context.Context, d *DB, h *handlers.Handler, log *slog.Logger) {
	wait := 5 * time.Second // let the process start serving first
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = keptPagesPass
		for before := int64(math.MaxInt64); before > 0; {
			err := inTurn(ctx, d.Bun, "kept job pages", func(ctx context.Context) (err error) {
				before, err = h.DrawKeptPages(ctx, before, keptPagesBatch)
				return err
			})
			if err != nil {
				if ctx.Err() == nil && !errors.Is(err, errNotMyTurn) {
					log.Warn("drawing kept job pages", "err", err)
				}
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
// name, and reports errNotMyTurn then.
func inTurn(ctx context.Context, db *bun.DB, name string, work func(context.Context) error) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var mine bool
		if err := tx.NewRaw(`SELECT pg_try_advisory_xact_lock(hashtextextended(?, 7))`, name).Scan(ctx, &mine); err != nil {
			return err
		}
		if !mine {
			return errNotMyTurn
		}
		return work(ctx)
	})
}

// errNotMyTurn: another process is doing it.
var errNotMyTurn = errors.New("another process is at it")
