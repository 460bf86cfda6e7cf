package app_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
	"careercenter/views"
)

// TestAlertJourney: a coder saves a filtered search with instant alerts in a
// real browser; an employer's matching job is approved; the instant alert
// pass emails the coder over real SMTP, and the job link in the email opens
// the job page.
func TestAlertJourney(t *testing.T) {
	exe := chromium(t)
	started := time.Now()
	inbox, smtpAddr := apptest.StartSMTP(t, 0)
	base, d, cfg := startSiteWith(t, map[string]string{"SMTP_URL": "smtp://" + smtpAddr})
	ctx := startBrowser(t, exe)
	bg := context.Background()

	const (
		password   = "long enough password"
		coderMail  = "alert.coder@example.com"
		employer   = "alert.employer@example.com"
		searchName = "Remote CPC journey"
		title      = "Remote CPC Coder Alert Journey"
	)

	// 1. A verified coder logs in.
	coder, _, err := models.RegisterUser(bg, d.Bun, models.Registration{Name: "Casey Coder", Email: coderMail,
		Password: password, AccountType: models.AccountCoder})
	if err != nil {
		t.Fatal(err)
	}
	if err := models.MarkEmailVerified(bg, d.Bun, coder.ID); err != nil {
		t.Fatal(err)
	}
	load(t, ctx, "/login", chromedp.Navigate(base+"/login"))
	load(t, ctx, "/account",
		chromedp.SendKeys(chromedp.ID("f-email"), coderMail),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))

	// 2. The coder filters the job search with the page's own controls.
	page := load(t, ctx, "/jobs", chromedp.Navigate(base+"/jobs"))
	expectText(t, page, "Medical coding jobs", "Save this search")
	check := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q][value=%q]`, name, value)))
	}
	unfold := func(field string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(fmt.Sprintf(`details:has(input[name=%q]) > summary`, field)))
	}
	search := url.Values{"work_mode": {"remote"}}
	run(t, ctx, chromedp.Steps(unfold("work_mode"), check("work_mode", "remote")))
	waitForSearch(t, ctx, search, "#f-work_mode-remote")
	search.Set("credential", "CPC")
	run(t, ctx, chromedp.Steps(unfold("credential"), check("credential", "CPC")))
	waitForSearch(t, ctx, search, "#f-work_mode-remote", "#f-credential-CPC")
	// htmx swaps the search into the save form out of band.
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector("#f-alert-query")?.value === %q`, search.Encode()),
		"the save form to hold the search")

	// 3. The coder saves it with instant alerts.
	run(t, ctx, chromedp.Clear(chromedp.ID("f-alert-name")))
	run(t, ctx, chromedp.SendKeys(chromedp.ID("f-alert-name"), searchName))
	run(t, ctx, chromedp.SetValue(chromedp.ID("f-alert-frequency"), models.AlertInstant))
	page = load(t, ctx, "/alerts",
		chromedp.Click(chromedp.CSS(`form[action="/alerts"] button[type="submit"]`)))
	expectText(t, page, "My alerts", "Saved “"+searchName+"”", "as soon as a matching job is posted")
	var saved struct {
		Query, Frequency string
	}
	if err := d.Bun.NewRaw(`SELECT query, frequency FROM saved_searches WHERE email = ?`, coderMail).
		Scan(bg, &saved.Query, &saved.Frequency); err != nil {
		t.Fatal(err)
	}
	if saved.Query != search.Encode() || saved.Frequency != models.AlertInstant {
		t.Fatalf("saved search %+v, want query %q, instant", saved, search.Encode())
	}
	t.Logf("search saved after %s", time.Since(started).Round(time.Millisecond))

	// 4. An employer's matching job waits for review and is approved.
	boss, _, err := models.RegisterUser(bg, d.Bun, models.Registration{Name: "Erin Employer", Email: employer,
		Password: password, AccountType: models.AccountEmployer})
	if err != nil {
		t.Fatal(err)
	}
	co := &models.Company{Slug: "alert-journey-health", Name: "Alert Journey Health", Kind: "employer",
		Website: "https://alert-journey-health.example.com"}
	if _, err := d.Bun.NewInsert().Model(co).Exec(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bun.NewRaw(`INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, 'owner')`,
		co.ID, boss.ID).Exec(bg); err != nil {
		t.Fatal(err)
	}
	lo, hi, per := 28, 34, "hour"
	job := &models.Job{CompanyID: co.ID, CreatedBy: boss.ID, Status: models.JobPendingReview, Plan: models.PlanStandard,
		Title: title, Slug: "remote-cpc-coder-alert-journey", CompanyName: co.Name, WorkMode: "remote",
		EmploymentType: "full_time", RemoteStates: []string{}, Settings: []string{}, Specialties: []string{},
		CodeSets: []string{}, CredentialsRequired: [][]string{{"CPC"}}, CredentialsPreferred: []string{},
		Credentials: []string{"CPC"}, Systems: []string{}, SalaryMin: &lo, SalaryMax: &hi, SalaryPeriod: &per,
		ApplyMethod: "url", ApplyURL: "https://alert-journey-health.example.com/apply",
		Description: "Code professional fee charts from home.", SubmittedAt: time.Now()}
	if _, err := d.Bun.NewInsert().Model(job).Exec(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := models.ApproveJob(bg, d.Bun, job.ID, time.Now()); err != nil {
		t.Fatal(err)
	}

	// 5. The instant alert pass queues the email; River sends it over SMTP.
	jobs, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mailer, err := mail.New(views.FS, cfg.MailFrom, cfg.BaseURL, jobs)
	if err != nil {
		t.Fatal(err)
	}
	alerts := &app.AlertWorker{DB: d.Bun, Mail: mailer, Secret: cfg.SessionSecret}
	sent := time.Now()
	if err := alerts.Run(bg, models.AlertInstant); err != nil {
		t.Fatal(err)
	}
	raw := waitForSMTP(t, inbox, coderMail, 20*time.Second)
	t.Logf("alert email arrived %s after the instant pass", time.Since(sent).Round(time.Millisecond))

	header, subject, text := readAlertMail(t, raw)
	if to := header.Get("To"); !strings.Contains(to, coderMail) {
		t.Fatalf("To = %q, want %s", to, coderMail)
	}
	if !strings.Contains(subject, "1 new job") {
		t.Fatalf("subject %q, want 1 new job", subject)
	}
	if !strings.Contains(text, title) || !strings.Contains(text, searchName) || !strings.Contains(text, co.Name) {
		t.Fatalf("text part lacks %q, %q or %q:\n%s", title, searchName, co.Name, text)
	}
	if u := header.Get("List-Unsubscribe"); !strings.HasPrefix(u, "<"+base+"/alerts/unsubscribe?token=") {
		t.Fatalf("List-Unsubscribe = %q", u)
	}
	if p := header.Get("List-Unsubscribe-Post"); p != "List-Unsubscribe=One-Click" {
		t.Fatalf("List-Unsubscribe-Post = %q", p)
	}
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/jobs/\d+/\S+`).FindString(text)
	if link != base+job.Path() {
		t.Fatalf("job link in the email %q, want %s:\n%s", link, base+job.Path(), text)
	}

	// 6. The link opens the job page.
	page = load(t, ctx, job.Path(), chromedp.Navigate(link))
	expectText(t, page, title, co.Name)
	if got := run(t, ctx, chromedp.Text(chromedp.CSS("h1"))); got != title {
		t.Fatalf("job page heading %q, want %q", got, title)
	}
	if n := len(sentTo(inbox, coderMail)); n != 1 {
		t.Fatalf("%d emails to %s, want 1", n, coderMail)
	}

	png := run(t, ctx, chromedp.FullScreenshot(100))
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	shot := filepath.Join(t.TempDir(), "alert-job.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes); journey took %s", shot, len(png), time.Since(started).Round(time.Millisecond))
}

// sentTo returns the messages srv has kept that were sent to addr.
func sentTo(srv *apptest.SMTPServer, addr string) [][]byte {
	var out [][]byte
	for _, m := range srv.Received() {
		for _, r := range m.To {
			if strings.EqualFold(r, addr) {
				out = append(out, m.Raw)
				break
			}
		}
	}
	return out
}

// waitForSMTP waits until a message to addr has arrived at srv and returns it.
func waitForSMTP(t *testing.T, srv *apptest.SMTPServer, addr string, within time.Duration) []byte {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got := sentTo(srv, addr); len(got) > 0 {
			return got[0]
		}
	}
	t.Fatalf("no email to %s after %s (%d other messages)", addr, within, len(srv.Received()))
	return nil
}

// readAlertMail returns the headers, the decoded subject and the text part
// of a raw message.
func readAlertMail(t *testing.T, raw []byte) (netmail.Header, string, string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/") {
		t.Fatalf("Content-Type = %q, want multipart", msg.Header.Get("Content-Type"))
	}
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
		if ct != "text/plain" {
			continue
		}
		var body io.Reader = p // quoted-printable is decoded by the reader
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
			body = base64.NewDecoder(base64.StdEncoding, p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		return msg.Header, subject, strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	t.Fatalf("no text/plain part in:\n%s", raw)
	return nil, "", ""
}
