package app

import (
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigReportsEveryMissingVariableAtOnce(t *testing.T) {
	_, err := LoadConfig(envOf(map[string]string{"APP_ENV": "production"}))
	if err == nil {
		t.Fatal("production config without variables was accepted")
	}
	for _, name := range []string{"BASE_URL", "DATABASE_URL", "SESSION_SECRET", "SMTP_URL", "MAIL_FROM"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestConfig(t *testing.T) {
	full := map[string]string{
		"APP_ENV": "production", "BASE_URL": "https://jobs.example.com/", "DATABASE_URL": "postgres://db/cc",
		"SESSION_SECRET": strings.Repeat("s", 40), "SMTP_URL": "smtp://u:p@mail.example.com:587",
		"MAIL_FROM": "Jobs <jobs@example.com>",
	}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range full {
			m[a] = b
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"complete production", full, ""},
		{"dev needs nothing", map[string]string{"APP_ENV": "dev"}, ""},
		{"unknown env", with("APP_ENV", "staging"), "APP_ENV"},
		{"short secret", with("SESSION_SECRET", "short"), "SESSION_SECRET must be at least 32"},
		{"bad smtp url", with("SMTP_URL", "mail.example.com"), "SMTP_URL must look like"},
		{"relative base url", with("BASE_URL", "jobs.example.com"), "BASE_URL must be an absolute URL"},
		{"bad pool size", with("DB_MAX_CONNS", "two"), "DB_MAX_CONNS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := LoadConfig(envOf(tt.env))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Port != "3000" || cfg.BaseURL == "" || strings.HasSuffix(cfg.BaseURL, "/") {
					t.Fatalf("defaults: %+v", cfg)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("want error with %q, got %v", tt.wantErr, err)
			}
		})
	}
	if s := (Config{SessionSecret: "topsecret", SMTPURL: "smtp://u:pw@h"}).String(); strings.Contains(s, "topsecret") || strings.Contains(s, "pw") {
		t.Fatalf("String leaks secrets: %s", s)
	}
}
