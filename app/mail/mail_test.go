package mail_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
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

func newMailer(t *testing.T, d *app.DB) *mail.Mailer {
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

func verifyMessage(to, key string) mail.Message {
	return mail.Message{To: to, Template: "verify_email", Key: key,
		Data: map[string]any{"Name": "Ada", "Link": "https://cc.example/verify/abc"}}
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
			if err := newMailer(t, d).Queue(t.Context(), d.Bun, verifyMessage("ada@example.com", "")); err != nil {
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
				if !strings.Contains(parts[ct], "https://cc.example/verify/abc") {
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
	msgs := []mail.Message{
		verifyMessage("ada@example.com", "verify:1:7"),
		verifyMessage("ada@example.com", "verify:1:7"),
		verifyMessage("bob@example.com", ""), // no key: never deduplicated
		verifyMessage("bob@example.com", ""),
	}
	msgs[1].Data = map[string]any{"Name": "Ada L.", "Link": "https://cc.example/verify/abc"}
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
		if err := newMailer(t, d).Queue(t.Context(), tx, verifyMessage("ada@example.com", "")); err != nil {
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

func TestTemplatesRender(t *testing.T) {
	m := newMailer(t, nil)
	samples := map[string]map[string]any{
		"verify_email":   {"Name": "Ada", "Link": "https://cc.example/verify/abc"},
		"reset_password": {"Name": "Ada", "Link": "https://cc.example/reset/abc"},
		"sign_in_link":   {"Name": "Ada", "Link": "https://cc.example/login/link?token=abc"},
		"login_attempts": {"Name": "Ada", "Attempts": 10, "Minutes": 15, "Link": "https://cc.example/login"},
		"change_email":   {"Name": "Ada", "Link": "https://cc.example/email/confirm?token=abc"},
		"email_changed":  {"Name": "Ada", "NewEmail": "new@example.com"},
		"account_exists": {"Name": "Ada", "Link": "https://cc.example/login"},
		"domain_check": {"CompanyName": "Acme Health", "Domain": "acme.example", "RequesterName": "Bo",
			"Link": "https://cc.example/domain-check?token=abc"},
		"candidate_invite": {"Name": "Ada", "CompanyName": "Acme Health", "Title": "Inpatient coder",
			"Link": "https://cc.example/jobs/1/apply", "ProfileLink": "https://cc.example/profile"},
		"company_invite": {"CompanyName": "Acme Health", "Email": "ada@example.com", "InviterName": "Bo",
			"Link": "https://cc.example/invites/accept?token=abc"},
		"job_approved": {"Name": "Ada", "Title": "Inpatient coder", "Link": "https://cc.example/jobs/1/x"},
		"job_expiring": {"Name": "Ada", "Title": "Inpatient coder", "Expires": "Dec 3, 2026",
			"Link": "https://cc.example/employer"},
		"job_rejected": {"Name": "Ada", "Title": "Inpatient coder", "Reason": "Not a coding job",
			"Link": "https://cc.example/employer"},
		"job_changes_requested": {"Name": "Ada", "Title": "Inpatient coder", "Note": "Add the salary range.",
			"Link": "https://cc.example/jobs/1/edit"},
		"order_paid": {"Name": "Ada", "What": "Featured posting for “Inpatient coder”", "Amount": "$299.00",
			"Link": "https://cc.example/employer", "Receipt": "https://pay.stripe.com/receipts/abc",
			"Next": "Your job is now waiting for review."},
		"payment_failed": {"Name": "Ada", "What": "Pro, monthly", "Amount": "$19.00",
			"Link": "https://cc.example/account", "Retry": "Stripe will try your card again."},
		"job_refunded": {"Name": "Ada", "What": "Standard posting for “Inpatient coder”", "Amount": "$149.00",
			"Link": "https://cc.example/employer", "JobNote": "Your job “Inpatient coder” has been taken down."},
		"order_disputed": {"Order": "42", "What": "Standard posting for “Inpatient coder”", "Amount": "$149.00",
			"Buyer": "ada@example.com", "Link": "https://cc.example/admin/payments"},
		"application_received": {"Name": "Ada", "Title": "Inpatient coder", "Company": "Acme Health",
			"Link": "https://cc.example/applications"},
		"application_new": {"Name": "Bo", "Title": "Inpatient coder", "Candidate": "Ada Coder",
			"Link": "https://cc.example/employer/applications/7"},
		"application_status": {"Name": "Ada", "Title": "Inpatient coder", "Company": "Acme Health",
			"Status": "Interviewing", "News": "The employer would like to interview you.",
			"Link": "https://cc.example/applications"},
		"alert_jobs": {"Name": "Remote coding", "Description": "Remote CPC jobs", "Count": 1,
			"Jobs": []map[string]string{{"Title": "Inpatient coder", "Company": "Acme Health",
				"Pay": "$25 per hour", "WorkMode": "Remote", "Link": "https://cc.example/jobs/1/x"}},
			"More": 3, "MoreLink": "https://cc.example/jobs?work_mode=remote",
			"ManageLink": "https://cc.example/alerts", "UnsubscribeLink": "https://cc.example/alerts/unsubscribe?token=1.x"},
		"alert_confirm": {"Name": "Remote coding", "Search": "Remote CPC jobs", "Frequency": "a daily digest",
			"Link": "https://cc.example/alerts/confirm?token=abc"},
	}
	// A new template must get sample data here.
	files, _ := fs.Glob(os.DirFS("../../views"), "emails/*.txt")
	if len(files) != len(samples)+1 { // +1: layout.txt
		t.Errorf("%d email templates on disk, %d have sample data here", len(files)-1, len(samples))
	}
	for name, data := range samples {
		args, err := m.Render(mail.Message{To: "ada@example.com", Template: name, Data: data})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if args.Subject == "" || strings.Contains(args.Subject, "\n") {
			t.Errorf("%s: subject %q", name, args.Subject)
		}
		for _, v := range data {
			if v, ok := v.(string); ok && (!strings.Contains(args.Text, v) || !strings.Contains(args.HTML, v)) {
				t.Errorf("%s: %q missing from a body", name, v)
			}
		}
		if !strings.Contains(args.HTML, "CareerCenter") || !strings.Contains(args.Text, "https://cc.example") {
			t.Errorf("%s: layout missing", name)
		}
	}

	if _, err := m.Render(mail.Message{Template: "no_such_email"}); err == nil {
		t.Error("unknown template: no error")
	}
	if _, err := m.Render(mail.Message{Template: "verify_email", Data: map[string]any{"Name": "Ada"}}); err == nil {
		t.Error("missing Link: no error")
	}
}

func TestNewRejectsBrokenTemplates(t *testing.T) {
	layouts := fstest.MapFS{
		"emails/layout.txt":  {Data: []byte(`{{template "content" .}}`)},
		"emails/layout.html": {Data: []byte(`<html>{{template "content" .}}</html>`)},
	}
	tests := map[string]fstest.MapFS{
		"no subject line": {"emails/a.txt": {Data: []byte("Hello\n")}, "emails/a.html": {Data: []byte("<p>Hello</p>")}},
		"no html half":    {"emails/a.txt": {Data: []byte("Subject: Hi\nHello\n")}},
		"syntax error":    {"emails/a.txt": {Data: []byte("Subject: Hi\n{{.Name\n")}, "emails/a.html": {Data: []byte("<p>Hello</p>")}},
		"no templates":    {},
	}
	for name, files := range tests {
		for k, v := range layouts {
			files[k] = v
		}
		if _, err := mail.New(files, "noreply@example.com", "https://cc.example", nil); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
	if _, err := mail.New(os.DirFS("../../views"), "not an address", "https://cc.example", nil); err == nil {
		t.Error("bad from address: New succeeded")
	}
}
