package app

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRuntimeSettings(t *testing.T) {
	prod := map[string]string{"APP_ENV": "production", "BASE_URL": "https://jobs.example.com",
		"DATABASE_URL": "postgres://db/cc", "SESSION_SECRET": strings.Repeat("s", 40),
		"SMTP_URL": "smtp://u:p@mail.example.com:587", "MAIL_FROM": "jobs@example.com"}
	with := func(base map[string]string, kv ...string) func(string) string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	c, err := LoadConfig(with(prod))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr() != ":3000" || c.LogLevel != slog.LevelInfo || c.MetricsAddr != "" || c.DatabasePooler ||
		c.JobRescueAfter != 2*time.Minute {
		t.Errorf("production defaults: addr %q level %v metrics %q pooler %t rescue %v", c.Addr(), c.LogLevel,
			c.MetricsAddr, c.DatabasePooler, c.JobRescueAfter)
	}
	c, err = LoadConfig(with(map[string]string{"APP_ENV": "dev"}))
	if err != nil || c.Addr() != "127.0.0.1:3000" || c.LogLevel != slog.LevelDebug {
		t.Errorf("dev defaults: %q %v %v", c.Addr(), c.LogLevel, err)
	}
	c, err = LoadConfig(with(prod, "HOST", "10.0.0.5", "PORT", "8080", "LOG_LEVEL", "warn",
		"METRICS_ADDR", "127.0.0.1:9100", "DATABASE_POOLER", "transaction",
		"DATABASE_DIRECT_URL", "postgres://db-direct/cc", "JOB_RESCUE_AFTER", "10m"))
	if err != nil || c.Addr() != "10.0.0.5:8080" || c.LogLevel != slog.LevelWarn || !c.DatabasePooler ||
		c.DatabaseDirectURL != "postgres://db-direct/cc" || c.JobRescueAfter != 10*time.Minute {
		t.Errorf("set: %+v %v", c, err)
	}
	// A direct URL alone means DATABASE_URL is a pooler; "none" says it is not.
	if c, err := LoadConfig(with(prod, "DATABASE_DIRECT_URL", "postgres://db-direct/cc")); err != nil || !c.DatabasePooler {
		t.Errorf("direct URL alone: pooler %t %v", c.DatabasePooler, err)
	}
	if c, err := LoadConfig(with(prod, "DATABASE_DIRECT_URL", "postgres://db-direct/cc", "DATABASE_POOLER", "none")); err != nil || c.DatabasePooler {
		t.Errorf("pooler none: %t %v", c.DatabasePooler, err)
	}
	_, err = LoadConfig(with(prod, "LOG_LEVEL", "loud", "METRICS_ADDR", "9100", "DATABASE_POOLER", "session",
		"JOB_RESCUE_AFTER", "soon"))
	for _, name := range []string{"LOG_LEVEL", "METRICS_ADDR", "DATABASE_POOLER", "JOB_RESCUE_AFTER"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("bad %s accepted: %v", name, err)
		}
	}
}

type lockedBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes++
	return l.b.Write(p)
}

// Many log lines become few writes, and nothing is lost at Close.
func TestLogWriterBuffersAndFlushes(t *testing.T) {
	var out lockedBuffer
	w := newLogWriter(&out)
	log := slog.New(slog.NewJSONHandler(w, nil))
	for i := range 1000 {
		log.Info("request", "n", i)
	}
	w.Close()
	out.mu.Lock()
	defer out.mu.Unlock()
	if n := strings.Count(out.b.String(), "\n"); n != 1000 {
		t.Fatalf("%d lines after Close, want 1000", n)
	}
	if out.writes > 10 {
		t.Fatalf("1000 lines took %d writes", out.writes)
	}
}
