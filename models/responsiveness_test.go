package models_test

import (
	"context"
	"testing"
	"time"

	"careercenter/models"
)

const day = 24 * time.Hour

// applications inserts n applications to job made at created, acted on
// after actedAfter (0: never), with status.
func (f *searchFixture) applications(job int64, n int, created time.Time, actedAfter time.Duration, status string) {
	f.t.Helper()
	var acted *time.Time
	if actedAfter > 0 {
		at := created.Add(actedAfter)
		acted = &at
	}
	for range n {
		_, err := f.db.NewRaw(`INSERT INTO applications (job_id, status, created_at, status_changed_at, first_acted_at)
			VALUES (?, ?, ?, ?, ?)`, job, status, created, created, acted).Exec(context.Background())
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *searchFixture) answers(company int64, now time.Time) *models.Responsiveness {
	f.t.Helper()
	ctx := context.Background()
	if err := models.RefreshResponsiveness(ctx, f.db, now); err != nil {
		f.t.Fatal(err)
	}
	r, err := models.ResponsivenessFor(ctx, f.db, company)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func TestResponsivenessWithAMovingClock(t *testing.T) {
	f := newSearchFixture(t)
	now := f.now
	job := f.job(models.Job{Title: "Onsite apply", ApplyMethod: "onsite"})
	// Nine answered two days after applying, a month ago; one more made
	// five days ago, not answered yet; one withdrawn unanswered (left out).
	f.applications(job.ID, 9, now.Add(-30*day), 2*day, models.AppReviewed)
	f.applications(job.ID, 1, now.Add(-5*day), 0, models.AppNew)
	f.applications(job.ID, 1, now.Add(-40*day), 0, models.AppWithdrawn)

	// Too few applications with a known outcome: nothing is claimed.
	r := f.answers(f.co.ID, now)
	if r == nil || r.Applications != 9 || r.Answered != 9 {
		t.Fatalf("now: %+v", r)
	}
	if r.Shown() || r.Text() != "" || r.ShareText() != "" {
		t.Errorf("9 applications claim %q / %q", r.Text(), r.ShareText())
	}

	// Ten days on, the tenth application is 15 days old and unanswered.
	r = f.answers(f.co.ID, now.Add(10*day))
	if r.Applications != 10 || r.Answered != 9 || r.MedianDays == nil || *r.MedianDays != 2 {
		t.Fatalf("+10 days: %+v", r)
	}
	if got := r.ShareText(); got != "Answers 9 in 10 applicants within 14 days" {
		t.Errorf("share: %q", got)
	}
	if got := r.SpeedText(); got != "Usually answers within 2 days" {
		t.Errorf("speed: %q", got)
	}

	// Half a year on, every application has left the window.
	if r := f.answers(f.co.ID, now.Add(200*day)); r != nil {
		t.Errorf("+200 days: %+v", r)
	}
}

func TestResponsivenessUnansweredLateAndExternal(t *testing.T) {
	f := newSearchFixture(t)
	now := f.now
	silent := f.company("silent-clinic", "Silent Clinic", models.CompanyEmployer)
	late := f.company("late-clinic", "Late Clinic", models.CompanyEmployer)
	elsewhere := f.company("elsewhere", "Elsewhere Health", models.CompanyEmployer)
	sj := f.job(models.Job{Title: "Silent", ApplyMethod: "onsite", CompanyID: silent.ID, CompanyName: silent.Name})
	lj := f.job(models.Job{Title: "Late", ApplyMethod: "onsite", CompanyID: late.ID, CompanyName: late.Name})
	ej := f.job(models.Job{Title: "External", ApplyMethod: "url", CompanyID: elsewhere.ID, CompanyName: elsewhere.Name})
	f.applications(sj.ID, 12, now.Add(-60*day), 0, models.AppNew)
	// Late: 4 answered in a day, 7 after 20 days: the median is 20 days
	// and only 4 in 11 were answered within 14.
	f.applications(lj.ID, 4, now.Add(-60*day), day, models.AppRejected)
	f.applications(lj.ID, 7, now.Add(-60*day), 20*day, models.AppInterviewing)
	f.applications(ej.ID, 15, now.Add(-60*day), day, models.AppReviewed)

	r := f.answers(silent.ID, now)
	if r == nil || !r.Shown() || r.MedianDays != nil || r.SpeedText() != "" {
		t.Fatalf("silent: %+v", r)
	}
	if got := r.Text(); got != "Answers fewer than 1 in 10 applicants within 14 days" {
		t.Errorf("silent: %q", got)
	}
	r = f.answers(late.ID, now)
	if r.Answered != 4 || r.Applications != 11 || r.SpeedText() != "Usually answers within 20 days" ||
		r.ShareText() != "Answers 3 in 10 applicants within 14 days" {
		t.Errorf("late: %+v %q %q", r, r.SpeedText(), r.ShareText())
	}
	if r := f.answers(elsewhere.ID, now); r != nil {
		t.Errorf("external-apply job has a figure: %+v", r)
	}

	// A job that takes applications elsewhere says nothing, even when its
	// company has a figure from its other jobs.
	other := f.job(models.Job{Title: "Late external", ApplyMethod: "url", CompanyID: late.ID, CompanyName: late.Name})
	jobs := []models.Job{lj, other}
	for i := range jobs {
		jobs[i].Company = late
	}
	if err := models.AttachAnswers(context.Background(), f.db, jobs); err != nil {
		t.Fatal(err)
	}
	if jobs[0].AnswerText() != "Answers 3 in 10 applicants, usually within 20 days" || jobs[1].AnswerText() != "" {
		t.Errorf("cards: %q / %q", jobs[0].AnswerText(), jobs[1].AnswerText())
	}
}

func TestSearchByEmployerAnswers(t *testing.T) {
	f := newSearchFixture(t)
	now := f.now
	fast := f.company("fast", "Fast Clinic", models.CompanyEmployer)
	slow := f.company("slow", "Slow Clinic", models.CompanyEmployer)
	few := f.company("few", "Few Clinic", models.CompanyEmployer)
	mk := func(title string, co *models.Company, method string, age time.Duration) models.Job {
		return f.job(models.Job{Title: title, ApplyMethod: method, CompanyID: co.ID, CompanyName: co.Name,
			PublishedAt: now.Add(-age)})
	}
	fastJob := mk("Fast old", fast, "onsite", 5*time.Hour)
	mk("Fast new", fast, "onsite", time.Hour)
	mk("Fast external", fast, "url", 2*time.Hour)
	slowJob := mk("Slow", slow, "onsite", 30*time.Minute)
	fewJob := mk("Few", few, "onsite", 10*time.Minute)
	f.applications(fastJob.ID, 10, now.Add(-30*day), day, models.AppReviewed)
	f.applications(slowJob.ID, 5, now.Add(-30*day), day, models.AppReviewed)
	f.applications(slowJob.ID, 5, now.Add(-30*day), 0, models.AppNew)
	f.applications(fewJob.ID, 9, now.Add(-30*day), day, models.AppReviewed)
	if err := models.RefreshResponsiveness(context.Background(), f.db, now); err != nil {
		t.Fatal(err)
	}

	if got := jobTitles(f.search("answers=1", 10).Jobs); !sameSet(sortedTitles(f.search("answers=1", 10).Jobs), "Fast new", "Fast old") {
		t.Errorf("answers=1: %v", got)
	}
	// Sorted: fast (10 in 10), slow (5 in 10), then jobs without a figure,
	// newest first among equals; two per page, the pages join up.
	want := []string{"Fast new", "Fast old", "Slow", "Few", "Fast external"}
	var got []string
	page := f.search("sort=responsive", 2)
	for {
		got = append(got, jobTitles(page.Jobs)...)
		if page.Next == "" {
			break
		}
		page = f.search("sort=responsive&cursor="+page.Next, 2)
	}
	if !equalStrings(got, want) {
		t.Errorf("sort=responsive: %v, want %v", got, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPipelineRecordsTheFirstAct(t *testing.T) {
	k := newApplyKit(t)
	u, resume := k.candidate("first@example.com")
	a := k.apply(u.ID, resume)
	w, resume2 := k.candidate("withdraws@example.com")
	b := k.apply(w.ID, resume2)
	first := k.now.Add(3 * day)
	if _, _, err := models.SetApplicationStatus(k.ctx, k.db, a.ID, models.AppReviewed, first); err != nil {
		t.Fatal(err)
	}
	if _, _, err := models.SetApplicationStatus(k.ctx, k.db, a.ID, models.AppInterviewing, first.Add(day)); err != nil {
		t.Fatal(err)
	}
	if _, err := models.WithdrawApplication(k.ctx, k.db, b.ID, w.ID, first); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id   int64
		want time.Time
	}{{a.ID, first}, {b.ID, time.Time{}}} {
		got, err := models.ApplicationByID(k.ctx, k.db, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if got.FirstActedAt.IsZero() != c.want.IsZero() || got.FirstActedAt.Sub(c.want).Abs() > time.Microsecond {
			t.Errorf("application %d: first acted %v, want %v", c.id, got.FirstActedAt, c.want)
		}
	}
}

func TestNoAnswerYet(t *testing.T) {
	now := time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		status string
		age    time.Duration
		acted  bool
		want   int
	}{
		{models.AppNew, 29 * day, false, 0},
		{models.AppNew, 30 * day, false, 30},
		{models.AppNew, 45*day + time.Hour, false, 45},
		{models.AppNew, 45 * day, true, 0}, // answered (say, a message) without a status change
		{models.AppReviewed, 45 * day, true, 0},
		{models.AppWithdrawn, 45 * day, false, 0},
	} {
		a := &models.Application{Status: c.status, CreatedAt: now.Add(-c.age)}
		if c.acted {
			a.FirstActedAt = a.CreatedAt.Add(day)
		}
		if got := a.NoAnswerDays(now); got != c.want {
			t.Errorf("%s, %v old, acted %v: %d days, want %d", c.status, c.age, c.acted, got, c.want)
		}
	}
}
