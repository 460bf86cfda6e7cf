package email

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"careercenter/models"
)

// JobNews is the data of the emails to a job's author about its review:
// job_approved, job_rejected, job_changes_requested.
type JobNews struct {
	Base
	Name, Title, Link string
	Reason, Note      string
}

// JobApproved tells author that j is live.
func (m *Mail) JobApproved(author *models.User, j *models.Job) (Email, error) {
	return m.build(author.Email, "job_approved", "", nil,
		&JobNews{Name: author.Name, Title: j.Title, Link: m.link(j.Path())})
}

// JobRejected tells author why j was turned down.
func (m *Mail) JobRejected(author *models.User, j *models.Job) (Email, error) {
	return m.build(author.Email, "job_rejected", "", nil,
		&JobNews{Name: author.Name, Title: j.Title, Reason: j.RejectionReason, Link: m.link("/employer")})
}

// JobChangesRequested tells author what to change in j.
func (m *Mail) JobChangesRequested(author *models.User, j *models.Job) (Email, error) {
	return m.build(author.Email, "job_changes_requested", "", nil, &JobNews{Name: author.Name, Title: j.Title,
		Note: j.RejectionReason, Link: m.link("/jobs/" + strconv.FormatInt(j.ID, 10) + "/edit")})
}

// JobExpiring is the data of job_expiring.
type JobExpiring struct {
	Base
	Name, Title, Expires, Link string
}

// JobExpiringNotice reminds a job's author that it ends soon, once per
// expiry date.
func (m *Mail) JobExpiringNotice(r models.ExpiryReminder) (Email, error) {
	return m.build(r.Email, "job_expiring",
		"job-expiring:"+strconv.FormatInt(r.JobID, 10)+":"+strconv.FormatInt(r.ExpiresAt.Unix(), 10), nil,
		&JobExpiring{Name: r.Name, Title: r.Title, Expires: models.DayText(r.ExpiresAt),
			Link: m.link("/employer")})
}

// CandidateInvite is the data of candidate_invite.
type CandidateInvite struct {
	Base
	Name, CompanyName, Title, Link, ProfileLink string
}

// CandidateInviteNotice is the invitation as the candidate reads it: the
// job's apply page (or its page, when it is applied to elsewhere).
func (m *Mail) CandidateInviteNotice(inv *models.CandidateInvite) (Email, error) {
	link := m.link(inv.Job.Path())
	if inv.Job.ApplyMethod == "onsite" {
		link = m.link("/jobs/" + strconv.FormatInt(inv.Job.ID, 10) + "/apply")
	}
	return m.build(inv.Candidate.Email, "candidate_invite", "candidate_invite:"+strconv.FormatInt(inv.ID, 10), nil,
		&CandidateInvite{Name: inv.Candidate.Name, CompanyName: inv.Job.Company.Name, Title: inv.Job.Title,
			Link: link, ProfileLink: m.link("/profile")})
}

// Application is the data of the emails about an application:
// application_received, application_new, application_status.
type Application struct {
	Base
	Name, Title, Link  string
	Company, Candidate string
	Status, News       string
}

// ApplicationReceived confirms to the candidate that a was sent, once.
func (m *Mail) ApplicationReceived(a *models.Application, j *models.Job, candidate *models.User) (Email, error) {
	return m.build(candidate.Email, "application_received", "application_received:"+strconv.FormatInt(a.ID, 10), nil,
		&Application{Name: candidate.Name, Title: j.Title, Company: j.Company.Name, Link: m.link("/applications")})
}

// ApplicationNew tells a member of the hiring company about a, once per
// member.
func (m *Mail) ApplicationNew(a *models.Application, j *models.Job, member models.Member, candidate string) (Email, error) {
	id := strconv.FormatInt(a.ID, 10)
	return m.build(member.Email, "application_new", "application_new:"+id+":"+strconv.FormatInt(member.UserID, 10), nil,
		&Application{Name: member.Name, Title: j.Title, Candidate: candidate, Link: m.link("/employer/applications/" + id)})
}

// ApplicationStatus tells the candidate u of a's new status; news says what
// it means for them.
func (m *Mail) ApplicationStatus(u *models.User, a *models.Application, j *models.Job, news string) (Email, error) {
	return m.build(u.Email, "application_status", "", nil, &Application{Name: u.Name, Title: j.Title,
		Company: j.Company.Name, Status: a.StatusLabel(), News: news, Link: m.link("/applications")})
}

// AlertConfirm is the data of alert_confirm.
type AlertConfirm struct {
	Base
	Name, Search, Frequency, Link string
}

// AlertConfirmLink asks a guest to confirm the alert s; frequency says how
// often it mails ("a daily digest").
func (m *Mail) AlertConfirmLink(s *models.SavedSearch, frequency, secret string) (Email, error) {
	return m.build(s.Email, "alert_confirm", "", nil, &AlertConfirm{Name: s.Name, Search: s.Describe(),
		Frequency: frequency, Link: m.link("/alerts/confirm?token=" + secret)})
}

// AlertJobs is the data of alert_jobs.
type AlertJobs struct {
	Base
	Name, Description                     string
	Count, More                           int
	Jobs                                  []AlertJob
	MoreLink, ManageLink, UnsubscribeLink string
}

// AlertJob is one job as the alert email lists it.
type AlertJob struct {
	Title, Company, Pay, WorkMode, Link string
}

// AlertJobsDigest builds the alert_jobs email for a, keyed by the search and
// its jobs so that queueing the same alert twice sends it once. unsubscribe
// is the search's one-click unsubscribe token.
func (m *Mail) AlertJobsDigest(a models.Alert, unsubscribe string) (Email, error) {
	f := a.Search.Filter()
	ids := make([]string, len(a.Jobs))
	jobs := make([]AlertJob, len(a.Jobs))
	for i, j := range a.Jobs {
		ids[i] = strconv.FormatInt(j.ID, 10)
		jobs[i] = AlertJob{Title: j.Title, Company: j.CompanyName, Pay: models.SalaryText(j.SalaryMin, j.SalaryMax, j.SalaryPeriod),
			WorkMode: models.TermLabel(models.WorkModes, j.WorkMode), Link: m.link(j.Path())}
	}
	slices.Sort(ids)
	sum := sha256.Sum256([]byte(strings.Join(ids, ",")))
	unsubscribeLink := m.link("/alerts/unsubscribe?token=" + url.QueryEscape(unsubscribe))
	more := m.link("/jobs")
	if a.Search.Query != "" {
		more += "?" + a.Search.Query
	}
	headers := map[string]string{
		"List-Unsubscribe":      "<" + unsubscribeLink + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
	return m.build(a.Search.Email, "alert_jobs", "alert:"+strconv.FormatInt(a.Search.ID, 10)+":"+hex.EncodeToString(sum[:16]),
		headers, &AlertJobs{Name: a.Search.Name, Description: f.Describe(), Count: len(a.Jobs), Jobs: jobs, More: a.More,
			MoreLink: more, ManageLink: m.link("/alerts"), UnsubscribeLink: unsubscribeLink})
}
