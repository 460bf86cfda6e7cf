package app_test

import (
	"context"
	"sync"
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

func TestExpiryWorkerExpiresAndRemindsOnce(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	jobs, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mailer, err := mail.New(views.FS, "CareerCenter <jobs@localhost>", "http://jobs.test", jobs)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	worker := func() *app.ExpiryWorker {
		return &app.ExpiryWorker{DB: d.Bun, Mail: mailer, Clock: func() time.Time { return now }}
	}

	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "Writer", Email: "hr@example.com",
		Password: "long enough password", AccountType: models.AccountEmployer})
	if err != nil {
		t.Fatal(err)
	}
	var company int64
	if err := d.Bun.NewRaw(`INSERT INTO companies (slug, name) VALUES ('acme', 'Acme') RETURNING id`).Scan(ctx, &company); err != nil {
		t.Fatal(err)
	}
	job := func(title string, expires time.Time) int64 {
		var id int64
		err := d.Bun.NewRaw(`INSERT INTO jobs (company_id, created_by, status, title, slug, expires_at)
			VALUES (?, ?, 'active', ?, 'job', ?) RETURNING id`, company, u.ID, title, expires).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	past := job("Past Coder", now.Add(-time.Minute))
	job("Soon Coder", now.Add(2*24*time.Hour))
	job("Later Coder", now.Add(5*24*time.Hour))

	// Two workers at once, then another pass: one reminder in all.
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- worker().Work(ctx, nil)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := worker().Work(ctx, nil); err != nil {
		t.Fatal(err)
	}

	expired, err := models.JobByID(ctx, d.Bun, past)
	if err != nil || expired.Status != models.JobExpired {
		t.Fatalf("past job: %v %s", err, expired.Status)
	}
	var subjects []string
	err = d.Bun.NewRaw(`SELECT args->>'subject' FROM river_job WHERE kind = 'email' AND args->>'to' = 'hr@example.com'`).
		Scan(ctx, &subjects)
	if err != nil || len(subjects) != 1 || subjects[0] != "Your job “Soon Coder” expires on Mar 3, 2030" {
		t.Fatalf("reminders: %v %q", err, subjects)
	}
}
