package apptest

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// StripeMock starts stripe-mock on a free loopback port for the test and
// returns its base URL. Without the binary the test is skipped, or fails in
// CI (where .ci/run installs it).
func StripeMock(t testing.TB) string {
	t.Helper()
	bin := findStripeMock()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("stripe-mock is not installed (go install github.com/stripe/stripe-mock@v0.203.0)")
		}
		t.Skip("stripe-mock is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "-http-addr", addr, "-https-addr", "127.0.0.1:")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stripe-mock: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	url := "http://" + addr
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(url + "/v1/charges"); err == nil {
			res.Body.Close()
			return url
		}
	}
	t.Fatalf("stripe-mock did not answer on %s", addr)
	return ""
}

func findStripeMock() string {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p
	}
	for _, dir := range []string{os.Getenv("GOBIN"), filepath.Join(os.Getenv("HOME"), "go", "bin")} {
		p := filepath.Join(dir, "stripe-mock")
		if fi, err := os.Stat(p); dir != "" && err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}
