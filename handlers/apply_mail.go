package handlers

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/mail"
	"careercenter/models"
)

// tellOfApplication queues, in the transaction of the application, the
// candidate's confirmation and one email per member of the hiring company.
// The keys make each of them once per application (and member).
func (h *Handler) tellOfApplication(ctx context.Context, tx bun.IDB, a *models.Application, j *models.Job, candidate *models.User) error {
	id := strconv.FormatInt(a.ID, 10)
	err := h.Mail.Queue(ctx, tx, mail.Message{To: candidate.Email, Template: "application_received",
		Key: "application_received:" + id,
		Data: map[string]any{"Name": candidate.Name, "Title": j.Title, "Company": j.Company.Name,
			"Link": h.BaseURL + "/applications"}})
	if err != nil {
		return err
	}
	members, err := models.CompanyMembers(ctx, tx, j.CompanyID)
	if err != nil {
		return err
	}
	for _, m := range members {
		err := h.Mail.Queue(ctx, tx, mail.Message{To: m.Email, Template: "application_new",
			Key: "application_new:" + id + ":" + strconv.FormatInt(m.UserID, 10),
			Data: map[string]any{"Name": m.Name, "Title": j.Title, "Candidate": candidate.Name,
				"Link": h.BaseURL + "/employer/applications/" + id}})
		if err != nil {
			return err
		}
	}
	return nil
}

// statusNews is what the candidate reads about each status they are told of.
var statusNews = map[string]string{
	models.AppInterviewing: "The employer would like to interview you. Expect them to contact you to arrange it.",
	models.AppOffered:      "The employer is making you an offer. Expect them to contact you with the details.",
	models.AppHired:        "Congratulations: the employer has marked you as hired for this job.",
	models.AppRejected: "The employer has decided not to move forward with your application. " +
		"Thank you for applying, and good luck with your search.",
}

// scheduleStatusNews queues the candidate's email about their application's
// new status when it concerns them (models.TellsCandidate), in the
// transaction of the change, to be sent at at (after the undo window). It
// returns the email's job id, 0 when nobody is told (also when the account
// is gone).
func (h *Handler) scheduleStatusNews(ctx context.Context, tx bun.IDB, a *models.Application, j *models.Job, at time.Time) (int64, error) {
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
	return h.Mail.QueueAt(ctx, tx, mail.Message{To: u.Email, Template: "application_status",
		Data: map[string]any{"Name": u.Name, "Title": j.Title, "Company": j.Company.Name,
			"Status": a.StatusLabel(), "News": statusNews[a.Status], "Link": h.BaseURL + "/applications"}}, at)
}
