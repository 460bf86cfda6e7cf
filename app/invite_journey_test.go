package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careercenter/app"
	"careercenter/models"
)

// TestInviteJourney: a brand-new employer creates a company, opens a
// candidate from search and sees neither email nor member number, invites
// the candidate to a job; the candidate gets the email and applies; the
// employer then sees the contact details in the pipeline.
func TestInviteJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	const (
		password = "long enough password"
		coder    = "ada@example.com"
		number   = "AAPC-01234567"
		employer = "robin@harborview.example"
	)
	ada := journeyCandidate(t, d, coder, password, number)

	// 1. A new employer signs up and creates a company; an admin vouches
	// for it (marks it trusted), which unlocks candidate search.
	load(t, ctx, "/register", chromedp.Navigate(base+"/register"))
	registerAndVerify(t, ctx, base, "Robin Employer", employer, password, "employer")
	load(t, ctx, "/companies/new", chromedp.Navigate(base+"/companies/new"))
	page := load(t, ctx, "/companies/harborview-coding",
		chromedp.SendKeys(chromedp.ID("f-name"), "Harborview Coding"),
		chromedp.Click(chromedp.CSS(`input[name="kind"][value="employer"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/companies"] button[type="submit"]`)))
	expectText(t, page, "Harborview Coding is created")
	page = loadStatus(t, ctx, "/candidates", 403, chromedp.Navigate(base+"/candidates"))
	expectText(t, page, "Unlock candidate search")
	co, err := models.CompanyBySlug(context.Background(), d.Bun, "harborview-coding")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.SetCompanyTrusted(context.Background(), d.Bun, co.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	job := journeyJob(t, d, co, "Risk Adjustment Coder — Journey")
	jobID := strconv.FormatInt(job.ID, 10)

	// 2. Candidate search, then the candidate's profile: the professional
	// profile only.
	page = load(t, ctx, "/candidates", chromedp.Navigate(base+"/candidates"))
	expectText(t, page, "Remote HCC coder, CRC")
	profile := "/candidates/" + strconv.FormatInt(ada.ID, 10)
	page = load(t, ctx, profile, chromedp.Click(chromedp.CSS(`a[href="`+profile+`"]`)))
	expectText(t, page, "Remote HCC coder, CRC", "Eight years of Medicare Advantage charts.", "CRC", "Invite to apply")
	for _, secret := range []string{coder, number, "Ada Coder"} {
		if strings.Contains(page, secret) {
			t.Fatalf("the employer sees %q on the profile:\n%s", secret, page)
		}
	}

	// 3. The employer invites the candidate to the job.
	page = load(t, ctx, profile,
		chromedp.SetValue(chromedp.ID("f-job_id"), jobID),
		chromedp.Click(chromedp.CSS(`form[action="`+profile+`/invites"] button[type="submit"]`)))
	expectText(t, page, "Invitation sent.")
	if strings.Contains(page, coder) {
		t.Fatal("the confirmation shows the candidate's address")
	}

	// 4. The candidate signs in, gets the email and applies from its link.
	cand := newSession(t, ctx)
	load(t, cand, "/login", chromedp.Navigate(base+"/login"))
	load(t, cand, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), coder),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	href := waitForMail(t, cand, base, coder)
	page = load(t, cand, href, chromedp.Click(chromedp.CSS(`a[href="`+href+`"]`)))
	expectText(t, page, "Harborview Coding invites you to apply: "+job.Title, "does not have your email address")
	apply := "/jobs/" + jobID + "/apply"
	page = load(t, cand, apply, chromedp.Click(chromedp.CSS(`a[href$="`+apply+`"]`)))
	expectText(t, page, "Apply: "+job.Title, "Your profile's resume is sent: Ada resume.pdf")
	page = load(t, cand, "/applications",
		chromedp.SendKeys(chromedp.ID("f-cover_note"), "Thank you for the invitation."),
		chromedp.Click(chromedp.CSS(`form[action="`+apply+`"] button[type="submit"]`)))
	expectText(t, page, job.Title, "New")

	// 5. The employer now sees who applied, with the contact details.
	list := "/employer/jobs/" + jobID + "/applicants"
	page = load(t, ctx, list, chromedp.Navigate(base+list))
	expectText(t, page, "Ada Coder", coder, "Remote HCC coder, CRC")
}

// journeyCandidate stores a verified coder with a visible profile, a
// credential with its member number and a resume, straight in the database.
func journeyCandidate(t *testing.T, d *app.DB, email, password, number string) *models.User {
	t.Helper()
	ctx := context.Background()
	u, _, err := models.RegisterUser(ctx, d.Bun, models.Registration{Name: "Ada Coder", Email: email,
		Password: password, AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.MarkEmailVerified(ctx, d.Bun, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := models.SaveProfile(ctx, d.Bun, u.ID, models.ProfileInput{Headline: "Remote HCC coder, CRC",
		Summary: "Eight years of Medicare Advantage charts.", Years: "8", RemotePreference: "remote",
		Visibility: models.ProfileVisible, InvitesAllowed: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := models.AddCredential(ctx, d.Bun, u.ID, models.CredentialInput{Credential: "CRC", Number: number, Year: "2019"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := models.SaveResume(ctx, d.Bun, models.DBFiles{}, u.ID, "Ada resume.pdf", []byte(journeyResume), true); err != nil {
		t.Fatal(err)
	}
	return u
}

// journeyJob stores a live job of co taking applications on the site.
func journeyJob(t *testing.T, d *app.DB, co *models.Company, title string) *models.Job {
	t.Helper()
	now := time.Now()
	j := &models.Job{CompanyID: co.ID, CreatedBy: co.CreatedBy, Status: models.JobActive, Plan: models.PlanStandard,
		Title: title, Slug: models.Slugify(title), CompanyName: co.Name,
		WorkMode: "remote", EmploymentType: "full_time", RemoteStates: []string{}, Settings: []string{},
		Specialties: []string{}, CodeSets: []string{}, CredentialsRequired: [][]string{}, CredentialsPreferred: []string{},
		Credentials: []string{}, Systems: []string{}, ApplyMethod: "onsite", NotifyRejections: true,
		Description: "Code risk adjustment charts.", PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(29 * 24 * time.Hour)}
	if _, err := d.Bun.NewInsert().Model(j).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	return j
}
