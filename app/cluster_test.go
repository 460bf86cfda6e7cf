package app_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"careercenter/app"
	"careercenter/app/apptest"
)

// The site runs as two web processes and two workers on one database behind
// a round-robin proxy, and behaves as one: sessions, CSRF, the meter, rate
// limits and sign-in back-off are shared; periodic jobs run once; a web
// process stopped under load loses no request; a worker killed with -9
// leaves its job to the other.
//
// CLUSTER_POOLER=host:port runs the processes through a PgBouncer in
// transaction mode there (scripts/pooler-test.sh), and CLUSTER_DIRECT=1 also
// gives them the direct URL for River's LISTEN/NOTIFY.
func TestSeveralProcessesBehaveAsOneSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts five processes")
	}
	start := time.Now()
	c := newCluster(t)

	// A saved search with a matching job waits for the workers, so the first
	// instant-alert pass has exactly one email to send.
	c.exec(`INSERT INTO companies (slug, name) VALUES ('acme', 'Acme Health')`)
	c.exec(`INSERT INTO jobs (company_id, company_name, status, title, slug, work_mode, salary_min, salary_max,
		salary_period, published_at, expires_at)
		SELECT id, 'Acme Health', 'active', 'Remote risk adjustment coder', 'coder', 'remote', 25, 30, 'hour',
		now() - interval '10 minutes', now() + interval '30 days' FROM companies WHERE slug = 'acme'`)
	c.exec(`INSERT INTO saved_searches (email, name, query, frequency, confirmed_at, last_digest_at, created_at)
		VALUES ('alerts@example.com', 'Remote', 'work_mode=remote', 'instant', now() - interval '1 hour',
		now() - interval '1 hour', now() - interval '1 hour')`)
	c.exec(`INSERT INTO codes (system, code, descriptor) SELECT 'icd-10-cm', 'Z' || n, 'Test code ' || n
		FROM generate_series(10, 59) n`)

	c.web("web1", "METRICS_ADDR=127.0.0.1:"+c.webMetrics[0])
	c.web("web2", "METRICS_ADDR=127.0.0.1:"+c.webMetrics[1])
	c.worker("worker1", c.smtpURL, "METRICS_ADDR=127.0.0.1:"+c.workerMetrics[0])
	c.worker("worker2", c.smtpURL, "METRICS_ADDR=127.0.0.1:"+c.workerMetrics[1])
	t.Logf("four processes up after %v", time.Since(start).Round(time.Millisecond))

	t.Run("accounts across processes", c.accounts)
	t.Run("meter is exact under concurrency", c.meter)
	t.Run("rate limits and back-off are shared", c.limits)
	t.Run("periodic jobs and alerts run once", c.periodic)
	t.Run("metrics", c.metrics)
	t.Run("stopping a web process loses no request", c.stopWeb)
	t.Run("a killed worker's job goes to the other", c.killWorker)
	t.Logf("whole test %v", time.Since(start).Round(time.Millisecond))
}

type cluster struct {
	t       *testing.T
	d       *app.DB
	bin     string
	env     []string
	smtp    *apptest.SMTPServer
	smtpURL string
	proxy   *roundRobin
	base    string // the proxy's URL
	procs   map[string]*process

	webMetrics    [2]string // ports of web1's and web2's /metrics
	workerMetrics [2]string // ports of worker1's and worker2's /metrics
}

type process struct {
	cmd  *exec.Cmd
	addr string // web processes
	out  *safeBuffer
	done chan struct{}
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	c := &cluster{t: t, d: apptest.DB(t), procs: map[string]*process{},
		webMetrics: [2]string{freePort(t), freePort(t)}, workerMetrics: [2]string{freePort(t), freePort(t)}}
	c.bin = filepath.Join(t.TempDir(), "careercenter")
	build := exec.Command("go", "build", "-o", c.bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var addr string
	c.smtp, addr = apptest.StartSMTP(t, 0)
	c.smtpURL = "smtp://" + addr

	c.proxy = &roundRobin{}
	srv := httptest.NewUnstartedServer(&httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(&url.URL{Scheme: "http", Host: "backend"})
			r.Out.Host = r.In.Host
		},
		Transport: c.proxy,
		ErrorLog:  nil,
	})
	srv.Start()
	t.Cleanup(srv.Close)
	c.base = srv.URL

	dbURL := apptest.URL(c.d)
	extra := []string{"DATABASE_URL=" + dbURL}
	if pooler := os.Getenv("CLUSTER_POOLER"); pooler != "" {
		u, _ := url.Parse(dbURL)
		u.Host = pooler
		extra = []string{"DATABASE_URL=" + u.String(), "DATABASE_POOLER=transaction"}
		if os.Getenv("CLUSTER_DIRECT") != "" {
			extra = append(extra, "DATABASE_DIRECT_URL="+dbURL)
		}
		t.Logf("through the pooler at %s (direct URL for River: %t)", pooler, os.Getenv("CLUSTER_DIRECT") != "")
	}
	c.env = append([]string{"APP_ENV=dev", "HOST=127.0.0.1", "BASE_URL=" + c.base, "LOG_LEVEL=warn",
		"JOB_RESCUE_AFTER=3s", "DB_MAX_CONNS=8", "PATH=" + os.Getenv("PATH")}, extra...)
	t.Cleanup(func() {
		for name, p := range c.procs {
			_ = p.cmd.Process.Kill()
			<-p.done
			if t.Failed() {
				t.Logf("%s output:\n%s", name, p.out.String())
			}
		}
	})
	return c
}

func (c *cluster) exec(query string) {
	c.t.Helper()
	if _, err := c.d.Bun.ExecContext(context.Background(), query); err != nil {
		c.t.Fatalf("%v\n%s", err, query)
	}
}

func (c *cluster) count(query string, args ...any) int {
	c.t.Helper()
	var n int
	if err := c.d.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		c.t.Fatalf("%v\n%s", err, query)
	}
	return n
}

func (c *cluster) start(name string, env []string, args ...string) *process {
	c.t.Helper()
	p := &process{cmd: exec.Command(c.bin, args...), out: &safeBuffer{}, done: make(chan struct{})}
	p.cmd.Env = append(append([]string{}, c.env...), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	c.procs[name] = p
	return p
}

// web starts a web-only process on a free port and adds it to the proxy.
func (c *cluster) web(name string, env ...string) *process {
	c.t.Helper()
	port := freePort(c.t)
	p := c.start(name, append(env, "PORT="+port), "web")
	p.addr = "127.0.0.1:" + port
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + p.addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s did not come up: %v\n%s", name, err, p.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.proxy.add(p.addr)
	return p
}

// worker starts a worker-only process delivering mail through smtpURL.
func (c *cluster) worker(name, smtpURL string, env ...string) *process {
	c.t.Helper()
	p := c.start(name, append(env, "SMTP_URL="+smtpURL, "LOG_LEVEL=info"), "worker")
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(p.out.String(), "worker started") {
		if time.Now().After(deadline) {
			c.t.Fatalf("%s did not start:\n%s", name, p.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return p
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// roundRobin sends each request to the next web process and, like a
// production proxy, retries on another one a request that never reached a
// process (connection refused) or that is safe to repeat.
type roundRobin struct {
	mu       sync.Mutex
	backends []string
	next     atomic.Uint64
	retried  atomic.Int64
	t        http.Transport
}

func (p *roundRobin) add(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.backends = append(p.backends, addr)
}

func (p *roundRobin) RoundTrip(req *http.Request) (*http.Response, error) {
	p.mu.Lock()
	backends := append([]string(nil), p.backends...)
	p.mu.Unlock()
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	n := int(p.next.Add(1))
	var err error
	for i := range backends {
		backend := backends[(n+i)%len(backends)]
		out := req.Clone(req.Context())
		out.URL.Host = backend
		out.Body = io.NopCloser(bytes.NewReader(body))
		var res *http.Response
		res, err = p.t.RoundTrip(out)
		if err == nil {
			res.Header.Set("X-Backend", backend)
			return res, nil
		}
		var op *net.OpError
		safe := req.Method == http.MethodGet || req.Method == http.MethodHead
		if !safe && !(errors.As(err, &op) && op.Op == "dial") {
			break
		}
		p.retried.Add(1)
	}
	return nil, err
}

// client is one browser: cookies kept, redirects not followed.
func (c *cluster) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type answer struct {
	status   int
	body     string
	location string
	backend  string
}

func (c *cluster) do(cl *http.Client, method, path string, form url.Values) answer {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := cl.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, string(b), res.Header.Get("Location"), res.Header.Get("X-Backend")}
}

var csrfRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// form GETs a page and returns its CSRF token and the process that answered.
func (c *cluster) form(cl *http.Client, path string) (string, string) {
	c.t.Helper()
	a := c.do(cl, http.MethodGet, path, nil)
	m := csrfRE.FindStringSubmatch(a.body)
	if a.status != 200 || m == nil {
		c.t.Fatalf("GET %s: %d, no CSRF field", path, a.status)
	}
	return m[1], a.backend
}

// link finds the last link containing part in the mail to address.
func (c *cluster) link(to, part string) string {
	c.t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(c.base) + `[^\s"<>]*`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		msgs := c.mailTo(to)
		for i := len(msgs) - 1; i >= 0; i-- {
			text := strings.NewReplacer("=\r\n", "", "=3D", "=").Replace(msgs[i])
			for _, l := range re.FindAllString(text, -1) {
				if strings.Contains(l, part) {
					return strings.TrimPrefix(l, c.base)
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.t.Fatalf("no %s link mailed to %s", part, to)
	return ""
}

func (c *cluster) mailTo(to string) []string {
	var out []string
	for _, m := range c.smtp.Received() {
		for _, r := range m.To {
			if r == to {
				out = append(out, string(m.Raw))
			}
		}
	}
	return out
}

const clusterPassword = "correct horse battery"

func (c *cluster) accounts(t *testing.T) {
	b := c.client()
	token, first := c.form(b, "/register")
	a := c.do(b, http.MethodPost, "/register", url.Values{"_csrf": {token}, "name": {"Pat Coder"},
		"email": {"pat@example.com"}, "password": {clusterPassword}, "account_type": {"coder"}})
	if a.status != 200 || a.backend == first {
		t.Fatalf("register: %d on %s after the form from %s", a.status, a.backend, first)
	}
	a = c.do(b, http.MethodGet, c.link("pat@example.com", "/verify?token="), nil)
	if a.status != http.StatusSeeOther || a.location != "/start" {
		t.Fatalf("verify: %d to %q", a.status, a.location)
	}
	token, first = c.form(b, "/account")
	// A form without its token is refused by either process.
	if a := c.do(b, http.MethodPost, "/logout", url.Values{}); a.status != http.StatusForbidden {
		t.Fatalf("logout without CSRF: %d", a.status)
	}
	if a := c.do(b, http.MethodPost, "/logout", url.Values{"_csrf": {token}}); a.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", a.status)
	}

	// Log in on one process, use the session on the other, log out there.
	token, first = c.form(b, "/login")
	a = c.do(b, http.MethodPost, "/login", url.Values{"_csrf": {token}, "email": {"pat@example.com"},
		"password": {clusterPassword}})
	if a.status != http.StatusSeeOther || a.backend == first {
		t.Fatalf("login: %d on %s, form from %s", a.status, a.backend, first)
	}
	session := sessionCookie(b, c.base)
	seen := map[string]bool{}
	for range 4 {
		a = c.do(b, http.MethodGet, "/account", nil)
		if a.status != 200 || !strings.Contains(a.body, "pat@example.com") {
			t.Fatalf("account on %s: %d", a.backend, a.status)
		}
		seen[a.backend] = true
	}
	if len(seen) != 2 {
		t.Fatalf("the session was used on %d processes, want 2", len(seen))
	}
	token, first = c.form(b, "/account")
	a = c.do(b, http.MethodPost, "/logout", url.Values{"_csrf": {token}})
	if a.status != http.StatusSeeOther || a.backend == first {
		t.Fatalf("logout: %d on %s", a.status, a.backend)
	}
	// The old session cookie, replayed on either process, is signed out.
	replay := c.client()
	u, _ := url.Parse(c.base)
	replay.Jar.SetCookies(u, []*http.Cookie{session})
	for range 2 {
		if a := c.do(replay, http.MethodGet, "/account", nil); a.status != http.StatusSeeOther ||
			!strings.HasPrefix(a.location, "/login") {
			t.Fatalf("old session on %s: %d to %q", a.backend, a.status, a.location)
		}
	}
}

func sessionCookie(cl *http.Client, base string) *http.Cookie {
	u, _ := url.Parse(base)
	for _, ck := range cl.Jar.Cookies(u) {
		if ck.Name == "cc_session" {
			return ck
		}
	}
	return nil
}

// spend opens 50 different code pages at once and counts the ones shown.
func (c *cluster) spend(t *testing.T, cl *http.Client) (shown, refused int) {
	var wg sync.WaitGroup
	var ok, no atomic.Int64
	backends := sync.Map{}
	for n := 10; n < 60; n++ {
		wg.Go(func() {
			res, err := cl.Get(c.base + "/codes/icd-10-cm/Z" + strconv.Itoa(n))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			backends.Store(res.Header.Get("X-Backend"), true)
			switch res.StatusCode {
			case 200:
				ok.Add(1)
			case http.StatusPaymentRequired:
				no.Add(1)
			default:
				t.Errorf("code page: %d", res.StatusCode)
			}
		})
	}
	wg.Wait()
	n := 0
	backends.Range(func(any, any) bool { n++; return true })
	if n != 2 {
		t.Errorf("the requests reached %d processes, want 2", n)
	}
	return int(ok.Load()), int(no.Load())
}

func (c *cluster) meter(t *testing.T) {
	// A guest with no cookie yet: every request would mint a guest id, and
	// the address still allows one page.
	if shown, refused := c.spend(t, c.client()); shown != 1 || refused != 49 {
		t.Errorf("guest: %d shown, %d refused; want 1 of 50", shown, refused)
	}
	b := c.client()
	token, _ := c.form(b, "/login")
	if a := c.do(b, http.MethodPost, "/login", url.Values{"_csrf": {token}, "email": {"pat@example.com"},
		"password": {clusterPassword}}); a.status != http.StatusSeeOther {
		t.Fatalf("login: %d", a.status)
	}
	if shown, refused := c.spend(t, b); shown != 6 || refused != 44 {
		t.Errorf("free account: %d shown, %d refused; want 6 of 50", shown, refused)
	}
	// Re-views are free and count as granted. Which process granted the six
	// first views is chance; open every page twice, an odd number of requests
	// apart, so each process grants some.
	paths := []string{}
	for n := 10; n < 60; n++ {
		paths = append(paths, "/codes/icd-10-cm/Z"+strconv.Itoa(n))
	}
	paths = append(append(paths, "/"), paths...)
	shown := 0
	for _, p := range paths {
		res, err := b.Get(c.base + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == 200 && p != "/" {
			shown++
		}
	}
	if shown != 12 {
		t.Errorf("free account's re-views: %d shown, want its 6 pages twice", shown)
	}
}

func (c *cluster) limits(t *testing.T) {
	b := c.client()
	token, _ := c.form(b, "/password/forgot")
	backends := map[string]int{}
	var limited int
	for i := range 24 {
		a := c.do(b, http.MethodPost, "/password/forgot", url.Values{"_csrf": {token}, "email": {"nobody@example.com"}})
		backends[a.backend]++
		if a.status == http.StatusTooManyRequests {
			limited++
		} else if i >= 20 {
			t.Errorf("request %d: %d, want 429", i+1, a.status)
		}
	}
	if limited != 4 || len(backends) != 2 {
		t.Errorf("%d of 24 limited over %d processes; want 4 over 2", limited, len(backends))
	}

	// Ten wrong passwords, five on each process, lock the account for a
	// while: even the right password waits.
	token, _ = c.form(b, "/login")
	backends = map[string]int{}
	for range 10 {
		a := c.do(b, http.MethodPost, "/login", url.Values{"_csrf": {token}, "email": {"pat@example.com"},
			"password": {"wrong password"}})
		backends[a.backend]++
		if a.status != http.StatusUnprocessableEntity {
			t.Fatalf("wrong password: %d", a.status)
		}
	}
	a := c.do(b, http.MethodPost, "/login", url.Values{"_csrf": {token}, "email": {"pat@example.com"},
		"password": {clusterPassword}})
	if a.status != http.StatusTooManyRequests || !strings.Contains(a.body, "Too many failed attempts") ||
		backends[a.backend] != 5 {
		t.Fatalf("after ten failures: %d on %s (%v)", a.status, a.backend, backends)
	}
}

func (c *cluster) periodic(t *testing.T) {
	deadline := time.Now().Add(20 * time.Second)
	for len(c.mailTo("alerts@example.com")) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // room for a duplicate to show up
	if n := len(c.mailTo("alerts@example.com")); n != 1 {
		t.Errorf("instant alert sent %d times, want once", n)
	}
	// Both workers ran every periodic job's start: one row per kind.
	for _, kind := range []string{"cleanup", "job_expiry"} {
		if n := c.count(`SELECT count(*) FROM river_job WHERE kind = ?`, kind); n != 1 {
			t.Errorf("%s ran %d times, want once", kind, n)
		}
	}
	for _, freq := range []string{"instant", "daily", "weekly"} {
		if n := c.count(`SELECT count(*) FROM river_job WHERE kind = 'saved_search_alerts' AND args->>'frequency' = ?`, freq); n != 1 {
			t.Errorf("%s alerts ran %d times, want once", freq, n)
		}
	}
}

// metrics scrapes both web processes and the first two workers: requests by route pattern
// (never the raw path), the pool, River's jobs, meter decisions, sign-in
// failures, emails. Which web process served a request is the proxy's
// choice, so a series counts if either process has it; the five wrong
// passwords per process are exact because the limits step checks the split.
func (c *cluster) metrics(t *testing.T) {
	scrape := func(port string) string {
		res, err := http.Get("http://127.0.0.1:" + port + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	web := scrape(c.webMetrics[0]) + scrape(c.webMetrics[1])
	for _, want := range []string{
		`careercenter_http_requests_total{method="GET",route="/codes/:system/:code",status="402"}`,
		`careercenter_http_requests_total{method="POST",route="/login",status="422"} 5`,
		`careercenter_http_request_duration_seconds_bucket{method="GET",route="/register",le="+Inf"}`,
		`careercenter_meter_decisions_total{decision="granted",viewer="free"}`,
		`careercenter_meter_decisions_total{decision="refused",viewer="guest"}`,
		`careercenter_signin_failures_total 5`,
		`careercenter_db_connections_max{pool="main"} 8`,
		`careercenter_db_connections_in_use{pool="main"}`,
		`careercenter_jobs{kind="email",state="completed"}`,
	} {
		if !strings.Contains(web, want) {
			t.Errorf("neither web process's metrics have %s", want)
		}
	}
	if strings.Contains(web, "Z10") || strings.Contains(web, `route="/codes/icd-10-cm`) {
		t.Error("a raw path reached the metrics")
	}
	// Which worker sent the emails is River's choice.
	if worker := scrape(c.workerMetrics[0]) + scrape(c.workerMetrics[1]); !regexp.MustCompile(`careercenter_emails_total\{outcome="sent"\} [1-9]`).MatchString(worker) {
		t.Errorf("neither worker's metrics count an email sent:\n%s", worker)
	}
}

// stopWeb keeps 8 clients busy, stops web1 with SIGTERM half way, and
// expects every request to succeed; a third process then takes its place.
func (c *cluster) stopWeb(t *testing.T) {
	var wg sync.WaitGroup
	var ok, failed atomic.Int64
	stop := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			cl := c.client()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := cl.Get(c.base + "/jobs")
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					ok.Add(1)
				} else {
					failed.Add(1)
				}
			}
		})
	}
	time.Sleep(time.Second)
	web1 := c.procs["web1"]
	if err := web1.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-web1.done:
	case <-time.After(15 * time.Second):
		t.Fatal("web1 did not stop within 15 s of SIGTERM")
	}
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
	if failed.Load() != 0 || ok.Load() < 50 {
		t.Fatalf("%d requests answered, %d lost", ok.Load(), failed.Load())
	}
	if code := web1.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("web1 exited %d", code)
	}
	t.Logf("%d requests answered while web1 stopped, %d retried on web2", ok.Load(), c.proxy.retried.Load())
}

// killWorker: worker2 stops; worker3's SMTP server never answers, so the
// email it takes stays running; kill -9 leaves it to worker1.
func (c *cluster) killWorker(t *testing.T) {
	w2 := c.procs["worker2"]
	_ = w2.cmd.Process.Signal(syscall.SIGTERM)
	<-w2.done
	hole := stallingSMTP(t)
	w1 := c.procs["worker1"]
	_ = w1.cmd.Process.Signal(syscall.SIGSTOP)
	w1Stopped := true
	defer func() {
		if w1Stopped {
			_ = w1.cmd.Process.Signal(syscall.SIGCONT)
		}
	}()
	w3 := c.worker("worker3", "smtp://"+hole)

	b := c.client()
	token, _ := c.form(b, "/register")
	if a := c.do(b, http.MethodPost, "/register", url.Values{"_csrf": {token}, "name": {"Kim Coder"},
		"email": {"kim@example.com"}, "password": {clusterPassword}, "account_type": {"coder"}}); a.status != 200 {
		t.Fatalf("register: %d", a.status)
	}
	deadline := time.Now().Add(20 * time.Second)
	for c.count(`SELECT count(*) FROM river_job WHERE kind = 'email' AND state = 'running'`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("worker3 never took the email")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := w3.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-w3.done
	_ = w1.cmd.Process.Signal(syscall.SIGCONT)
	w1Stopped = false
	killed := time.Now()
	deadline = killed.Add(3 * time.Minute)
	last := ""
	for len(c.mailTo("kim@example.com")) == 0 {
		var st string
		_ = c.d.Bun.NewRaw(`SELECT state::text || ' attempt ' || attempt || ' at ' || coalesce(scheduled_at::text, '') FROM river_job WHERE kind = 'email' ORDER BY id DESC LIMIT 1`).Scan(context.Background(), &st)
		if st != last {
			t.Logf("%v: %s", time.Since(killed).Round(time.Second), st)
			last = st
		}
		if time.Now().After(deadline) {
			t.Fatal("the killed worker's email was not delivered by worker1 within 3 minutes")
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("worker1 delivered the killed worker's email %v after kill -9", time.Since(killed).Round(time.Second))
}

// stallingSMTP accepts connections and never answers.
func stallingSMTP(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go func() { _, _ = bufio.NewReader(conn).ReadString(0) }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	return ln.Addr().String()
}
