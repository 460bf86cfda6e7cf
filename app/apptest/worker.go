package apptest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"careercenter/app"
)

// quickRetry retries a failed job after 50 ms instead of River's backoff.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(50 * time.Millisecond)
}

// Workers runs a River client on d that works the default queue with
// workers, polling often and retrying quickly, and stops it when the test
// ends.
func Workers(t testing.TB, d *app.DB, workers *river.Workers) *river.Client[pgx.Tx] {
	t.Helper()
	client, err := river.NewClient(riverpgxv5.New(d.Pool), &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		Workers:           workers,
		FetchPollInterval: 50 * time.Millisecond,
		FetchCooldown:     10 * time.Millisecond,
		RetryPolicy:       quickRetry{},
		Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	Start(t, client, 5*time.Second)
	return client
}

// Start starts a River client (a test's, or the app's worker) and stops it,
// waiting up to stopWithin, when the test ends.
func Start(t testing.TB, client *river.Client[pgx.Tx], stopWithin time.Duration) {
	t.Helper()
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopWithin)
		defer cancel()
		_ = client.Stop(ctx)
	})
}
