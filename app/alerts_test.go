package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
	"careercenter/views"
)

const alertSecret = "test secret for unsubscribe links"

// alertKit is a fresh database with one company, a mailer and an alert
// worker whose clock the test moves.
type alertKit struct {
	t       testing.TB
	d       *app.DB
	now     time.Time
	company int64
	worker  *app.AlertWorker
}

func newAlertKit(t testing.TB) *alertKit {
	t.Helper()
	d := apptest.DB(t)
	jobs, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mailer, err := mail.New(views.FS, "CareerCenter <jobs@localhost>", "http://jobs.test", jobs)
	if err != nil {
		t.Fatal(err)
	}
	k := &alertKit{t: t, d: d, now: time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)}
	k.worker = &app.AlertWorker{DB: d.Bun, Mail: mailer, Secret: alertSecret,
		Clock: func() time.Time { return k.now }}
	if err := d.Bun.NewRaw(`INSERT INTO companies (slug, name) VALUES ('acme', 'Acme Health') RETURNING id`).
		Scan(context.Background(), &k.company); err != nil {
		t.Fatal(err)
	}
	return k
}

// job inserts a live remote job published at pub.
func (k *alertKit) job(title string, pub time.Time) int64 {
	k.t.Helper()
	var id int64
	err := k.d.Bun.NewRaw(`INSERT INTO jobs (company_id, company_name, status, title, slug, work_mode,
		salary_min, salary_max, salary_period, published_at, expires_at)
		VALUES (?, 'Acme Health', 'active', ?, 'coder', 'remote', 25, 30, 'hour', ?, ?) RETURNING id`,
		k.company, title, pub, pub.Add(models.JobLifetime)).Scan(context.Background(), &id)
	if err != nil {
		k.t.Fatal(err)
	}
	return id
}

func (k *alertKit) search(email, query, freq string, created time.Time) int64 {
	k.t.Helper()
	var id int64
	err := k.d.Bun.NewRaw(`INSERT INTO saved_searches (email, name, query, frequency, confirmed_at, last_digest_at, created_at)
		VALUES (?, 'Remote work', ?, ?, ?, ?, ?) RETURNING id`, email, query, freq, created, created, created).
		Scan(context.Background(), &id)
	if err != nil {
		k.t.Fatal(err)
	}
	return id
}

func (k *alertKit) run(freq string) {
	k.t.Helper()
	if err := k.worker.Run(context.Background(), freq); err != nil {
		k.t.Fatal(err)
	}
}

// queued returns the alert emails queued so far, oldest first.
func (k *alertKit) queued() []mail.EmailArgs {
	k.t.Helper()
	var raw []string
	err := k.d.Bun.NewSelect().Table("river_job").ColumnExpr("args::text").
		Where("kind = 'email' AND args->>'key' LIKE 'alert:%'").Order("id").Scan(context.Background(), &raw)
	if err != nil {
		k.t.Fatal(err)
	}
	out := make([]mail.EmailArgs, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal([]byte(r), &out[i]); err != nil {
			k.t.Fatal(err)
		}
	}
	return out
}

func TestDigestsSendOnlyNewJobsAcrossThreeRuns(t *testing.T) {
	t.Parallel()
	k := newAlertKit(t)
	start := k.now
	k.job("Old coder", start.Add(-time.Hour)) // before the search was saved
	k.search("ada@example.com", "work_mode=remote", models.AlertDaily, start)
	k.job("Onsite coder", start.Add(time.Hour))
	k.d.Bun.NewRaw(`UPDATE jobs SET work_mode = 'onsite' WHERE title = 'Onsite coder'`).Exec(context.Background())
	batches := [][]string{{"First coder", "Second coder"}, {"Third coder"}, {"Fourth coder", "Fifth coder"}}
	for day, titles := range batches {
		for i, title := range titles {
			k.job(title, k.now.Add(time.Duration(2+i)*time.Hour))
		}
		k.now = k.now.Add(24 * time.Hour)
		k.run(models.AlertDaily)
		k.run(models.AlertDaily) // a second run the same hour sends nothing
		got := k.queued()
		if len(got) != day+1 {
			t.Fatalf("day %d: %d alert emails queued, want %d", day+1, len(got), day+1)
		}
		e := got[day]
		for _, title := range titles {
			if !strings.Contains(e.Text, title) || !strings.Contains(e.HTML, title) {
				t.Errorf("day %d: %q missing from\n%s", day+1, title, e.Text)
			}
		}
		for _, other := range []string{"Old coder", "Onsite coder"} {
			if strings.Contains(e.Text, other) {
				t.Errorf("day %d: %q sent", day+1, other)
			}
		}
		for _, earlier := range batches[:day] {
			for _, title := range earlier {
				if strings.Contains(e.Text, title) {
					t.Errorf("day %d: %q sent again", day+1, title)
				}
			}
		}
		if strings.Count(e.Text, "http://jobs.test/jobs/") != len(titles) {
			t.Errorf("day %d: want %d job links in\n%s", day+1, len(titles), e.Text)
		}
		for _, want := range []string{"$25–$30 per hour", "Remote", "Acme Health", "Remote jobs",
			"http://jobs.test/alerts", "/alerts/unsubscribe?token="} {
			if !strings.Contains(e.Text, want) {
				t.Errorf("day %d: %q missing from\n%s", day+1, want, e.Text)
			}
		}
	}
}

func TestDigestLinksToTheRestBeyondTwenty(t *testing.T) {
	t.Parallel()
	k := newAlertKit(t)
	k.search("ada@example.com", "", models.AlertWeekly, k.now)
	for i := range 25 {
		k.job("Coder", k.now.Add(time.Duration(i+1)*time.Hour))
	}
	k.now = k.now.Add(7 * 24 * time.Hour)
	k.run(models.AlertWeekly)
	got := k.queued()
	if len(got) != 1 || strings.Count(got[0].Text, "http://jobs.test/jobs/") != models.AlertMaxJobs ||
		!strings.Contains(got[0].Text, "5 more jobs match") || !strings.Contains(got[0].Text, "http://jobs.test/jobs\n") {
		t.Fatalf("%d emails; want one with 20 jobs and a link to 5 more:\n%s", len(got), got[0].Text)
	}
}

func TestAlertsSurviveAnSMTPOutageExactlyOnce(t *testing.T) {
	t.Parallel()
	k := newAlertKit(t)
	srv, addr := apptest.StartSMTP(t, 5)
	sender, err := mail.NewSMTPSender("smtp://"+addr, "CareerCenter <jobs@localhost>", mail.WithoutTLS())
	if err != nil {
		t.Fatal(err)
	}

	recipients := []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com"}
	ids := map[string]int64{}
	for _, to := range recipients {
		ids[to] = k.search(to, "work_mode=remote", models.AlertInstant, k.now.Add(-time.Hour))
	}
	k.job("Remote coder", k.now.Add(-time.Minute))
	k.run(models.AlertInstant)
	k.job("Second remote coder", k.now)
	k.now = k.now.Add(time.Minute)
	k.run(models.AlertInstant)
	k.run(models.AlertInstant)

	workers := river.NewWorkers()
	mail.AddWorkers(workers, sender)
	apptest.Workers(t, k.d, workers)
	want := 2 * len(recipients)
	deadline := time.Now().Add(20 * time.Second)
	for len(srv.Received()) < want && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // a duplicate would arrive now
	got := srv.Received()
	if len(got) != want {
		t.Fatalf("%d messages delivered, want %d", len(got), want)
	}
	seen := map[string]int{}
	for _, m := range got {
		msg, err := netmail.ReadMessage(bytes.NewReader(m.Raw))
		if err != nil {
			t.Fatal(err)
		}
		to := strings.Trim(msg.Header.Get("To"), "<>")
		body, _ := io.ReadAll(msg.Body)
		title := "Second remote coder"
		if !bytes.Contains(body, []byte(title)) {
			title = "Remote coder"
		}
		seen[to+" "+title]++
		unsub := "<http://jobs.test/alerts/unsubscribe?token=" + models.UnsubscribeToken(alertSecret, ids[to]) + ">"
		if h := msg.Header.Get("List-Unsubscribe"); h != unsub {
			t.Errorf("%s: List-Unsubscribe = %q, want %q", to, h, unsub)
		}
		if h := msg.Header.Get("List-Unsubscribe-Post"); h != "List-Unsubscribe=One-Click" {
			t.Errorf("%s: List-Unsubscribe-Post = %q", to, h)
		}
	}
	for _, to := range recipients {
		for _, title := range []string{"Remote coder", "Second remote coder"} {
			if seen[to+" "+title] != 1 {
				t.Errorf("%s got %q %d times, want once", to, title, seen[to+" "+title])
			}
		}
	}
	var logged int
	if err := k.d.Bun.NewRaw(`SELECT count(*) FROM alert_sends`).Scan(context.Background(), &logged); err != nil || logged != want {
		t.Errorf("alert_sends has %d rows, want %d", logged, want)
	}
}
