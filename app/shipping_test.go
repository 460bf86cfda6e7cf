package app_test

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"careercenter/app"
)

// knownVariables are the variables LoadConfig reads, found by recording its
// getenv calls in development and production.
func knownVariables() map[string]bool {
	seen := map[string]bool{}
	for _, env := range []string{"dev", "production"} {
		_, _ = app.LoadConfig(func(k string) string {
			seen[k] = true
			if k == "APP_ENV" {
				return env
			}
			return ""
		})
	}
	return seen
}

// Every variable the Dockerfile and compose.yaml set for CareerCenter is
// one app/config.go reads (the database image's own are left out).
func TestContainerFilesUseConfigVariables(t *testing.T) {
	known := knownVariables()
	for _, must := range []string{"HOST", "PORT", "DATABASE_URL", "DATABASE_DIRECT_URL", "DATABASE_POOLER",
		"LOG_LEVEL", "METRICS_ADDR", "SESSION_SECRET"} {
		if !known[must] {
			t.Fatalf("recording getenv missed %s: %v", must, known)
		}
	}
	var set []string
	docker, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	envLine := regexp.MustCompile(`(?m)^ENV\s+(.+)$`)
	for _, m := range envLine.FindAllStringSubmatch(string(docker), -1) {
		for _, kv := range strings.Fields(m[1]) {
			set = append(set, strings.SplitN(kv, "=", 2)[0])
		}
	}
	compose, err := os.ReadFile("../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	service := ""
	serviceLine := regexp.MustCompile(`^  ([a-z0-9_-]+):\s*$`)
	envKey := regexp.MustCompile(`^\s+([A-Z][A-Z0-9_]*):`)
	inServices := false
	sc := bufio.NewScanner(bytes.NewReader(compose))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, " ") && strings.TrimSpace(line) != "" {
			inServices = strings.HasPrefix(line, "services:")
			service = ""
		}
		if m := serviceLine.FindStringSubmatch(line); m != nil && inServices {
			service = m[1]
		}
		if m := envKey.FindStringSubmatch(line); m != nil && service != "db" {
			set = append(set, m[1])
		}
	}
	if len(set) < 10 {
		t.Fatalf("found only %v", set)
	}
	for _, name := range set {
		if !known[name] {
			t.Errorf("%s is set for the app but app/config.go does not read it", name)
		}
	}
	if !strings.Contains(string(compose), `"web"`) || !strings.Contains(string(compose), `"worker"`) ||
		!strings.Contains(string(compose), `"migrate"`) || !strings.Contains(string(docker), "HEALTHCHECK") {
		t.Error("compose.yaml lacks a role, or the Dockerfile a HEALTHCHECK")
	}
}

// The container's HEALTHCHECK: 0 when the local web process answers
// /healthz, 1 when nothing does.
func TestHealthcheckCommand(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			_, _ = w.Write([]byte("ok"))
			return
		}
		http.NotFound(w, r)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	run := func(port string) int {
		env := map[string]string{"APP_ENV": "dev", "PORT": port}
		var out bytes.Buffer
		return app.Main([]string{"healthcheck"}, func(k string) string { return env[k] }, os.Stdin, &out, &out)
	}
	if code := run(port); code != 0 {
		t.Fatalf("healthy server: exit %d", code)
	}
	ln2, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := strconv.Itoa(ln2.Addr().(*net.TCPAddr).Port)
	ln2.Close()
	if code := run(closed); code != 1 {
		t.Fatalf("nothing listening: exit %d", code)
	}
}
