package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

var jobStatuses = []string{models.JobDraft, models.JobPendingPayment, models.JobPendingReview, models.JobActive,
	models.JobExpired, models.JobFilled, models.JobRejected, models.JobWithdrawn, models.JobRemoved}

// postingKit is a database with one employer and their company.
type postingKit struct {
	t       *testing.T
	ctx     context.Context
	db      *bun.DB
	user    *models.User
	company int64
}

func newPostingKit(t *testing.T) postingKit {
	d := apptest.DB(t)
	k := postingKit{t: t, ctx: context.Background(), db: d.Bun}
	k.user, k.company = k.employer("writer@example.com", "acme-health")
	return k
}

// employer registers email and makes it the owner of a new company.
func (k postingKit) employer(email, slug string) (*models.User, int64) {
	k.t.Helper()
	u, _, err := models.RegisterUser(k.ctx, k.db, models.Registration{Name: "Writer", Email: email,
		Password: "long enough password", AccountType: models.AccountEmployer})
	if err != nil {
		k.t.Fatal(err)
	}
	var id int64
	if err := k.db.NewRaw(`INSERT INTO companies (slug, name) VALUES (?, ?) RETURNING id`, slug, "Co "+slug).
		Scan(k.ctx, &id); err != nil {
		k.t.Fatal(err)
	}
	if _, err := k.db.ExecContext(k.ctx, `INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, 'owner')`,
		id, u.ID); err != nil {
		k.t.Fatal(err)
	}
	return u, id
}

// input is a complete job form for the kit's company.
func (k postingKit) input() models.JobInput {
	return models.JobInput{CompanyID: k.company, Title: "Outpatient Coder II", WorkMode: "remote",
		EmploymentType: "full_time", Required: [][]string{{"RHIT"}, {"CCS", "CIC"}}, Preferred: []string{"CPC", "CCS"},
		SalaryMin: "52000", SalaryMax: "$65,000", SalaryPeriod: "year", Systems: "Epic, 3M 360 Encompass, Epic",
		ApplyMethod: "url", ApplyURL: "https://example.com/apply", Description: "Code outpatient charts.",
		Plan: models.PlanStandard}
}

// job saves a complete job and puts it in status with the dates that status
// has: live ones expire in 5 days (renewable), expired ones expired yesterday.
func (k postingKit) job(status string, now time.Time) *models.Job {
	k.t.Helper()
	j, err := models.CreateJob(k.ctx, k.db, k.user.ID, k.input(), now)
	if err != nil {
		k.t.Fatal(err)
	}
	expires := map[string]time.Time{models.JobActive: now.Add(5 * 24 * time.Hour),
		models.JobExpired: now.Add(-24 * time.Hour)}[status]
	_, err = k.db.NewUpdate().Model((*models.Job)(nil)).Set("status = ?", status).
		Set("expires_at = ?", bun.NullZero(expires)).Where("id = ?", j.ID).Exec(k.ctx)
	if err != nil {
		k.t.Fatal(err)
	}
	return k.reload(j.ID)
}

func (k postingKit) reload(id int64) *models.Job {
	k.t.Helper()
	j, err := models.JobByID(k.ctx, k.db, id)
	if err != nil {
		k.t.Fatal(err)
	}
	return j
}

func TestJobTransitionTable(t *testing.T) {
	allowed := map[string]bool{
		"draft→pending_payment": true, "draft→pending_review": true, "draft→active": true,
		"pending_payment→pending_review": true, "pending_payment→active": true, "pending_payment→withdrawn": true,
		"pending_review→active": true, "pending_review→rejected": true, "pending_review→withdrawn": true,
		"pending_review→draft": true, "active→active": true, "active→pending_review": true, "active→expired": true, "active→filled": true,
		"active→withdrawn": true, "active→removed": true,
		"expired→draft": true, "expired→filled": true, "expired→active": true,
		"filled→active": true, "withdrawn→active": true,
	}
	for _, from := range jobStatuses {
		for _, to := range jobStatuses {
			pair := from + "→" + to
			if got := models.CanChangeJobStatus(from, to); got != allowed[pair] {
				t.Errorf("%s: allowed %v, want %v", pair, got, allowed[pair])
			}
		}
	}
}

// Every lifecycle function from every status: the allowed starts end where
// they should, every other start is refused and leaves the job as it was.
func TestLifecycleFunctionsFromEveryStatus(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	type action func(ctx context.Context, db bun.IDB, id int64, now time.Time) (*models.Job, error)
	cases := []struct {
		name string
		do   action
		from map[string]string // start → end
	}{
		{"submit", func(ctx context.Context, db bun.IDB, id int64, now time.Time) (*models.Job, error) {
			return models.SubmitJob(ctx, db, id, false, now)
		}, map[string]string{models.JobDraft: models.JobPendingReview}},
		{"pay", models.PayJob, map[string]string{models.JobPendingPayment: models.JobPendingReview}},
		{"approve", models.ApproveJob, map[string]string{models.JobPendingReview: models.JobActive}},
		{"reject", func(ctx context.Context, db bun.IDB, id int64, now time.Time) (*models.Job, error) {
			return models.RejectJob(ctx, db, id, "Salary missing", now)
		}, map[string]string{models.JobPendingReview: models.JobRejected}},
		{"renew", models.RenewJob, map[string]string{models.JobActive: models.JobActive}},
		{"relist", models.RelistJob, map[string]string{models.JobExpired: models.JobDraft}},
		{"fill", models.MarkJobFilled, map[string]string{models.JobActive: models.JobFilled, models.JobExpired: models.JobFilled}},
		{"withdraw", models.WithdrawJob, map[string]string{models.JobActive: models.JobWithdrawn}},
		{"remove", models.RemoveJob, map[string]string{models.JobActive: models.JobRemoved}},
		{"renew paid", models.RenewPaidJob, map[string]string{models.JobActive: models.JobActive,
			models.JobExpired: models.JobActive}},
		{"withdraw refunded", models.WithdrawRefundedJob, map[string]string{models.JobPendingPayment: models.JobWithdrawn,
			models.JobPendingReview: models.JobWithdrawn, models.JobActive: models.JobWithdrawn}},
	}
	for _, c := range cases {
		for _, from := range jobStatuses {
			t.Run(fmt.Sprintf("%s from %s", c.name, from), func(t *testing.T) {
				j := k.job(from, now)
				got, err := c.do(k.ctx, k.db, j.ID, now)
				after := k.reload(j.ID)
				want, ok := c.from[from]
				if !ok {
					var te *models.TransitionError
					if !errors.Is(err, models.ErrInvalidTransition) || !errors.As(err, &te) || te.From != from {
						t.Fatalf("want a refusal from %s, got %v", from, err)
					}
					if after.Status != from || !after.UpdatedAt.Equal(j.UpdatedAt) {
						t.Fatalf("refused change still changed the job: %s", after.Status)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != want || after.Status != want {
					t.Fatalf("status %s (returned %s), want %s", after.Status, got.Status, want)
				}
			})
		}
	}
}

func TestSubmitJobRoutes(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)

	j, err := models.SubmitJob(k.ctx, k.db, k.job(models.JobDraft, now).ID, true, now)
	if err != nil || j.Status != models.JobPendingPayment || !j.SubmittedAt.Equal(now) {
		t.Fatalf("with payments: %v %+v", err, j)
	}

	// An incomplete draft names the fields to fill in and stays a draft.
	in := models.JobInput{CompanyID: k.company, Title: "Coder"}
	draft, err := models.CreateJob(k.ctx, k.db, k.user.ID, in, now)
	if err != nil {
		t.Fatal(err)
	}
	_, err = models.SubmitJob(k.ctx, k.db, draft.ID, false, now)
	v, ok := models.AsValidation(err)
	if !ok || v["description"] == "" || v["apply_url"] == "" {
		t.Fatalf("incomplete draft: %v", err)
	}
	if k.reload(draft.ID).Status != models.JobDraft {
		t.Fatal("an incomplete draft moved on")
	}

	// A trusted company skips review, with or without payments.
	if _, err := k.db.ExecContext(k.ctx, `UPDATE companies SET trusted = true WHERE id = ?`, k.company); err != nil {
		t.Fatal(err)
	}
	j, err = models.SubmitJob(k.ctx, k.db, k.job(models.JobDraft, now).ID, false, now)
	if err != nil || j.Status != models.JobActive || !j.PublishedAt.Equal(now) || !j.ExpiresAt.Equal(now.Add(models.JobLifetime)) {
		t.Fatalf("trusted: %v %+v", err, j)
	}
	j, err = models.PayJob(k.ctx, k.db, k.job(models.JobPendingPayment, now).ID, now)
	if err != nil || j.Status != models.JobActive {
		t.Fatalf("trusted, paid: %v %+v", err, j)
	}
}

func TestApproveJobSetsDates(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, plan := range []string{models.PlanStandard, models.PlanFeatured} {
		j := k.job(models.JobPendingReview, now)
		if _, err := k.db.ExecContext(k.ctx, `UPDATE jobs SET plan = ? WHERE id = ?`, plan, j.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := models.ApproveJob(k.ctx, k.db, j.ID, now); err != nil {
			t.Fatal(err)
		}
		got := k.reload(j.ID)
		expires := now.Add(30 * 24 * time.Hour)
		if got.Status != models.JobActive || !got.PublishedAt.Equal(now) || !got.ExpiresAt.Equal(expires) {
			t.Fatalf("%s: %s published %v expires %v", plan, got.Status, got.PublishedAt, got.ExpiresAt)
		}
		if featured := got.FeaturedUntil.Equal(expires); featured != (plan == models.PlanFeatured) {
			t.Fatalf("%s: featured until %v", plan, got.FeaturedUntil)
		}
	}

	// Approved again after an edit: the first publication date stays.
	j := k.job(models.JobPendingReview, now)
	if _, err := k.db.ExecContext(k.ctx, `UPDATE jobs SET published_at = ? WHERE id = ?`, now.Add(-time.Hour), j.ID); err != nil {
		t.Fatal(err)
	}
	later := now.Add(48 * time.Hour)
	got, err := models.ApproveJob(k.ctx, k.db, j.ID, later)
	if err != nil || !got.PublishedAt.Equal(now.Add(-time.Hour)) || !got.ExpiresAt.Equal(later.Add(models.JobLifetime)) {
		t.Fatalf("re-approval: %v %+v", err, got)
	}
}

func TestRejectRenewAndRelistRules(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)

	j := k.job(models.JobPendingReview, now)
	if _, err := models.RejectJob(k.ctx, k.db, j.ID, "  ", now); err == nil {
		t.Fatal("rejected without a reason")
	} else if v, ok := models.AsValidation(err); !ok || v["reason"] == "" {
		t.Fatalf("no reason: %v", err)
	}
	got, err := models.RejectJob(k.ctx, k.db, j.ID, " Add the salary. ", now)
	if err != nil || got.RejectionReason != "Add the salary." {
		t.Fatalf("reject: %v %+v", err, got)
	}

	// Renewal only in the last 7 days; it adds 30 days and reminds again.
	live := k.job(models.JobActive, now)
	if _, err := models.RenewJob(k.ctx, k.db, live.ID, now.Add(-3*24*time.Hour)); !errors.Is(err, models.ErrNotRenewable) {
		t.Fatalf("8 days before expiry: %v", err)
	}
	if _, err := k.db.ExecContext(k.ctx, `UPDATE jobs SET reminded_at = ? WHERE id = ?`, now, live.ID); err != nil {
		t.Fatal(err)
	}
	got, err = models.RenewJob(k.ctx, k.db, live.ID, now)
	if err != nil || !got.ExpiresAt.Equal(live.ExpiresAt.Add(models.JobLifetime)) || !k.reload(live.ID).RemindedAt.IsZero() {
		t.Fatalf("renew: %v %+v", err, got)
	}

	// Relisting clears the posting dates but keeps the words.
	old := k.job(models.JobExpired, now)
	got, err = models.RelistJob(k.ctx, k.db, old.ID, now)
	if err != nil || got.Status != models.JobDraft || !k.reload(old.ID).ExpiresAt.IsZero() || got.Title != old.Title {
		t.Fatalf("relist: %v %+v", err, got)
	}
}

func TestExpireJobsAndRemindOnce(t *testing.T) {
	k := newPostingKit(t)
	now := time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)
	past := k.job(models.JobActive, now.Add(-10*24*time.Hour)) // expired 5 days ago
	soon := k.job(models.JobActive, now.Add(-3*24*time.Hour))  // 2 days left
	later := k.job(models.JobActive, now)                      // 5 days left

	n, err := models.ExpireJobs(k.ctx, k.db, now)
	if err != nil || n != 1 || k.reload(past.ID).Status != models.JobExpired || k.reload(soon.ID).Status != models.JobActive {
		t.Fatalf("expire: %d %v", n, err)
	}
	rs, err := models.ClaimExpiryReminders(k.ctx, k.db, now, 10)
	if err != nil || len(rs) != 1 || rs[0].JobID != soon.ID || rs[0].Email != "writer@example.com" {
		t.Fatalf("reminders: %v %+v", err, rs)
	}
	if rs, _ := models.ClaimExpiryReminders(k.ctx, k.db, now.Add(time.Minute), 10); len(rs) != 0 {
		t.Fatalf("reminded twice: %+v", rs)
	}
	if !k.reload(later.ID).RemindedAt.IsZero() {
		t.Fatal("a job with 5 days left was reminded")
	}
}
