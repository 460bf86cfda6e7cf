package models_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"careercenter/models"
)

const scamText = "Work from home coding charts for a national clinic group. Buy the starter kit with the laptop " +
	"and the encoder licence for 300 dollars, refunded with your first paycheck. No experience needed."

// submitted saves a draft of company with title and description and submits it.
func (k postingKit) submitted(userID, company int64, title, description string, now time.Time) (*models.Job, error) {
	k.t.Helper()
	in := k.input()
	in.CompanyID, in.Title, in.Description = company, title, description
	j, err := models.CreateJob(k.ctx, k.db, userID, in, now)
	if err != nil {
		k.t.Fatal(err)
	}
	return models.SubmitJob(k.ctx, k.db, j.ID, false, now)
}

func TestTrustFlagsAtSubmission(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	boss, other := k.employer("other@example.com", "other-co")
	// The other company is trusted: only its flagged jobs wait for review.
	k.set(`UPDATE companies SET trusted = true WHERE id = ?`, other)
	k.set(`UPDATE companies SET email_domain = 'gmail.com' WHERE id = ?`, k.company)

	plain, err := k.submitted(boss.ID, other, "Inpatient Coder", "Code inpatient charts at our hospital.", now)
	if err != nil || len(plain.Flags) != 0 || plain.Status != models.JobActive {
		t.Fatalf("plain job: %v %v %s", err, plain.Flags, plain.Status)
	}
	webmail, err := k.submitted(k.user.ID, k.company, "Remote Coder", "Code radiology charts for our clinics.", now)
	if err != nil || !slices.Equal(webmail.Flags, []string{models.FlagWebmail}) {
		t.Fatalf("webmail job: %v %v", err, webmail.Flags)
	}
	if k.reload(webmail.ID).Flags[0] != models.FlagWebmail {
		t.Fatal("flags not saved")
	}
	// Another company posts the same text again: flagged, and reviewed although trusted.
	first, err := k.submitted(k.user.ID, k.company, "Remote Medical Coder", scamText, now)
	if err != nil || slices.Contains(first.Flags, models.FlagNearDuplicate) {
		t.Fatalf("first posting: %v %v", err, first.Flags)
	}
	again, err := k.submitted(boss.ID, other, "Remote Medical Coder!", scamText+" Apply today.", now)
	if err != nil || !slices.Equal(again.Flags, []string{models.FlagNearDuplicate}) || again.Status != models.JobPendingReview {
		t.Fatalf("near-duplicate: %v %v %s", err, again.Flags, again.Status)
	}
	// The same company duplicating its own live job is not flagged, unless it was rejected.
	own, err := k.submitted(boss.ID, other, "Inpatient Coder", "Code inpatient charts at our hospital.", now)
	if err != nil || len(own.Flags) != 0 {
		t.Fatalf("own duplicate: %v %v", err, own.Flags)
	}
	k.set(`UPDATE jobs SET status = 'rejected' WHERE id = ?`, own.ID)
	ownRejected, err := k.submitted(boss.ID, other, "Inpatient Coder", "Code inpatient charts at our hospital.", now)
	if err != nil || !slices.Equal(ownRejected.Flags, []string{models.FlagNearDuplicate}) {
		t.Fatalf("rejected duplicate: %v %v", err, ownRejected.Flags)
	}
}

func TestPostingLimit(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	titles := []string{"Coder A", "Auditor B", "Educator C", "Abstractor D", "Specialist E", "Analyst F"}
	for i, title := range titles {
		_, err := k.submitted(k.user.ID, k.company, title, "Distinct description number "+title, now)
		if i < models.PostingsPerDay && err != nil {
			t.Fatalf("posting %d refused: %v", i+1, err)
		}
		if i == models.PostingsPerDay && !errors.Is(err, models.ErrPostingLimit) {
			t.Fatalf("posting %d: %v, want the posting limit", i+1, err)
		}
	}
	// A day later the company may post again.
	if _, err := k.submitted(k.user.ID, k.company, "Coder G", "Another one", now.Add(25*time.Hour)); err != nil {
		t.Fatalf("next day: %v", err)
	}
}

func TestDomainCheck(t *testing.T) {
	k := newPostingKit(t)
	now := time.Now()
	co, err := models.CompanyByID(k.ctx, k.db, k.company)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, "hr", now); err == nil {
		t.Fatal("a company without a domain got a link")
	}
	co.EmailDomain = "acme.example"
	k.set(`UPDATE companies SET email_domain = 'acme.example' WHERE id = ?`, co.ID)
	for _, bad := range []string{"", "a@b", "hr/x", ".hr", "h..r"} {
		if _, _, err := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, bad, now); err == nil {
			t.Errorf("local part %q accepted", bad)
		}
	}
	email, secret, err := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, " HR ", now)
	if err != nil || email != "hr@acme.example" {
		t.Fatalf("request: %v %q", err, email)
	}
	_, old, _ := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, "jobs", now.Add(-49*time.Hour))
	if _, err := models.ConfirmDomainCheck(k.ctx, k.db, old, now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("expired link: %v", err)
	}
	got, err := models.ConfirmDomainCheck(k.ctx, k.db, secret, now)
	if err != nil || got.ID != co.ID || got.DomainVerifiedAt.IsZero() {
		t.Fatalf("confirm: %v %+v", err, got)
	}
	if _, err := models.ConfirmDomainCheck(k.ctx, k.db, secret, now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second use: %v", err)
	}
	// A link for a domain the company no longer uses verifies nothing.
	_, stale, _ := models.RequestDomainCheck(k.ctx, k.db, co, k.user.ID, "hr", now)
	k.set(`UPDATE companies SET email_domain = 'new.example', domain_verified_at = NULL WHERE id = ?`, co.ID)
	if _, err := models.ConfirmDomainCheck(k.ctx, k.db, stale, now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("stale domain: %v", err)
	}
}
