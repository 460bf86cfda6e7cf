package handlers

import (
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// maxBulk caps how many applications one bulk change may name.
const maxBulk = 1000

// applicantsPage is the pipeline of one job (views/employer/applicants.html).
type applicantsPage struct {
	Job      *models.Job
	Rows     []applicantRow
	Status   string // the status filter, "" for all
	Counts   map[string]int
	Total    int
	Bar      countsBar     // the counts by status, as filter links
	Filters  []models.Term // every status, for the filter
	Statuses []models.Term // those an employer may choose
	Hired    bool          // someone was hired and the job may be marked filled
	CheckOn  bool          // the job has a skills check: a score column
	Sort     string        // "score" orders by the check's score
}

// applicantRow is one row of the pipeline, drawn by the page and, alone, as
// the answer to an in-place status change (the "applicant-row" template).
type applicantRow struct {
	models.Applicant
	CSRF    string
	Back    string             // where the form returns without JavaScript
	FillJob int64              // the job to offer to mark filled after this hire; 0: none
	Error   string             // why the last change was refused
	Saved   bool               // the change just made was saved (htmx answer)
	Undone  bool               // the last change was just undone (htmx answer)
	Undo    *models.StatusUndo // the last change, while it can be undone
	checkCell
}

func applicantsPath(jobID int64) string {
	return "/employer/jobs/" + strconv.FormatInt(jobID, 10) + "/applicants"
}

// pipelineRow dresses a pipeline row for its template: the form's token,
// the page to return to, the offer to mark the job filled after a hire,
// and its last change while undos (the job's) can still take it back.
func pipelineRow(c *fiber.Ctx, a models.Applicant, j *models.Job, back string, undos map[int64]models.StatusUndo) applicantRow {
	row := applicantRow{Applicant: a, CSRF: csrfToken(c), Back: back}
	if a.Status == models.AppHired && j.CanMarkFilled() {
		row.FillJob = j.ID
	}
	if u, ok := undos[a.ID]; ok {
		row.Undo = &u
	}
	return row
}

// pipelineState is what every view of a job's pipeline shows beside its
// rows: the counts by status, and the changes that can still be undone.
func (h *Handler) pipelineState(ctx context.Context, jobID int64) (map[string]int, map[int64]models.StatusUndo, error) {
	counts, err := models.ApplicantCounts(ctx, h.DB, jobID)
	if err != nil {
		return nil, nil, err
	}
	undos, err := models.PendingUndos(ctx, h.DB, jobID, h.now())
	return counts, undos, err
}

// listApplicants is a job's pipeline, for members of its company: every
// applicant with status, filterable by status.
func (h *Handler) listApplicants(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	return h.renderApplicants(c, fiber.StatusOK, j, nil)
}

func (h *Handler) renderApplicants(c *fiber.Ctx, status int, j *models.Job, f *form) error {
	ctx := c.UserContext()
	filter := c.Query("status")
	if !models.IsTerm(models.ApplicationStatuses, filter) {
		filter = ""
	}
	list, err := models.ApplicantsForJob(ctx, h.DB, j.ID, filter)
	if err != nil {
		return err
	}
	counts, undos, err := h.pipelineState(ctx, j.ID)
	if err != nil {
		return err
	}
	back := c.OriginalURL()
	if c.Method() != fiber.MethodGet {
		back = applicantsPath(j.ID)
	}
	p := applicantsPage{Job: j, Status: filter, Counts: counts, Filters: models.ApplicationStatuses,
		Statuses: models.PipelineStatuses, Hired: counts[models.AppHired] > 0 && j.CanMarkFilled(),
		Bar: pipelineCounts(j, counts, filter)}
	for _, a := range list {
		p.Rows = append(p.Rows, pipelineRow(c, a, j, back, undos))
	}
	if c.Query("sort") == "score" {
		p.Sort = "score"
	}
	if p.CheckOn, err = h.addCheckScores(c, j.ID, p.Rows, p.Sort == "score"); err != nil {
		return err
	}
	for _, n := range counts {
		p.Total += n
	}
	return h.render(c, status, "employer/applicants", "Applicants: "+j.Title, f, p)
}

// setApplicationStatus moves one application. With htmx it answers with the
// updated row, refusals explained in it; without, it returns to the page.
func (h *Handler) setApplicationStatus(c *fiber.Ctx) error {
	a, err := h.applicationForMember(c)
	if err != nil {
		return err
	}
	f := readForm(c, "status", "back")
	changed, err := h.Mail.MoveApplication(c.UserContext(), h.DB, a.ID, f.Get("status"), a.Job, h.now())
	refusal, code := moveRefusal(err)
	if refusal == "" && err != nil {
		return err
	}
	c.Vary("HX-Request")
	if c.Get("HX-Request") == "true" {
		return h.renderApplicantRow(c, a, refusal, true, false)
	}
	if refusal != "" {
		return fail(code, refusal)
	}
	flash := "Saved: " + models.TermLabel(models.ApplicationStatuses, f.Get("status")) + "."
	if changed && models.TellsCandidate(a.Job, f.Get("status")) {
		flash += " The candidate is emailed in a minute unless you undo it."
	}
	if f.Get("status") == models.AppHired && a.Job.CanMarkFilled() {
		flash += " If the position is taken now, mark the job filled."
	}
	return redirect(c, localPath(f.Get("back"), applicantsPath(a.JobID)), flash)
}

// moveRefusal turns a refused status change into words and a status code;
// "" for any other error.
func moveRefusal(err error) (string, int) {
	var me *models.ApplicationMoveError
	if errors.As(err, &me) {
		return me.Explain(), fiber.StatusConflict
	}
	if v, ok := models.AsValidation(err); ok {
		return v["status"], fiber.StatusUnprocessableEntity
	}
	return "", 0
}

// bulkApplicationStatus moves the ticked applicants of a job at once.
func (h *Handler) bulkApplicationStatus(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	f := readForm(c, "status", "back")
	f.Name = "bulk"
	ids := formIDs(c, "ids")
	if len(ids) == 0 {
		f.Errors.Add("ids", "Tick the applicants to move first.")
	}
	if !models.IsTerm(models.PipelineStatuses, f.Get("status")) {
		f.Errors.Add("status", "Choose the status to move them to.")
	}
	if f.HasErrors() {
		return h.renderApplicants(c, fiber.StatusUnprocessableEntity, j, f)
	}
	refused, err := h.Mail.MoveApplicants(c.UserContext(), h.DB, j, ids, f.Get("status"), h.now())
	if err != nil {
		return err
	}
	flash := "Moved the ticked applicants to " + models.TermLabel(models.ApplicationStatuses, f.Get("status")) + "."
	if refused > 0 {
		flash += " " + strconv.Itoa(refused) + " of them could not be moved (withdrawn, hired, or not allowed from their status)."
	}
	return redirect(c, localPath(f.Get("back"), applicantsPath(j.ID)), flash)
}

// formIDs reads the repeated numeric field name of a posted form.
func formIDs(c *fiber.Ctx, name string) []int64 {
	var ids []int64
	for _, v := range c.Request().PostArgs().PeekMulti(name) {
		if id, err := strconv.ParseInt(string(v), 10, 64); err == nil && id > 0 && len(ids) < maxBulk {
			ids = append(ids, id)
		}
	}
	return ids
}

// setRejectionEmails turns the emails to turned-down candidates of a job on
// ("on") or off ("off"); without a value it flips the setting.
func (h *Handler) setRejectionEmails(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	on := !j.NotifyRejections
	switch c.FormValue("notify") {
	case "on":
		on = true
	case "off":
		on = false
	}
	if err := models.SetRejectionEmails(c.UserContext(), h.DB, j.ID, on); err != nil {
		return err
	}
	flash := "Candidates you turn down for this job are no longer emailed."
	if on {
		flash = "Candidates you turn down for this job are emailed."
	}
	return redirect(c, applicantsPath(j.ID), flash)
}
