package handlers_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// TestAnswerFiguresShownOnlyWhenHonest: a company's figure appears on its
// job page, company page and cards only from ten applications; a job that
// takes applications elsewhere never shows it; the employer sees their own
// counts and who waits; the candidate is told when no answer came.
func TestAnswerFiguresShownOnlyWhenHonest(t *testing.T) {
	w := newApplyWorld(t)
	refresh := func() {
		t.Helper()
		if err := models.RefreshBoardFigures(context.Background(), w.s.db.Bun, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	external := w.job(w.co, func(j *models.Job) { j.Title = "External Coder" })
	applyTo(w.coder, w.live, "", "", nil)
	app := w.applicationOf(w.live, w.coderU)

	// Fresh: nothing to say anywhere.
	refresh()
	mustNotContain(t, w.coder.get("/applications").Body, "No answer yet")
	mustNotContain(t, w.s.browser().get(w.live.Path()).Body, `id="job-answers"`)

	// Forty days without an answer (the clock moved).
	w.exec(`UPDATE applications SET created_at = now() - interval '40 days' WHERE id = ?`, app)
	refresh()
	mustContain(t, w.coder.get("/applications").Body, "No answer yet after 40 days")
	dash := w.member.get("/employer").Body
	mustContain(t, dash, "0 of 1 applications answered within 14 days", "Coders see a figure once 10 applications",
		"1 applicant is waiting more than 7 days")
	mustNotContain(t, w.s.browser().get(w.live.Path()).Body, `id="job-answers"`)
	mustNotContain(t, w.s.browser().get(w.co.Path()).Body, `id="company-answers"`)

	// Ten more, answered the next day: 10 of 11 answered.
	for range 10 {
		w.exec(`INSERT INTO applications (job_id, status, created_at, first_acted_at)
			VALUES (?, 'reviewed', now() - interval '40 days', now() - interval '39 days')`, w.live.ID)
	}
	refresh()
	guest := w.s.browser()
	mustContain(t, guest.get(w.live.Path()).Body, `id="job-answers"`, "Answers 9 in 10 applicants within 14 days",
		"Usually answers within a day", "From 11 applications")
	mustContain(t, guest.get(w.co.Path()).Body, `id="company-answers"`, "Answers 9 in 10 applicants within 14 days")
	mustContain(t, guest.get("/jobs").Body, "Answers 9 in 10 applicants, usually within a day")
	mustNotContain(t, guest.get(external.Path()).Body, `id="job-answers"`, "Answers 9 in 10")
	mustContain(t, w.member.get("/employer").Body, "Answers 9 in 10 applicants within 14 days",
		"1 applicant is waiting more than 7 days")

	// The employer answers: the candidate's state and the dashboard change.
	res := htmxPost(w.member, "/employer/applications/"+app+"/status", url.Values{"status": {"reviewed"}})
	if res.Status != 200 {
		t.Fatalf("status change: %d", res.Status)
	}
	mustNotContain(t, w.coder.get("/applications").Body, "No answer yet")
	mustNotContain(t, w.member.get("/employer").Body, "waiting more than 7 days")
}

// TestPayFiguresNeedTenJobs: with nine jobs showing pay, /jobs and /salaries
// say nothing about pay; with ten they do.
func TestPayFiguresNeedTenJobs(t *testing.T) {
	w := newApplyWorld(t)
	paid := func(title string, yearly int) *models.Job {
		return w.job(w.co, func(j *models.Job) {
			j.Title, j.SalaryMin, j.SalaryMax, j.SalaryPeriod = title, &yearly, &yearly, ptr("year")
			j.CredentialsRequired, j.Credentials = [][]string{{"CPC"}}, []string{"CPC"}
		})
	}
	for i := range 8 { // with the world's own live job (no pay shown): 8 paid jobs
		paid("Paid coder", 50_000+i*1000)
	}
	paid("Ninth", 58_000)
	refresh := func() {
		t.Helper()
		if err := models.RefreshPayGroups(context.Background(), w.s.db.Bun, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	refresh()
	guest := w.s.browser()
	mustNotContain(t, guest.get("/jobs").Body, `id="pay-figure"`)
	sal := guest.get("/salaries")
	if sal.Status != 200 || !strings.Contains(sal.Body, "Not enough jobs with pay yet") || strings.Contains(sal.Body, "<rect") {
		t.Fatalf("/salaries with nine jobs: %d\n%s", sal.Status, sal.Body)
	}
	tenth := paid("Tenth", 90_000)
	refresh()
	mustContain(t, guest.get("/jobs").Body, `id="pay-figure"`, "$52k–$57k</strong> a year, median <strong>$55k</strong>, from 10 jobs")
	mustContain(t, guest.get("/jobs?credential=CPC").Body, "from 10 jobs", "pay in CPC jobs")
	mustContain(t, guest.get("/salaries").Body, "<rect", ">CPC<", "$55k")
	mustContain(t, guest.get(tenth.Path()).Body, `id="pay-standing"`, "Pays more than 90 % of", "CPC jobs")
}

func ptr[T any](v T) *T { return &v }
