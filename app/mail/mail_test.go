package mail_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
	"careercenter/models/email"
)

// startSMTP runs an apptest.SMTPServer and returns a sender pointed at it.
func startSMTP(t *testing.T, refuse int) (*apptest.SMTPServer, mail.Sender) {
	t.Helper()
	srv, addr := apptest.StartSMTP(t, refuse)
	sender, err := mail.NewSMTPSender("smtp://"+addr, "CareerCenter <noreply@example.com>", mail.WithoutTLS())
	if err != nil {
		t.Fatal(err)
	}
	return srv, sender
}

func newMailer(t *testing.T, d *app.DB) *email.Mail {
	t.Helper()
	var jobs *river.Client[*sql.Tx]
	if d != nil {
		var err error
		if jobs, err = river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := mail.New(os.DirFS("../../views"), "CareerCenter <noreply@example.com>", "https://cc.example", jobs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// startWorkers runs a River client that works the email queue with sender.
func startWorkers(t *testing.T, d *app.DB, sender mail.Sender) *river.Client[pgx.Tx] {
	t.Helper()
	workers := river.NewWorkers()
	mail.AddWorkers(workers, sender)
	return apptest.Workers(t, d, workers)
}

// waitCompleted waits until want email jobs exist and all are completed.
func waitCompleted(t *testing.T, client *river.Client[pgx.Tx], want int) []*rivertype.JobRow {
	t.Helper()
	var jobs []*rivertype.JobRow
	done := 0
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		res, err := client.JobList(context.Background(), river.NewJobListParams().Kinds("email"))
		if err != nil {
			t.Fatal(err)
		}
		jobs, done = res.Jobs, 0
		for _, j := range jobs {
			if j.State == rivertype.JobStateCompleted {
				done++
			}
		}
		if len(jobs) == want && done == want {
			return jobs
		}
	}
	t.Fatalf("%d email jobs, %d completed; want %d, all completed", len(jobs), done, want)
	return nil
}

func countJobs(t *testing.T, d *app.DB) int {
	t.Helper()
	n, err := d.Bun.NewSelect().Table("river_job").Where("kind = 'email'").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// verifyMessage is a verify_email to to, queued under key ("": none).
func verifyMessage(t *testing.T, to, key string) email.Email {
	return verifyAs(t, "Ada", to, key)
}

func verifyAs(t *testing.T, name, to, key string) email.Email {
	t.Helper()
	e, err := newMailer(t, nil).VerifyEmail(&models.User{Name: name, Email: to}, 1, "abc")
	if err != nil {
		t.Fatal(err)
	}
	e.Key = key
	return e
}

// parse returns the To and Subject headers and the body of each MIME part by type.
func parse(t *testing.T, raw []byte) (to, subject string, parts map[string]string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q, want multipart/alternative", msg.Header.Get("Content-Type"))
	}
	parts = make(map[string]string)
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, _ := io.ReadAll(p)
		parts[ct] = string(b)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	return msg.Header.Get("To"), subject, parts
}

func TestQueuedEmailIsDelivered(t *testing.T) {
	tests := []struct {
		name   string
		refuse int
	}{
		{"first try", 0},
		{"after two refusals", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := apptest.DB(t)
			srv, sender := startSMTP(t, tt.refuse)
			if err := newMailer(t, d).Queue(t.Context(), d.Bun, verifyMessage(t, "ada@example.com", "")); err != nil {
				t.Fatal(err)
			}
			jobs := waitCompleted(t, startWorkers(t, d, sender), 1)
			if jobs[0].Attempt != tt.refuse+1 {
				t.Errorf("attempts = %d, want %d", jobs[0].Attempt, tt.refuse+1)
			}
			got := srv.Received()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			to, subject, parts := parse(t, got[0].Raw)
			if to != "<ada@example.com>" && to != "ada@example.com" {
				t.Errorf("To = %q", to)
			}
			if subject != "Confirm your email address" {
				t.Errorf("Subject = %q", subject)
			}
			for _, ct := range []string{"text/plain", "text/html"} {
				if !strings.Contains(parts[ct], "https://cc.example/verify?token=abc") {
					t.Errorf("%s part lacks the link: %q", ct, parts[ct])
				}
			}
		})
	}
}

func TestSameKeyIsQueuedOnce(t *testing.T) {
	t.Parallel()
	d := apptest.DB(t)
	m := newMailer(t, d)
	srv, sender := startSMTP(t, 0)
	msgs := []email.Email{
		verifyMessage(t, "ada@example.com", "verify:1:7"),
		verifyAs(t, "Ada L.", "ada@example.com", "verify:1:7"),
		verifyMessage(t, "bob@example.com", ""), // no key: never deduplicated
		verifyMessage(t, "bob@example.com", ""),
	}
	for _, msg := range msgs {
		if err := m.Queue(t.Context(), d.Bun, msg); err != nil {
			t.Fatal(err)
		}
	}
	waitCompleted(t, startWorkers(t, d, sender), 3)
	if n := len(srv.Received()); n != 3 {
		t.Errorf("server received %d messages, want 3 (one keyed, two unkeyed)", n)
	}
}

func TestQueueFollowsTransaction(t *testing.T) {
	for _, commit := range []bool{true, false} {
		d := apptest.DB(t)
		tx, err := d.Bun.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := newMailer(t, d).Queue(t.Context(), tx, verifyMessage(t, "ada@example.com", "")); err != nil {
			t.Fatal(err)
		}
		if n := countJobs(t, d); n != 0 {
			t.Errorf("commit=%v: %d jobs visible before the transaction ends", commit, n)
		}
		want := 0
		if commit {
			want = 1
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		if n := countJobs(t, d); n != want {
			t.Errorf("commit=%v: %d jobs, want %d", commit, n, want)
		}
	}
}

func TestOutboxSender(t *testing.T) {
	t.Parallel()
	d := apptest.DB(t)
	ctx := t.Context()
	out := mail.OutboxSender{DB: d.Bun}
	for _, subject := range []string{"first", "second"} {
		if err := out.Send(ctx, mail.Email{To: "ada@example.com", Subject: subject, Text: "hi", HTML: "<p>hi</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := models.DevMails(ctx, d.Bun, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Subject != "second" || got[0].To != "ada@example.com" || got[0].HTML != "<p>hi</p>" {
		t.Fatalf("DevMails = %+v, want the newest one only", got)
	}
	one, err := models.DevMailByID(ctx, d.Bun, got[0].ID)
	if err != nil || one.Text != "hi" || one.CreatedAt.IsZero() {
		t.Fatalf("DevMailByID = %+v, %v", one, err)
	}
	if _, err := models.DevMailByID(ctx, d.Bun, got[0].ID+100); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("DevMailByID of a missing id: %v, want ErrNotFound", err)
	}
}
