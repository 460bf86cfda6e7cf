package app

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"careercenter/models"
)

// Config is everything the process reads from its environment. It is the only
// place the environment is read.
type Config struct {
	Env                string // "dev" or "production"
	Host               string // listen address; dev default 127.0.0.1, production default all interfaces
	Port               string
	BaseURL            string
	DatabaseURL        string // empty in dev: use or start a local PostgreSQL
	DatabaseDirectURL  string // optional: PostgreSQL itself when DATABASE_URL is a pooler (River's LISTEN/NOTIFY)
	DatabasePooler     bool   // DATABASE_URL is a pooler in transaction mode: no prepared statements kept
	DBMaxConns         int32
	LogLevel           slog.Level    // LOG_LEVEL: debug, info, warn or error; dev default debug, production info
	MetricsAddr        string        // METRICS_ADDR, e.g. 127.0.0.1:9100: Prometheus /metrics there; empty: off
	JobRescueAfter     time.Duration // JOB_RESCUE_AFTER: a job still running this long (its worker died) runs elsewhere
	SessionSecret      string
	SMTPURL            string // smtp://user:pass@host:port; empty in dev keeps mail in the dev outbox
	MailFrom           string
	TrustedProxyHeader string        // e.g. X-Forwarded-For; empty: use the socket address
	ContentDir         string        // optional: about.md, terms.md, privacy.md, contact.md replacing the built-in texts
	ContactEmail       string        // shown on /contact; default: the address of MAIL_FROM
	JobViewFlush       time.Duration // job page views are written in batches this often; 0: one by one
	MemoryLimitChosen  bool          // GOMEMLIMIT is set (the Go runtime reads it); otherwise the web sets its own

	// Stripe. Without a secret key payments are off (development): submitted
	// jobs go straight to review and the pricing page says so.
	StripeSecretKey     string
	StripeWebhookSecret string
	StripeAPIURL        string // optional, e.g. a stripe-mock
	Prices              models.Prices

	// Sign-in providers: each is offered when its keys are set (app/oauth.go).
	GoogleClientID, GoogleClientSecret     string
	GitHubClientID, GitHubClientSecret     string
	LinkedInClientID, LinkedInClientSecret string
	OIDCIssuerURL                          string // any OpenID Connect issuer, found by discovery
	OIDCClientID, OIDCClientSecret         string
	OIDCName                               string // on its button: "Continue with <OIDCName>"
}

// PaymentsEnabled reports whether Stripe is configured.
func (c Config) PaymentsEnabled() bool { return c.StripeSecretKey != "" }

// Dev reports whether the process runs in development mode.
func (c Config) Dev() bool { return c.Env == "dev" }

// devSessionSecret is only ever used with APP_ENV=dev.
const devSessionSecret = "dev-only-session-secret-change-me-0123456789"

// LoadConfig reads the configuration through getenv (os.Getenv in main) and
// reports every missing or invalid variable at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		Env:                 strings.TrimSpace(getenv("APP_ENV")),
		Host:                getenv("HOST"),
		Port:                getenv("PORT"),
		BaseURL:             strings.TrimRight(getenv("BASE_URL"), "/"),
		DatabaseURL:         getenv("DATABASE_URL"),
		DatabaseDirectURL:   getenv("DATABASE_DIRECT_URL"),
		MetricsAddr:         getenv("METRICS_ADDR"),
		SessionSecret:       getenv("SESSION_SECRET"),
		SMTPURL:             getenv("SMTP_URL"),
		MailFrom:            getenv("MAIL_FROM"),
		TrustedProxyHeader:  getenv("TRUSTED_PROXY_HEADER"),
		ContentDir:          getenv("CONTENT_DIR"),
		ContactEmail:        strings.TrimSpace(getenv("CONTACT_EMAIL")),
		DBMaxConns:          10,
		StripeSecretKey:     getenv("STRIPE_SECRET_KEY"),
		StripeWebhookSecret: getenv("STRIPE_WEBHOOK_SECRET"),
		StripeAPIURL:        strings.TrimRight(getenv("STRIPE_API_URL"), "/"),
	}
	if c.Env == "" {
		c.Env = "production"
	}
	var problems []string
	if c.Env != "dev" && c.Env != "production" {
		problems = append(problems, "APP_ENV must be dev or production")
	}
	if c.Port == "" {
		c.Port = "3000"
	}
	if v := getenv("DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 4 {
			problems = append(problems, "DB_MAX_CONNS must be a number of at least 4")
		}
		c.DBMaxConns = int32(n)
	}
	problems = readRuntime(&c, getenv, problems)
	c.Prices, problems = readPrices(getenv, problems)
	c.JobViewFlush, problems = readJobViewFlush(getenv, problems)
	c.MemoryLimitChosen = getenv("GOMEMLIMIT") != ""
	problems = readOAuth(&c, getenv, problems)
	if c.StripeSecretKey != "" && c.StripeWebhookSecret == "" && !c.Dev() {
		problems = append(problems, "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set")
	}
	if c.Dev() {
		if c.BaseURL == "" {
			c.BaseURL = "http://localhost:" + c.Port
		}
		if c.SessionSecret == "" {
			c.SessionSecret = devSessionSecret
		}
		if c.MailFrom == "" {
			c.MailFrom = "CareerCenter <jobs@localhost>"
		}
	} else {
		for _, req := range []struct{ name, val string }{
			{"BASE_URL", c.BaseURL}, {"DATABASE_URL", c.DatabaseURL},
			{"SESSION_SECRET", c.SessionSecret}, {"SMTP_URL", c.SMTPURL}, {"MAIL_FROM", c.MailFrom},
		} {
			if req.val == "" {
				problems = append(problems, req.name+" is required")
			}
		}
		if c.SessionSecret != "" && len(c.SessionSecret) < 32 {
			problems = append(problems, "SESSION_SECRET must be at least 32 characters")
		}
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
			problems = append(problems, "BASE_URL must be an absolute URL such as https://jobs.example.com")
		}
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			problems = append(problems, "SMTP_URL must look like smtp://user:pass@host:port")
		}
	}
	if c.ContactEmail == "" {
		if a, err := netmail.ParseAddress(c.MailFrom); err == nil {
			c.ContactEmail = a.Address
		}
	}
	if len(problems) > 0 {
		return c, errors.New("configuration: " + strings.Join(problems, "; "))
	}
	return c, nil
}

// readRuntime reads how the process runs: listen address, log level,
// metrics address and the pooler.
func readRuntime(c *Config, getenv func(string) string, problems []string) []string {
	if c.Host == "" && c.Dev() {
		c.Host = "127.0.0.1"
	}
	c.LogLevel = slog.LevelInfo
	if c.Dev() {
		c.LogLevel = slog.LevelDebug
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			problems = append(problems, "LOG_LEVEL must be debug, info, warn or error")
		}
	}
	c.JobRescueAfter = 2 * time.Minute // mail.RescueAfter: twice one delivery attempt
	if v := getenv("JOB_RESCUE_AFTER"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 2*time.Second {
			problems = append(problems, "JOB_RESCUE_AFTER must be a duration such as 5m")
		}
		c.JobRescueAfter = d
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			problems = append(problems, "METRICS_ADDR must be host:port, such as 127.0.0.1:9100")
		}
	}
	// A direct URL exists only because DATABASE_URL is a pooler.
	switch v := strings.ToLower(getenv("DATABASE_POOLER")); v {
	case "":
		c.DatabasePooler = c.DatabaseDirectURL != ""
	case "none":
	case "transaction":
		c.DatabasePooler = true
	default:
		problems = append(problems, "DATABASE_POOLER must be transaction or none")
	}
	return problems
}

// Addr is the address the web server listens on.
func (c Config) Addr() string { return net.JoinHostPort(c.Host, c.Port) }

// readPrices reads PRICE_*_CENTS with sane defaults.
func readPrices(getenv func(string) string, problems []string) (models.Prices, []string) {
	p := models.Prices{Currency: strings.ToLower(getenv("PRICE_CURRENCY"))}
	if p.Currency == "" {
		p.Currency = "usd"
	}
	for _, v := range []struct {
		name string
		dst  *int64
		def  int64
	}{
		{"PRICE_STANDARD_CENTS", &p.Standard, 14900}, {"PRICE_FEATURED_CENTS", &p.Featured, 29900},
		{"PRICE_RENEWAL_CENTS", &p.Renewal, 9900}, {"PRICE_UPGRADE_CENTS", &p.Upgrade, 15000},
		{"PRICE_PRO_CENTS", &p.Pro, 1900},
	} {
		*v.dst = v.def
		if raw := getenv(v.name); raw != "" {
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || n < 50 {
				problems = append(problems, v.name+" must be a whole number of cents, at least 50")
			}
			*v.dst = n
		}
	}
	return p, problems
}

// String hides secrets so the config can be logged.
func (c Config) String() string {
	return fmt.Sprintf("env=%s port=%s base_url=%s smtp=%t payments=%t", c.Env, c.Port, c.BaseURL,
		c.SMTPURL != "", c.PaymentsEnabled())
}
