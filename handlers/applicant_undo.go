package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// undoApplicationStatus takes back the last status change of an
// application within its window, and the email it would have sent. With
// htmx it answers with the row, else it returns to the page.
func (h *Handler) undoApplicationStatus(c *fiber.Ctx) error {
	a, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	back := localPath(c.FormValue("back"), applicantsPath(a.JobID))
	undone, err := h.Mail.UndoApplicationStatus(c.UserContext(), h.DB, a.ID, h.now())
	refusal := ""
	if errors.Is(err, models.ErrUndoExpired) {
		refusal = "Too late to undo: the change is more than a minute old, or was changed again. Choose the status again instead."
	} else if err != nil {
		return err
	}
	if c.Get("HX-Request") == "true" {
		return h.renderApplicantRow(c, a, refusal, false, true)
	}
	if refusal != "" {
		return fail(fiber.StatusConflict, refusal)
	}
	return redirect(c, back, "Undone: back to "+undone.FromLabel()+". Nobody was emailed.")
}

// renderApplicantRow answers an htmx change with the application's row,
// and the page's counts swapped in beside it.
func (h *Handler) renderApplicantRow(c *fiber.Ctx, a *models.Application, refusal string, saved, undone bool) error {
	ctx := c.UserContext()
	row, err := models.ApplicantByID(ctx, h.DB, a.ID)
	if err != nil {
		return err
	}
	counts, undos, err := h.pipelineState(ctx, a.JobID)
	if err != nil {
		return err
	}
	r := pipelineRow(c, *row, a.Job, applicantsPath(a.JobID), undos)
	r.Error, r.Saved, r.Undone = refusal, saved && refusal == "", undone && refusal == ""
	rows := []applicantRow{r}
	if _, err := h.addCheckScores(c, a.JobID, rows, false); err != nil {
		return err
	}
	r = rows[0]
	bar := pipelineCounts(a.Job, counts, "")
	bar.Swap = true
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Render("employer/applicants", rowUpdate{Row: r, Counts: bar}, "applicant-update")
}

// rowUpdate is the htmx answer to a change in the pipeline: the row, and
// the counts, swapped out of band.
type rowUpdate struct {
	Row    applicantRow
	Counts countsBar
}

// countsBar is the line of statuses with their counts, each a filter link.
type countsBar struct {
	JobID  int64
	Status string // the filter in use
	Total  int
	Swap   bool // swapped in out of band by htmx
	Items  []countItem
}

type countItem struct {
	models.Term
	N int
}

// Link is the pipeline filtered to this status.
func (i countItem) Link(jobID int64) string {
	return applicantsPath(jobID) + "?status=" + i.Value
}

func pipelineCounts(j *models.Job, counts map[string]int, status string) countsBar {
	b := countsBar{JobID: j.ID, Status: status}
	for _, t := range models.ApplicationStatuses {
		b.Items = append(b.Items, countItem{Term: t, N: counts[t.Value]})
		b.Total += counts[t.Value]
	}
	return b
}
