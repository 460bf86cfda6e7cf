// Package app wires CareerCenter together: configuration, the database, the
// web app, background workers and the command-line subcommands.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"careercenter/app/mail"
	"careercenter/app/metrics"
	"careercenter/app/pay"
	"careercenter/assets"
	"careercenter/handlers"
	"careercenter/models"
	"careercenter/models/email"
	"careercenter/views"
)

const sessionLifetime = 14 * 24 * time.Hour

// New builds the production web app on an open database.
func New(cfg Config, d *DB, log *slog.Logger) (*fiber.App, error) {
	web, _, err := newWeb(cfg, d, log, nil)
	return web, err
}

// NewSite is New with the site's handler, for tests that look into what it
// keeps.
func NewSite(cfg Config, d *DB, log *slog.Logger) (*fiber.App, *handlers.Handler, error) {
	return newWeb(cfg, d, log, nil)
}

// newWeb builds the web app counting into m (nil: no metrics).
func newWeb(cfg Config, d *DB, log *slog.Logger, m *metrics.Metrics) (*fiber.App, *handlers.Handler, error) {
	engine, err := handlers.NewViews(views.FS, handlers.TemplateFuncs())
	if err != nil {
		return nil, nil, fmt.Errorf("load templates: %w", err)
	}
	mailer, err := newMailer(cfg, d)
	if err != nil {
		return nil, nil, err
	}
	figures, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		return nil, nil, fmt.Errorf("job client: %w", err)
	}
	changes := &models.BoardChanges{} // counts this process's writes for the caches of lists
	h := &handlers.Handler{
		DB:    d.Bun,
		Mail:  mailer,
		Files: models.DBFiles{},
		Pay:   pay.New(cfg.StripeSecretKey, cfg.StripeWebhookSecret, cfg.StripeAPIURL),
		Sessions: session.New(session.Config{
			Storage:        models.NewStorage(d.Bun, models.SessionTable),
			Expiration:     sessionLifetime,
			KeyLookup:      "cookie:" + handlers.SessionCookie,
			CookieHTTPOnly: true,
			CookieSameSite: "Lax",
			CookieSecure:   !cfg.Dev(),
		}),
		Limits:       models.NewStorage(d.Bun, models.RateLimitTable),
		Prices:       cfg.Prices,
		Log:          log,
		BaseURL:      cfg.BaseURL,
		Dev:          cfg.Dev(),
		Secret:       cfg.SessionSecret,
		AssetVersion: assets.Version(),
		Ready:        func(ctx context.Context) error { return d.Pool.Ping(ctx) },
		OAuth:        oauthProviders(cfg),
		Figures:      figuresQueue{jobs: figures},
		Content:      contentFS(cfg.ContentDir),
		ContactEmail: cfg.ContactEmail,
		Metrics:      m,
		Changes:      changes,
		Views:        engine,
		Facets:       models.NewFacetCache(models.FacetCacheTTL, changes),
		Codes:        models.NewCodePageCache(models.CodePageTTL),
	}
	d.Bun.AddQueryHook(h.Changes)
	web := fiber.New(fiber.Config{
		AppName:               "CareerCenter",
		Views:                 engine,
		ErrorHandler:          h.ErrorHandler,
		ProxyHeader:           cfg.TrustedProxyHeader,
		BodyLimit:             8 << 20,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           2 * time.Minute,
		WriteBufferSize:       16 << 10,
		DisableStartupMessage: true,
	})
	h.JobViews = startJobViews(cfg, d, web)
	h.KeptPages = startKeptPages(d, web)
	h.Routes(web)
	return web, h, nil
}

// newMailer queues mail through an insert-only River client over
// database/sql, so an email can be inserted in the same transaction as the
// event that causes it.
func newMailer(cfg Config, d *DB) (*email.Mail, error) {
	jobs, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("job client: %w", err)
	}
	return mail.New(views.FS, cfg.MailFrom, cfg.BaseURL, jobs)
}
