package app_test

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"careercenter/app"
	"careercenter/app/apptest"
)

// serve migrates and seeds an empty dev database, answers, and stops cleanly
// on SIGTERM.
func TestServeAndGracefulShutdown(t *testing.T) {
	d := apptest.EmptyDB(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	// GOMEMLIMIT: off keeps the web's default memory limit out of the test binary.
	env := map[string]string{"APP_ENV": "dev", "DATABASE_URL": apptest.URL(d), "PORT": port, "GOMEMLIMIT": "off"}
	var out safeBuffer
	done := make(chan int, 1)
	go func() {
		done <- app.Main([]string{"serve"}, func(k string) string { return env[k] }, os.Stdin, &out, &out)
	}()

	base := "http://127.0.0.1:" + port
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not come up: %v\n%s", err, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	res, err := http.Get(base + "/login")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("login page: %v %v", err, res)
	}
	res.Body.Close()
	var users int
	if err := d.Bun.NewRaw("SELECT count(*) FROM users").Scan(t.Context(), &users); err != nil || users == 0 {
		t.Fatalf("demo data not loaded: %d %v", users, err)
	}

	start := time.Now()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown within 15 s")
	}
	if took := time.Since(start); took > 11*time.Second {
		t.Fatalf("shutdown took %v", took)
	}
}

type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
