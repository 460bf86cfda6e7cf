package handlers

import (
	"context"
	"errors"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// jobPageData is the job page's own data (.Data in views/jobs/show.html).
type jobPageData struct {
	Job         *models.Job
	State       string // models.JobPage…
	Preview     bool
	Description template.HTML // sanitized Markdown
	LogoPath    string        // "" when the company has no logo
	Website     string        // the company's http(s) website, or ""
	ApplyHref   string        // external URL or mailto:, "" when there is no button
	ShowApply   bool          // live and not a preview
	AppliedOn   time.Time     // when the viewer applied here (on-site jobs); zero if not
	Save        *saveButton   // the save toggle for a signed-in reader; nil otherwise
	Related     []models.Job
	JSONLD      template.JS       // "" unless the page is live
	Head        jobHead           // what goes into <head>; see jobpage_head.go
	Figures     jobFigures        // the employer's answers and where the pay stands; see boardfigures.go
	Quarantine  *quarantineBanner // set while the job is hidden; see quarantine.go
	Actions     jobActions        // guest save, save confirmation, requirements met; see jobpage_actions.go
	// GuestHead and GuestBody are the page's head and body as every guest
	// sees them, drawn once when the page is kept, with a stand-in where
	// each guest's token goes; a signed-in reader's body is drawn each time
	// (see guestjobpage.go).
	GuestHead, GuestBody template.HTML
	// FiguresMark stands in a guest body for the figures, which are put in
	// per request from what the process keeps (see guestjobpage.go).
	FiguresMark template.HTML
}

// showJob is the public job page. Live jobs show in full; expired and filled
// ones stay readable; rejected, withdrawn and removed ones are gone (410);
// unpublished ones exist only for their company's members and admins.
func (h *Handler) showJob(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	now := h.now()
	var read models.GuestJobRead
	if currentUser(c) == nil && h.KeptPages != nil {
		var done bool
		if read, done, err = h.showKeptJob(c, id, now); done || err != nil {
			return err
		}
	}
	data, err := h.publicJobPage(c.UserContext(), id, now)
	if err != nil {
		return err
	}
	j := data.Job
	state := j.PageState(now)
	if state != data.State && state != models.JobPageGone {
		// The job expired since its page was kept: what the page offers
		// (apply button, JSON-LD, indexing) follows its state, so draw it anew.
		if data, err = h.jobPageBase(c.UserContext(), j, false); err != nil {
			return err
		}
	}
	if state == models.JobPageGone {
		c.Set("X-Robots-Tag", "noindex")
		return h.render(c, fiber.StatusGone, "errors/gone", "This job was removed", nil, nil)
	}
	insider, err := h.jobInsider(c, j)
	if err != nil {
		return err
	}
	if state == models.JobPageUnpublished && !insider {
		return fiber.ErrNotFound
	}
	if c.Params("slug") != j.Slug {
		return c.Redirect(j.Path(), fiber.StatusMovedPermanently)
	}

	if state == models.JobPageLive && !insider {
		if err := h.recordJobView(c, j, now); err != nil {
			return err
		}
	}
	h.keepJobPage(data, read.At, now)
	return h.renderJobPage(c, data)
}

// publicJobPage is what every reader of job id's public page sees alike:
// the job with its company, its similar jobs, the board's figures, its
// head and JSON-LD. It is kept with the lists for models.SearchCacheTTL
// (lists.go), so a read job page costs its statements once per job and
// process every 10 s, and a change through this process shows at once.
func (h *Handler) publicJobPage(ctx context.Context, id int64, now time.Time) (jobPageData, error) {
	return h.jobPages.Get(strconv.FormatInt(id, 10), now, func() (jobPageData, error) {
		return h.drawPublicJobPage(ctx, id, now)
	})
}

// drawPublicJobPage reads and draws job id's public page.
func (h *Handler) drawPublicJobPage(ctx context.Context, id int64, now time.Time) (jobPageData, error) {
	j, err := models.JobForPage(ctx, h.DB, id)
	if err != nil {
		return jobPageData{}, err
	}
	if j.PageState(now) == models.JobPageGone {
		return jobPageData{Job: j}, nil
	}
	if j.Company, err = h.companyForPage(ctx, j.CompanyID, now); err != nil {
		return jobPageData{}, err
	}
	data, err := h.jobPageBase(ctx, j, false)
	if err != nil {
		return data, err
	}
	data.GuestHead, data.GuestBody, err = h.guestJobBody(data)
	return data, err
}

// relatedJobs lists j's similar jobs: the stored list on public pages (a
// preview ranks them as of now).
func (h *Handler) relatedJobs(ctx context.Context, j *models.Job, preview bool) ([]models.Job, error) {
	if preview {
		return models.RelatedJobs(ctx, h.DB, j, h.now(), models.RelatedListSize)
	}
	return models.StoredRelatedJobs(ctx, h.DB, j, h.now(), models.RelatedListSize)
}

// jobInsider reports the company's members and admins: they may see the
// job before it is published, and their own views are not counted.
func (h *Handler) jobInsider(c *fiber.Ctx, j *models.Job) (bool, error) {
	u := currentUser(c)
	if u == nil {
		return false, nil
	}
	if u.IsAdmin {
		return true, nil
	}
	_, err := h.memberRole(c, j.CompanyID)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// jobPageBase puts together what a job page shows every reader alike;
// preview shows a draft exactly as it will look, marked as a preview: never
// indexed, no apply button, no JSON-LD. A public page's job comes from
// h.companyForPage, which brought the logo check along.
func (h *Handler) jobPageBase(ctx context.Context, j *models.Job, preview bool) (jobPageData, error) {
	if j.Company == nil {
		company, err := models.CompanyByID(ctx, h.DB, j.CompanyID)
		if err != nil {
			return jobPageData{}, err
		}
		j.Company = company
	}
	hasLogo := j.Company.HasLogo
	if preview {
		var err error
		if hasLogo, err = models.CompanyHasLogo(ctx, h.DB, j.CompanyID); err != nil {
			return jobPageData{}, err
		}
	}
	related, err := h.relatedJobs(ctx, j, preview)
	if err != nil {
		return jobPageData{}, err
	}
	data, err := h.jobPage(j, preview, hasLogo, related)
	if err != nil || preview {
		return data, err
	}
	data.Figures, err = h.jobFiguresFor(ctx, j)
	return data, err
}

// renderJobPage adds to a job page what its reader alone sees, and draws
// it. Callers have already decided that the viewer may see the job.
func (h *Handler) renderJobPage(c *fiber.Ctx, data jobPageData) error {
	ctx, j, preview := c.UserContext(), data.Job, data.Preview
	if body, ok, err := h.guestBodyFor(c, data); err != nil {
		return err
	} else if ok {
		data.GuestBody = body
		return h.renderJob(c, data)
	}
	data.GuestBody = ""
	var err error
	if data.ShowApply {
		if data.AppliedOn, err = h.appliedOn(c, j); err != nil {
			return err
		}
	}
	if u := currentUser(c); u != nil && !preview && data.State != models.JobPageUnpublished {
		saved, err := models.JobSaved(ctx, h.DB, u.ID, j.ID)
		if err != nil {
			return err
		}
		data.Save = &saveButton{JobID: j.ID, Saved: saved, CSRF: csrfToken(c), Next: j.Path()}
	}
	if !preview && data.State != models.JobPageUnpublished {
		if err := h.jobPageActions(c, j, &data); err != nil {
			return err
		}
	}
	if j.Quarantined() && !preview {
		u := currentUser(c)
		data.quarantine(j, u != nil && u.IsAdmin, csrfToken(c))
	}
	return h.renderJob(c, data)
}

// renderJob draws a job page whose reader's parts are filled in.
func (h *Handler) renderJob(c *fiber.Ctx, data jobPageData) error {
	setJobHeaders(c, data)
	return h.render(c, fiber.StatusOK, "jobs/show", data.Job.Title, nil, data)
}

// setJobHeaders are a job page's own headers: its canonical address, and
// noindex when it is not live.
func setJobHeaders(c *fiber.Ctx, data jobPageData) {
	if data.Head.NoIndex {
		c.Set("X-Robots-Tag", "noindex")
	}
	c.Set(fiber.HeaderLink, "<"+data.Head.Canonical+`>; rel="canonical"`)
}

// jobPage puts together everything the page shows; no database work.
func (h *Handler) jobPage(j *models.Job, preview, hasLogo bool, related []models.Job) (jobPageData, error) {
	d := jobPageData{
		Job: j, State: j.PageState(h.now()), Preview: preview,
		Description: jobDescription(j), Related: related,
		Website: webURL(j.Company.Website),
	}
	if hasLogo {
		d.LogoPath = j.Company.Path() + "/logo"
	}
	live := d.State == models.JobPageLive && !preview
	if live {
		d.ShowApply = true
		d.ApplyHref = applyHref(j)
	}
	d.Head = h.jobHeadFor(j, d.Description, d.LogoPath, !live)
	if live {
		js, err := jsonLD(jobPostingFor(j, d.Head.Canonical, d.Description, d.Head.Image))
		if err != nil {
			return d, err
		}
		d.JSONLD = js
	}
	return d, nil
}

// jobDescription is the job's description as HTML: rendered and sanitized
// when the job was saved, or now for a job saved before that was done.
func jobDescription(j *models.Job) template.HTML {
	if j.DescriptionHTML != "" {
		return template.HTML(j.DescriptionHTML) // #nosec: models.RenderMarkdown sanitized it on save
	}
	return renderMarkdown(j.Description)
}

// applyHref is where the apply button goes: the employer's page or an email
// whose subject names the job. On-site applications have no link yet.
func applyHref(j *models.Job) string {
	switch j.ApplyMethod {
	case "url":
		return webURL(j.ApplyURL)
	case "email":
		addr := strings.TrimSpace(j.ApplyEmail)
		if addr == "" || strings.ContainsAny(addr, "?&#/\\ \r\n") {
			return ""
		}
		// Spaces as %20: mail programs show a "+" literally.
		return "mailto:" + url.PathEscape(addr) + "?subject=" + strings.ReplaceAll(url.QueryEscape(j.Title), "+", "%20")
	}
	return ""
}

// webURL keeps an address only when it is an absolute http(s) URL, so no
// other scheme (javascript:, data:) ever reaches a link or the JSON-LD.
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
