package handlers

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// keptLabels keeps the labels it is given, as a metrics registry does.
type keptLabels struct {
	noCounters
	mu      sync.Mutex
	methods []string
	routes  []string
}

func (k *keptLabels) Request(route, method string, status int, _ time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.methods = append(k.methods, method)
	k.routes = append(k.routes, route)
}

// A request's labels outlive it: the next request on the same connection
// must not rewrite the method a counter was made with (a GET read in the
// buffer a POST left is rewritten by the next POST).
func TestRequestLabelsOutliveTheirConnection(t *testing.T) {
	kept := &keptLabels{}
	h := &Handler{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: kept}
	web := fiber.New(fiber.Config{DisableStartupMessage: true})
	web.Use(h.logRequests)
	web.Get("/codes/:code", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusPaymentRequired) })
	web.Post("/login", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusUnprocessableEntity) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go web.Listener(ln) //nolint:errcheck // ends with Shutdown
	t.Cleanup(func() { _ = web.Shutdown() })

	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}} // one kept-alive connection
	base := "http://" + ln.Addr().String()
	for _, r := range []struct{ method, path string }{{"POST", "/login"}, {"GET", "/codes/Z10"}, {"POST", "/login"}} {
		req, _ := http.NewRequest(r.method, base+r.path, strings.NewReader(""))
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	kept.mu.Lock()
	defer kept.mu.Unlock()
	if got, want := strings.Join(kept.methods, " "), "POST GET POST"; got != want {
		t.Errorf("methods %q, want %q", got, want)
	}
	if got, want := strings.Join(kept.routes, " "), "/login /codes/:code /login"; got != want {
		t.Errorf("routes %q, want %q", got, want)
	}
	if got := methodLabel("BREW"); got != "other" {
		t.Errorf("methodLabel(BREW) = %q, want other", got)
	}
}
