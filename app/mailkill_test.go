package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net"
	netmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
	"careercenter/models/email"
)

// killSMTP is a mail server for the kill test. Like a real one it keeps a
// message when the end of its DATA arrives, and answers after dataDelay; it
// notes which Message-IDs are inside that exchange at any moment.
type killSMTP struct {
	mu       sync.Mutex
	got      map[string]int       // Message-ID → deliveries
	first    map[string]time.Time // Message-ID → first delivery
	last     time.Time            // of any delivery
	inData   map[string]bool      // kept, not yet answered
	answered map[string]bool      // answered 250 at least once
}

const dataDelay = 40 * time.Millisecond

func (s *killSMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return &killSession{s}, nil }

type killSession struct{ s *killSMTP }

func (k *killSession) Reset()                               {}
func (k *killSession) Logout() error                        { return nil }
func (k *killSession) Mail(string, *smtp.MailOptions) error { return nil }
func (k *killSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (k *killSession) AuthPlain(string, string) error       { return nil }
func (k *killSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return err
	}
	id := msg.Header.Get("Message-Id")
	s := k.s
	s.mu.Lock()
	s.got[id]++
	s.last = time.Now()
	if _, ok := s.first[id]; !ok {
		s.first[id] = time.Now()
	}
	s.inData[id] = true
	s.mu.Unlock()
	time.Sleep(dataDelay)
	s.mu.Lock()
	delete(s.inData, id)
	s.answered[id] = true
	s.mu.Unlock()
	return nil
}

// TestKillDuringMailBurst measures what a kill -9 of the worker process in
// the middle of a burst of sends costs: it runs the real binary against a
// real database and a mail server, kills it, starts it again and waits for
// every email. Every email must arrive within five minutes of the restart,
// and only a message inside its DATA exchange at the kill may arrive twice
// (the worker records a job as sent right after the server's 250). It takes about three minutes,
// so it runs only with MAIL_KILL_TEST=1:
//
//	MAIL_KILL_TEST=1 go test -run KillDuringMailBurst -v -timeout 10m ./app/
func TestKillDuringMailBurst(t *testing.T) {
	if os.Getenv("MAIL_KILL_TEST") == "" {
		t.Skip("set MAIL_KILL_TEST=1 to run (about three minutes)")
	}
	const total, killAfter = 400, 150
	d := apptest.DB(t)
	ctx := context.Background()

	bin := filepath.Join(t.TempDir(), "careercenter")
	if out, err := exec.Command("go", "build", "-o", bin, "careercenter").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	srv := &killSMTP{got: map[string]int{}, first: map[string]time.Time{}, inData: map[string]bool{}, answered: map[string]bool{}}
	smtpSrv := smtp.NewServer(srv)
	smtpSrv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = smtpSrv.Serve(ln) }()
	t.Cleanup(func() { _ = smtpSrv.Close() })

	// The burst: total emails queued at once.
	jobs, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.New(os.DirFS("../views"), "CareerCenter <noreply@example.com>", "https://cc.example", jobs)
	if err != nil {
		t.Fatal(err)
	}
	msgs := make([]email.Email, total)
	for i := range msgs {
		u := &models.User{Name: "Ada", Email: "coder" + strconv.Itoa(i) + "@example.com"}
		if msgs[i], err = m.VerifyEmail(u, int64(i), strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Queue(ctx, d.Bun, msgs...); err != nil {
		t.Fatal(err)
	}

	logs := filepath.Join(t.TempDir(), "worker.log")
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "worker")
		cmd.Env = append(os.Environ(), "APP_ENV=dev", "DATABASE_URL="+apptest.URL(d),
			"SMTP_URL=smtp://"+ln.Addr().String(), "MAIL_FROM=CareerCenter <noreply@example.com>")
		f, err := os.OpenFile(logs, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = f, f
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	delivered := func() int {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		return len(srv.got)
	}

	first := start()
	for deadline := time.Now().Add(time.Minute); delivered() < killAfter; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(logs)
			t.Fatalf("only %d delivered before the kill\n%s", delivered(), out)
		}
	}
	if err := first.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = first.Wait()
	srv.mu.Lock()
	killedAt := time.Now()
	inData := make(map[string]bool)
	for id := range srv.inData {
		inData[id] = true
	}
	atKill := len(srv.got)
	answered := make(map[string]bool)
	for id := range srv.answered {
		answered[id] = true
	}
	srv.mu.Unlock()
	// Answered messages whose job the dead process had not yet recorded as
	// done: they are sent again too.
	unrecorded := 0
	for id := range answered {
		var state string
		err := d.Bun.NewRaw(`SELECT state FROM river_job WHERE args->>'message_id' = ?`, id[1:len(id)-1]).Scan(ctx, &state)
		if err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		if state != "completed" {
			unrecorded++
		}
	}

	restart := time.Now()
	second := start()
	t.Cleanup(func() { _ = second.Process.Kill(); _ = second.Wait() })
	// Done when every job is recorded as sent: a job the kill left running
	// is sent again only once River rescues it.
	completed := func() int {
		n, err := d.Bun.NewSelect().Table("river_job").Where("kind = 'email' AND state = 'completed'").Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	for deadline := restart.Add(6 * time.Minute); delivered() < total || completed() < total; time.Sleep(time.Second) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d delivered, %d recorded as sent, 6 minutes after the restart", delivered(), total, completed())
		}
	}
	var lastFirst time.Time
	dups, dupsInData := 0, 0
	srv.mu.Lock()
	last := srv.last
	for id, n := range srv.got {
		if srv.first[id].After(lastFirst) {
			lastFirst = srv.first[id]
		}
		if n > 1 {
			dups += n - 1
			if inData[id] {
				dupsInData += n - 1
			}
		}
	}
	srv.mu.Unlock()
	t.Logf("%d emails queued; killed after %d delivered (%d inside DATA, %d answered but not recorded as sent); "+
		"restart %.1f s after the kill; every email delivered %.1f s and the last delivery %.1f s after the restart; "+
		"%d duplicates, %d of them inside DATA at the kill",
		total, atKill, len(inData), unrecorded, restart.Sub(killedAt).Seconds(), lastFirst.Sub(restart).Seconds(),
		last.Sub(restart).Seconds(), dups, dupsInData)
	if last.Sub(restart) > 5*time.Minute {
		t.Errorf("the last email arrived %v after the restart, want within 5 minutes", last.Sub(restart))
	}
	if dups != dupsInData || unrecorded > 0 {
		t.Errorf("%d duplicates, %d of them inside DATA at the kill; %d answered but not recorded as sent: "+
			"only a message inside DATA may arrive twice", dups, dupsInData, unrecorded)
	}
}
