package app

import (
	"log/slog"

	"careercenter/app/metrics"
	"careercenter/handlers"
)

// NewWebForTest is newWeb, for app_test: it returns the handler too.
func NewWebForTest(cfg Config, d *DB, log *slog.Logger) (*handlers.Handler, error) {
	_, h, err := newWeb(cfg, d, log, (*metrics.Metrics)(nil))
	return h, err
}
