package models_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// applyKit is a postingKit with a live job taking applications on the site.
type applyKit struct {
	postingKit
	job *models.Job
	now time.Time
}

func newApplyKit(t *testing.T) applyKit {
	k := applyKit{postingKit: newPostingKit(t), now: time.Now()}
	k.job = k.onsiteJob()
	return k
}

func (k applyKit) onsiteJob() *models.Job {
	k.t.Helper()
	j := k.postingKit.job(models.JobActive, k.now)
	k.set(`UPDATE jobs SET apply_method = 'onsite', apply_url = '' WHERE id = ?`, j.ID)
	return k.reload(j.ID)
}

// candidate registers a coder with a current resume and returns them with
// the resume's id.
func (k applyKit) candidate(email string) (*models.User, int64) {
	k.t.Helper()
	u, _, err := models.RegisterUser(k.ctx, k.db, models.Registration{Name: "Cand " + email, Email: email,
		Password: "long enough password", AccountType: models.AccountCoder})
	if err != nil {
		k.t.Fatal(err)
	}
	key, err := models.DBFiles{}.Put(k.ctx, k.db, u.ID, []byte("%PDF-1.4 resume of "+email))
	if err != nil {
		k.t.Fatal(err)
	}
	var id int64
	err = k.db.NewRaw(`INSERT INTO resumes (user_id, filename, content_type, size_bytes, storage_key, is_current)
		VALUES (?, 'resume.pdf', 'application/pdf', 20, ?, true) RETURNING id`, u.ID, key).Scan(k.ctx, &id)
	if err != nil {
		k.t.Fatal(err)
	}
	return u, id
}

func (k applyKit) apply(userID, resumeID int64) *models.Application {
	k.t.Helper()
	a, err := models.Apply(k.ctx, k.db, k.job.ID, userID, models.ApplyInput{CoverNote: " Hello \n", ResumeID: resumeID}, k.now)
	if err != nil {
		k.t.Fatal(err)
	}
	return a
}

func TestApplicationMoves(t *testing.T) {
	// Any step to any other, back as well as forward; withdrawn is the
	// candidate's alone and final.
	allowed := map[string]bool{}
	for _, from := range models.PipelineStatuses {
		for _, to := range models.PipelineStatuses {
			if from != to {
				allowed[from.Value+"→"+to.Value] = true
			}
		}
	}
	for _, from := range models.ApplicationStatuses {
		for _, to := range models.ApplicationStatuses {
			pair := from.Value + "→" + to.Value
			if got := models.CanMoveApplication(from.Value, to.Value); got != allowed[pair] {
				t.Errorf("%s: allowed %v, want %v", pair, got, allowed[pair])
			}
		}
	}
	for _, s := range models.PipelineStatuses {
		if s.Value == models.AppWithdrawn {
			t.Error("employers may choose withdrawn")
		}
	}
}

func TestApplyOncePerJob(t *testing.T) {
	k := newApplyKit(t)
	u, resume := k.candidate("ada@example.com")
	a := k.apply(u.ID, resume)
	if a.ID == 0 || a.Status != models.AppNew || a.CoverNote != "Hello" {
		t.Fatalf("application: %+v", a)
	}
	_, err := models.Apply(k.ctx, k.db, k.job.ID, u.ID, models.ApplyInput{ResumeID: resume}, k.now.Add(time.Hour))
	var already *models.AlreadyAppliedError
	if !errors.As(err, &already) || !already.At.Equal(a.CreatedAt) {
		t.Fatalf("second application: %v", err)
	}
	if n := k.reload(k.job.ID).ApplyCount; n != 1 {
		t.Fatalf("apply_count %d, want 1", n)
	}
	if at, _ := models.AppliedOn(k.ctx, k.db, k.job.ID, u.ID); !at.Equal(a.CreatedAt) {
		t.Fatalf("AppliedOn %v, want %v", at, a.CreatedAt)
	}
	// Withdrawing does not open the job to a second application.
	if _, err := models.WithdrawApplication(k.ctx, k.db, a.ID, u.ID, k.now); err != nil {
		t.Fatal(err)
	}
	if _, err := models.Apply(k.ctx, k.db, k.job.ID, u.ID, models.ApplyInput{ResumeID: resume}, k.now); !errors.As(err, &already) {
		t.Fatalf("application after withdrawing: %v", err)
	}
}

func TestApplyRefusals(t *testing.T) {
	k := newApplyKit(t)
	u, resume := k.candidate("ada@example.com")
	_, otherResume := k.candidate("bo@example.com")
	cases := []struct {
		name  string
		in    models.ApplyInput
		field string
	}{
		{"no resume", models.ApplyInput{CoverNote: "Hi"}, "resume"},
		{"someone else's resume", models.ApplyInput{ResumeID: otherResume}, "resume"},
		{"long cover note", models.ApplyInput{ResumeID: resume, CoverNote: strings.Repeat("é", 5001)}, "cover_note"},
	}
	for _, c := range cases {
		_, err := models.Apply(k.ctx, k.db, k.job.ID, u.ID, c.in, k.now)
		if v, ok := models.AsValidation(err); !ok || v[c.field] == "" {
			t.Errorf("%s: %v, want a message for %s", c.name, err, c.field)
		}
	}
	if _, err := models.Apply(k.ctx, k.db, k.job.ID, u.ID,
		models.ApplyInput{ResumeID: resume, CoverNote: strings.Repeat("é", 5000)}, k.now); err != nil {
		t.Errorf("5,000 characters: %v", err)
	}

	// Jobs that do not take applications here refuse them as absent.
	for name, change := range map[string]string{
		"external":   `UPDATE jobs SET apply_method = 'url' WHERE id = ?`,
		"expired":    `UPDATE jobs SET expires_at = now() - interval '1 hour' WHERE id = ?`,
		"filled":     `UPDATE jobs SET status = 'filled' WHERE id = ?`,
		"not posted": `UPDATE jobs SET status = 'draft' WHERE id = ?`,
	} {
		j := k.onsiteJob()
		k.set(change, j.ID)
		_, err := models.Apply(k.ctx, k.db, j.ID, u.ID, models.ApplyInput{ResumeID: resume}, k.now)
		if !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%s job: %v, want ErrNotFound", name, err)
		}
		if at, _ := models.AppliedOn(k.ctx, k.db, j.ID, u.ID); !at.IsZero() {
			t.Errorf("%s job: an application was kept", name)
		}
	}
}

func TestSetApplicationStatus(t *testing.T) {
	k := newApplyKit(t)
	u, resume := k.candidate("ada@example.com")
	a := k.apply(u.ID, resume)

	steps := []struct {
		to      string
		changed bool
		refused bool
	}{
		{models.AppInterviewing, true, false},
		{models.AppInterviewing, false, false}, // the same again: no change, no email
		{models.AppNew, true, false},           // back, after a mistake
		{models.AppRejected, true, false},
		{models.AppReviewed, true, false}, // reconsidered
		{models.AppHired, true, false},
		{models.AppOffered, true, false}, // the hire fell through
	}
	for i, s := range steps {
		got, changed, err := models.SetApplicationStatus(k.ctx, k.db, a.ID, s.to, k.now.Add(time.Duration(i)*time.Minute))
		var me *models.ApplicationMoveError
		if s.refused != errors.As(err, &me) || (!s.refused && err != nil) {
			t.Fatalf("step %d → %s: %v", i, s.to, err)
		}
		if !s.refused && (changed != s.changed || got.Status != s.to) {
			t.Fatalf("step %d → %s: changed %v, status %s", i, s.to, changed, got.Status)
		}
	}
	if _, _, err := models.SetApplicationStatus(k.ctx, k.db, a.ID, models.AppWithdrawn, k.now); err == nil {
		t.Fatal("an employer withdrew an application")
	}
	if _, _, err := models.SetApplicationStatus(k.ctx, k.db, a.ID+100, models.AppReviewed, k.now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("missing application: %v", err)
	}

	// A withdrawn application cannot be moved, nor withdrawn twice, and
	// only its candidate may withdraw it.
	b, resumeB := k.candidate("bo@example.com")
	w := k.apply(b.ID, resumeB)
	if _, err := models.WithdrawApplication(k.ctx, k.db, w.ID, u.ID, k.now); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("withdrawn by someone else: %v", err)
	}
	if _, err := models.WithdrawApplication(k.ctx, k.db, w.ID, b.ID, k.now); err != nil {
		t.Fatal(err)
	}
	var me *models.ApplicationMoveError
	if _, err := models.WithdrawApplication(k.ctx, k.db, w.ID, b.ID, k.now); !errors.As(err, &me) {
		t.Fatalf("withdrawn twice: %v", err)
	}
	if _, _, err := models.SetApplicationStatus(k.ctx, k.db, w.ID, models.AppReviewed, k.now); !errors.As(err, &me) ||
		!strings.Contains(me.Explain(), "withdrew") {
		t.Fatalf("moving a withdrawn application: %v", err)
	}
}

func TestMoveApplicants(t *testing.T) {
	k := newApplyKit(t)
	var ids, users []int64
	for i := range 3 {
		u, r := k.candidate(fmt.Sprintf("c%d@example.com", i))
		ids, users = append(ids, k.apply(u.ID, r).ID), append(users, u.ID)
	}
	if _, err := models.WithdrawApplication(k.ctx, k.db, ids[2], users[2], k.now); err != nil {
		t.Fatal(err)
	}
	// An application of another job is not touched.
	other := k.job
	k.job = k.onsiteJob()
	u, r := k.candidate("elsewhere@example.com")
	foreign := k.apply(u.ID, r)
	k.job = other

	moved, refused, err := models.MoveApplicants(k.ctx, k.db, k.job.ID, append(ids, foreign.ID), models.AppInterviewing, k.now)
	if err != nil || len(moved) != 2 || refused != 1 {
		t.Fatalf("moved %d, refused %d, %v; want 2, 1", len(moved), refused, err)
	}
	list, err := models.ApplicantsForJob(k.ctx, k.db, k.job.ID, models.AppInterviewing)
	if err != nil || len(list) != 2 {
		t.Fatalf("interviewing: %d %v", len(list), err)
	}
	if a, _ := models.ApplicationByID(k.ctx, k.db, foreign.ID); a.Status != models.AppNew {
		t.Fatalf("another job's application moved to %s", a.Status)
	}
	if _, _, err := models.MoveApplicants(k.ctx, k.db, k.job.ID, ids, "gone", k.now); err == nil {
		t.Fatal("an unknown status was accepted")
	}
}

func TestApplicantsForJob(t *testing.T) {
	k := newApplyKit(t)
	ada, r := k.candidate("ada@example.com")
	k.apply(ada.ID, r)
	k.set(`INSERT INTO profiles (user_id, headline) VALUES (?, 'Certified outpatient coder')`, ada.ID)
	k.set(`INSERT INTO profile_credentials (user_id, credential, verified_at) VALUES (?, 'CPC', now())`, ada.ID)
	k.set(`INSERT INTO profile_credentials (user_id, credential) VALUES (?, 'CRC')`, ada.ID)
	bo, r := k.candidate("bo@example.com")
	k.apply(bo.ID, r)
	if err := models.DeleteAccount(k.ctx, k.db, bo, "long enough password"); err != nil {
		t.Fatal(err)
	}

	list, err := models.ApplicantsForJob(k.ctx, k.db, k.job.ID, "")
	if err != nil || len(list) != 2 {
		t.Fatalf("%d applicants, %v", len(list), err)
	}
	a, gone := list[0], list[1]
	if a.Name != ada.Name || a.Email != "ada@example.com" || a.Headline != "Certified outpatient coder" ||
		a.Credentials != "CPC (verified), CRC" || a.ResumeID == 0 || a.Gone() {
		t.Fatalf("applicant: %+v", a)
	}
	if !gone.Gone() || gone.DisplayName() != "Withdrawn candidate" || gone.Email != "" || gone.ResumeID != 0 ||
		gone.Status != models.AppWithdrawn || len(gone.Moves()) != 1 {
		t.Fatalf("withdrawn candidate: %+v", gone)
	}
	counts, err := models.ApplicantCounts(k.ctx, k.db, k.job.ID)
	if err != nil || counts[models.AppNew] != 1 || counts[models.AppWithdrawn] != 1 {
		t.Fatalf("counts %v %v", counts, err)
	}
}

func TestApplicationNotes(t *testing.T) {
	k := newApplyKit(t)
	u, r := k.candidate("ada@example.com")
	a := k.apply(u.ID, r)
	for _, body := range []string{" \n ", strings.Repeat("x", 5001)} {
		if _, err := models.AddApplicationNote(k.ctx, k.db, a.ID, k.user.ID, body, k.now); err == nil {
			t.Errorf("note of %d characters accepted", len(body))
		}
	}
	if _, err := models.AddApplicationNote(k.ctx, k.db, a.ID, k.user.ID, "Strong E/M background.\nCall Tuesday.", k.now); err != nil {
		t.Fatal(err)
	}
	notes, err := models.NotesForApplication(k.ctx, k.db, a.ID)
	if err != nil || len(notes) != 1 || notes[0].Author == nil || notes[0].Author.ID != k.user.ID ||
		len(notes[0].Lines()) != 2 {
		t.Fatalf("notes: %+v %v", notes, err)
	}
}
