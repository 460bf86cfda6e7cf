package email_test

import (
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"careercenter/models"
	"careercenter/models/email"
)

func newMail(t *testing.T) *email.Mail {
	t.Helper()
	m, err := email.New(os.DirFS("../../views"), "CareerCenter <noreply@example.com>", "https://cc.example", nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every template on disk has a constructor, and each constructor renders
// its template with the site's address and a link of its own.
func TestEveryEmailRenders(t *testing.T) {
	m := newMail(t)
	ada := &models.User{ID: 7, Name: "Ada", Email: "ada@example.com"}
	co := &models.Company{Name: "Acme Health", EmailDomain: "acme.example"}
	job := &models.Job{ID: 3, Title: "Inpatient coder", CreatedBy: 7, RejectionReason: "Add the salary range.",
		ApplyMethod: "onsite", Company: co}
	app := &models.Application{ID: 11, Status: models.AppInterviewing}
	facts := email.OrderFacts{What: "Standard posting", Amount: "$149.00", Next: "Your job is live.", JobNote: "Taken down."}
	search := &models.SavedSearch{ID: 5, Name: "Remote coding", Email: "ada@example.com", Frequency: models.AlertDaily}
	alert := models.Alert{Search: models.AlertSearch{ID: 5, Name: "Remote coding", Email: "ada@example.com"},
		Jobs: []models.Job{*job}, More: 2}
	built := map[string]func() (email.Email, error){
		"verify_email":   func() (email.Email, error) { return m.VerifyEmail(ada, 1, "tok") },
		"account_exists": func() (email.Email, error) { return m.AccountExists(ada) },
		"reset_password": func() (email.Email, error) { return m.ResetPassword(ada, 1, "tok") },
		"sign_in_link":   func() (email.Email, error) { return m.SignInLink(ada, "tok", "/jobs") },
		"change_email":   func() (email.Email, error) { return m.ChangeEmail(ada, "new@example.com", "tok") },
		"email_changed":  func() (email.Email, error) { return m.EmailChangedNotice(ada, "old@example.com") },
		"login_attempts": func() (email.Email, error) { return m.LoginAttemptsNotice(ada, time.Now()) },
		"company_invite": func() (email.Email, error) {
			return m.CompanyInviteNotice(&models.Invite{ID: 2, Email: "bo@example.com"}, "Ada", "Acme Health", "tok")
		},
		"domain_check":          func() (email.Email, error) { return m.DomainCheckLink("hr@acme.example", co, "Ada", "tok") },
		"job_approved":          func() (email.Email, error) { return m.JobApproved(ada, job) },
		"job_rejected":          func() (email.Email, error) { return m.JobRejected(ada, job) },
		"job_changes_requested": func() (email.Email, error) { return m.JobChangesRequested(ada, job) },
		"job_expiring": func() (email.Email, error) {
			return m.JobExpiringNotice(models.ExpiryReminder{JobID: 3, Title: "Inpatient coder", ExpiresAt: time.Now(), Email: "ada@example.com", Name: "Ada"})
		},
		"candidate_invite": func() (email.Email, error) {
			return m.CandidateInviteNotice(&models.CandidateInvite{ID: 4, Job: job, Candidate: ada})
		},
		"application_received": func() (email.Email, error) { return m.ApplicationReceived(app, job, ada) },
		"application_new": func() (email.Email, error) {
			return m.ApplicationNew(app, job, models.Member{UserID: 8, Name: "Bo", Email: "bo@example.com"}, "Ada")
		},
		"application_status": func() (email.Email, error) { return m.ApplicationStatus(ada, app, job, "Interview.") },
		"alert_confirm":      func() (email.Email, error) { return m.AlertConfirmLink(search, "a daily digest", "tok") },
		"alert_jobs":         func() (email.Email, error) { return m.AlertJobsDigest(alert, "5.sig") },
		"order_paid":         func() (email.Email, error) { return m.OrderPaid(ada, facts) },
		"payment_failed":     func() (email.Email, error) { return m.OrderPaymentFailed(ada, facts) },
		"job_refunded":       func() (email.Email, error) { return m.JobRefunded(ada, facts) },
		"order_disputed": func() (email.Email, error) {
			return m.OrderDisputed("admin@example.com", 42, "Standard posting", "$149.00", "ada@example.com")
		},
	}
	files, _ := fs.Glob(os.DirFS("../../views"), "emails/*.txt")
	if len(files) != len(built)+1 { // +1: layout.txt
		t.Errorf("%d email templates on disk, %d constructors here", len(files)-1, len(built))
	}
	for name, build := range built {
		if _, err := os.Stat("../../views/emails/" + name + ".txt"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		e, err := build()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if e.Subject == "" || strings.Contains(e.Subject, "\n") || e.To == "" || e.MessageID == "" {
			t.Errorf("%s: subject %q, to %q, id %q", name, e.Subject, e.To, e.MessageID)
		}
		if !strings.Contains(e.Text, "https://cc.example/") && name != "email_changed" {
			t.Errorf("%s: no link on the site in %q", name, e.Text)
		}
		if !strings.Contains(e.HTML, `href="https://cc.example"`) {
			t.Errorf("%s: layout missing", name)
		}
	}
}

// The constructors own the links: each points at the right page.
func TestConstructorsBuildLinks(t *testing.T) {
	m := newMail(t)
	ada := &models.User{ID: 7, Name: "Ada", Email: "ada@example.com"}
	e, err := m.SignInLink(ada, "tok", "/jobs?q=a b")
	if err != nil || !strings.Contains(e.Text, "https://cc.example/login/link?token=tok&next=%2Fjobs%3Fq%3Da+b") {
		t.Errorf("sign-in link: %v\n%s", err, e.Text)
	}
	e, err = m.VerifyEmail(ada, 9, "tok")
	if err != nil || e.Key != "verify_email:9" || !strings.Contains(e.Text, "https://cc.example/verify?token=tok") {
		t.Errorf("verify: key %q, %v\n%s", e.Key, err, e.Text)
	}
	e, err = m.OrderPaymentFailed(ada, email.OrderFacts{What: "Pro", Amount: "$19.00", Pro: true})
	if err != nil || !strings.Contains(e.Text, "https://cc.example/pricing") || !strings.Contains(e.Text, "https://cc.example/account") {
		t.Errorf("Pro payment failed: %v\n%s", err, e.Text)
	}
	alert := models.Alert{Search: models.AlertSearch{ID: 5, Name: "Remote", Email: "ada@example.com"}}
	e, err = m.AlertJobsDigest(alert, "5.sig")
	if err != nil || e.Headers["List-Unsubscribe"] != "<https://cc.example/alerts/unsubscribe?token=5.sig>" {
		t.Errorf("alert headers %v, %v", e.Headers, err)
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
		if _, err := email.New(files, "noreply@example.com", "https://cc.example", nil); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
	if _, err := email.New(os.DirFS("../../views"), "not an address", "https://cc.example", nil); err == nil {
		t.Error("bad from address: New succeeded")
	}
}

// The layers form a straight stack, main → app → handlers → models: neither
// handlers nor anything under models imports a package of app.
func TestNoImportRunsBackUp(t *testing.T) {
	for _, pkg := range []string{"careercenter/handlers", "careercenter/models/..."} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "careercenter/app" || strings.HasPrefix(dep, "careercenter/app/") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
