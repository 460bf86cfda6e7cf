package app_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"careercenter/app"
	"careercenter/app/apptest"
)

// At info a request is one JSON line with its route pattern and request id;
// assets and health checks log only at debug; at warn requests cost no line.
func TestRequestLogLevels(t *testing.T) {
	d := apptest.DB(t)
	for _, tc := range []struct {
		level      string
		wantLines  int
		wantAssets bool
	}{{"debug", 3, true}, {"info", 2, false}, {"warn", 0, false}} {
		cfg, err := app.LoadConfig(func(k string) string {
			return map[string]string{"APP_ENV": "dev", "LOG_LEVEL": tc.level}[k]
		})
		if err != nil {
			t.Fatal(err)
		}
		var buf safeBuffer
		web, err := app.New(cfg, d, slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: cfg.LogLevel})))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/jobs/987654/some-job", "/healthz", "/login"} {
			res, err := web.Test(httptest.NewRequest("GET", path, nil), -1)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
		}
		var lines []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			var m map[string]any
			if l == "" || json.Unmarshal([]byte(l), &m) != nil || m["msg"] != "request" {
				continue
			}
			lines = append(lines, m)
		}
		if len(lines) != tc.wantLines {
			t.Fatalf("LOG_LEVEL=%s: %d request lines, want %d:\n%s", tc.level, len(lines), tc.wantLines, buf.String())
		}
		if tc.wantLines == 0 {
			continue
		}
		first := lines[0]
		if first["route"] != "/jobs/:id<int>/:slug?" || first["status"] != float64(404) || first["request_id"] == "" {
			t.Errorf("LOG_LEVEL=%s: %v", tc.level, first)
		}
		sawHealth := bytes.Contains([]byte(buf.String()), []byte(`"route":"/healthz"`))
		if sawHealth != tc.wantAssets {
			t.Errorf("LOG_LEVEL=%s: health check logged %t", tc.level, sawHealth)
		}
	}
}
