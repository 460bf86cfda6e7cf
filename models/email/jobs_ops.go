package email

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// TellJobAuthor queues an email about j to the account that wrote it, in
// the transaction of the change (tx); build is one of JobApproved,
// JobRejected, JobChangesRequested. Nobody is told when that account is
// gone.
func (m *Mail) TellJobAuthor(ctx context.Context, tx bun.IDB, j *models.Job,
	build func(author *models.User, j *models.Job) (Email, error)) error {
	if j.CreatedBy == 0 {
		return nil
	}
	u, err := models.UserByID(ctx, tx, j.CreatedBy)
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	e, err := build(u, j)
	if err != nil {
		return err
	}
	return m.Queue(ctx, tx, e)
}

// TellOfApplication queues, in the transaction of the application (tx), the
// candidate's confirmation and one email per member of the hiring company.
// The keys make each of them once per application (and member).
func (m *Mail) TellOfApplication(ctx context.Context, tx bun.IDB, a *models.Application, j *models.Job, candidate *models.User) error {
	members, err := models.CompanyMembers(ctx, tx, j.CompanyID)
	if err != nil {
		return err
	}
	emails := make([]Email, 0, len(members)+1)
	e, err := m.ApplicationReceived(a, j, candidate)
	if err != nil {
		return err
	}
	emails = append(emails, e)
	for _, member := range members {
		e, err := m.ApplicationNew(a, j, member, candidate.Name)
		if err != nil {
			return err
		}
		emails = append(emails, e)
	}
	return m.Queue(ctx, tx, emails...)
}

// statusNews is what the candidate reads about each status they are told of.
var statusNews = map[string]string{
	models.AppInterviewing: "The employer would like to interview you. Expect them to contact you to arrange it.",
	models.AppOffered:      "The employer is making you an offer. Expect them to contact you with the details.",
	models.AppHired:        "Congratulations: the employer has marked you as hired for this job.",
	models.AppRejected: "The employer has decided not to move forward with your application. " +
		"Thank you for applying, and good luck with your search.",
}

// ScheduleStatusNews queues the candidate's email about their application's
// new status when it concerns them (models.TellsCandidate), in the
// transaction of the change (tx), to be sent at at (after the undo window).
// It returns the email's job id, 0 when nobody is told (also when the
// account is gone).
func (m *Mail) ScheduleStatusNews(ctx context.Context, tx bun.IDB, a *models.Application, j *models.Job, at time.Time) (int64, error) {
	if a.UserID == 0 || !models.TellsCandidate(j, a.Status) {
		return 0, nil
	}
	u, err := models.UserByID(ctx, tx, a.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	e, err := m.ApplicationStatus(u, a, j, statusNews[a.Status])
	if err != nil {
		return 0, err
	}
	return m.QueueAt(ctx, tx, e, at)
}
