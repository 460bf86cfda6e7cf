package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// Every admin action runs through audited: the change and its audit row
// commit together or not at all.
func (h *Handler) audited(c *fiber.Ctx, action, targetType string, targetID any, reason string,
	do func(ctx context.Context, tx bun.Tx) error) error {
	actor := currentUser(c).ID
	return h.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := do(ctx, tx); err != nil {
			return err
		}
		return models.Audit(ctx, tx, actor, action, targetType, targetID, reason)
	})
}

// auditedOnID runs change, through audited, on the row the route's :id
// names, and returns what change returned.
func auditedOnID[T any](h *Handler, c *fiber.Ctx, action, targetType string,
	change func(ctx context.Context, tx bun.Tx, id int64) (T, error)) (T, error) {
	var out T
	id, err := paramID(c)
	if err != nil {
		return out, err
	}
	err = h.audited(c, action, targetType, id, "", func(ctx context.Context, tx bun.Tx) (err error) {
		out, err = change(ctx, tx, id)
		return err
	})
	return out, err
}

// switched reads an on/off form (value=1 is on) and picks the audit action
// and the flash's ending that go with the choice.
func switched(c *fiber.Ctx, onAction, onDone, offAction, offDone string) (on bool, action, done string) {
	if c.FormValue("value") == "1" {
		return true, onAction, onDone
	}
	return false, offAction, offDone
}

// paramID reads the route's positive :id; anything else is a 404.
func paramID(c *fiber.Ctx) (int64, error) { return paramNamed(c, "id") }

// jobOfRoute is the job the route's :id names, or ErrNotFound.
func (h *Handler) jobOfRoute(c *fiber.Ctx) (*models.Job, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	return models.JobByID(c.UserContext(), h.DB, id)
}

// paramNamed reads a positive whole-number route parameter; anything else is
// a 404.
func paramNamed(c *fiber.Ctx, name string) (int64, error) {
	id, err := c.ParamsInt(name)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return int64(id), nil
}

// adminJobs searches jobs of any status by title, company and status.
func (h *Handler) adminJobs(c *fiber.Ctx) error {
	return h.renderAdminJobs(c, fiber.StatusOK, nil)
}

func (h *Handler) renderAdminJobs(c *fiber.Ctx, status int, f *form) error {
	filter := models.AdminJobFilter{Query: c.Query("q"), Status: c.Query("status")}
	jobs, err := models.AdminSearchJobs(c.UserContext(), h.DB, filter)
	if err != nil {
		return err
	}
	return h.render(c, status, "admin/jobs", "Jobs", f, adminJobsPage{Jobs: jobs, Filter: filter,
		Statuses: models.JobStatuses, Now: h.now()})
}

// removeJob takes a live job down: its page answers 410 Gone.
func (h *Handler) removeJob(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.adminJobsPage(), "job.remove", "reason", "removed",
		func(ctx context.Context, tx bun.Tx, id int64, value string) (*models.Job, error) {
			return models.RemoveJob(ctx, tx, id, h.now())
		}, "Removed “%s”.")
}

// featureJob features a live job until a date.
func (h *Handler) featureJob(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.adminJobsPage(), "job.feature", "until", "featured",
		func(ctx context.Context, tx bun.Tx, id int64, value string) (*models.Job, error) {
			return models.FeatureJobUntil(ctx, tx, id, value, h.now())
		}, "“%s” is featured.")
}

// extendJob moves a live job's expiry some days later.
func (h *Handler) extendJob(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.adminJobsPage(), "job.extend", "days", "extended",
		func(ctx context.Context, tx bun.Tx, id int64, value string) (*models.Job, error) {
			return models.ExtendJob(ctx, tx, id, value, h.now())
		}, "“%s” now expires later.")
}

// unhideJob puts a hidden job back on the board.
func (h *Handler) unhideJob(c *fiber.Ctx) error {
	return h.changeJobAsAdmin(c, h.adminJobsPage(), "job.unhide", "reason", "shown again",
		func(ctx context.Context, tx bun.Tx, id int64, value string) (*models.Job, error) {
			return models.UnhideJob(ctx, tx, id, h.now())
		}, "“%s” is back on the board.")
}

// adminPage is a page of admin actions on jobs: where an action returns to,
// and how the page is drawn again around a refused value.
type adminPage struct {
	path   string
	render func(c *fiber.Ctx, status int, f *form) error
}

func (h *Handler) adminJobsPage() adminPage { return adminPage{"/admin/jobs", h.renderAdminJobs} }

// changeJobAsAdmin runs one admin change of a job from page: the field's
// value is the change's input and its audit reason; a bad value re-renders
// the page with the message beside that job's field.
func (h *Handler) changeJobAsAdmin(c *fiber.Ctx, page adminPage, action, fieldName, doing string,
	change func(ctx context.Context, tx bun.Tx, id int64, value string) (*models.Job, error), flash string) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := readForm(c, fieldName)
	f.Name = action + "-" + strconv.FormatInt(id, 10)
	var j *models.Job
	err = h.audited(c, action, "job", id, f.Get(fieldName), func(ctx context.Context, tx bun.Tx) error {
		j, err = change(ctx, tx, id, f.Get(fieldName))
		return err
	})
	if v, ok := models.AsValidation(err); ok {
		return page.render(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return jobChangeError(err, doing)
	}
	return redirect(c, page.path, fmt.Sprintf(flash, j.Title))
}

// adminUsers searches accounts by email or name.
func (h *Handler) adminUsers(c *fiber.Ctx) error {
	return h.renderAdminUsers(c, fiber.StatusOK, nil)
}

func (h *Handler) renderAdminUsers(c *fiber.Ctx, status int, f *form) error {
	users, err := models.SearchUsers(c.UserContext(), h.DB, c.Query("q"))
	if err != nil {
		return err
	}
	return h.render(c, status, "admin/users", "Users", f, adminUsersPage{Users: users, Query: c.Query("q")})
}

// banUser bans an account with a reason; its sessions and jobs stop at once.
func (h *Handler) banUser(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := readForm(c, "reason")
	f.Name = "ban-" + strconv.FormatInt(id, 10)
	var u *models.User
	err = h.audited(c, "user.ban", "user", id, f.Get("reason"), func(ctx context.Context, tx bun.Tx) error {
		u, err = models.BanUser(ctx, tx, currentUser(c).ID, id, f.Get("reason"), h.now())
		return err
	})
	if v, ok := models.AsValidation(err); ok {
		return h.renderAdminUsers(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/users", "Banned "+u.Email+". Their jobs are off the board.")
}

// unbanUser lifts a ban and brings back the jobs it hid.
func (h *Handler) unbanUser(c *fiber.Ctx) error {
	u, err := auditedOnID(h, c, "user.unban", "user", func(ctx context.Context, tx bun.Tx, id int64) (*models.User, error) {
		return models.UnbanUser(ctx, tx, id, h.now())
	})
	if err != nil {
		return err
	}
	return redirect(c, "/admin/users", "Lifted the ban on "+u.Email+".")
}

// setAdmin grants (value=1) or revokes (value=0) the admin role; an admin
// cannot revoke their own.
func (h *Handler) setAdmin(c *fiber.Ctx) error {
	grant, action, done := switched(c, "user.admin_grant", " is an admin.", "user.admin_revoke", " is no longer an admin.")
	u, err := auditedOnID(h, c, action, "user", func(ctx context.Context, tx bun.Tx, id int64) (*models.User, error) {
		return models.SetAdmin(ctx, tx, currentUser(c).ID, id, grant)
	})
	if errors.Is(err, models.ErrForbidden) {
		return fail(fiber.StatusConflict, "You cannot revoke your own admin role. Ask another admin.")
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/users", u.Email+done)
}

// adminCompanies searches companies by name, slug or email domain.
func (h *Handler) adminCompanies(c *fiber.Ctx) error {
	cs, err := models.SearchCompanies(c.UserContext(), h.DB, c.Query("q"))
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "admin/companies", "Companies", nil, adminCompaniesPage{Companies: cs, Query: c.Query("q")})
}

// verifyCompany records that an admin checked the company's email domain.
func (h *Handler) verifyCompany(c *fiber.Ctx) error {
	co, err := auditedOnID(h, c, "company.verify", "company", func(ctx context.Context, tx bun.Tx, id int64) (*models.Company, error) {
		return models.VerifyCompanyDomain(ctx, tx, id, h.now())
	})
	if errors.Is(err, models.ErrDomainNotVerifiable) {
		return fail(fiber.StatusConflict, models.UnverifiableDomainMessage)
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/companies", co.Name+"’s domain is verified.")
}

// trustCompany marks a company trusted (value=1: its jobs skip review) or not.
func (h *Handler) trustCompany(c *fiber.Ctx) error {
	trusted, action, done := switched(c, "company.trust", " is trusted: its jobs skip review.",
		"company.untrust", " is no longer trusted.")
	co, err := auditedOnID(h, c, action, "company", func(ctx context.Context, tx bun.Tx, id int64) (*models.Company, error) {
		return models.SetCompanyTrusted(ctx, tx, id, trusted, h.now())
	})
	if err != nil {
		return err
	}
	return redirect(c, "/admin/companies", co.Name+done)
}

// listBannedDomains shows the banned email domains and the form to add one.
func (h *Handler) listBannedDomains(c *fiber.Ctx) error {
	return h.renderDomains(c, fiber.StatusOK, nil)
}

func (h *Handler) renderDomains(c *fiber.Ctx, status int, f *form) error {
	ds, err := models.BannedDomains(c.UserContext(), h.DB)
	if err != nil {
		return err
	}
	return h.render(c, status, "admin/domains", "Banned domains", f, adminDomainsPage{Domains: ds})
}

// banDomain bans an email domain with a reason; its companies' jobs leave
// the board.
func (h *Handler) banDomain(c *fiber.Ctx) error {
	f := readForm(c, "domain", "reason")
	domain := models.NormalizeDomain(f.Get("domain"))
	err := h.audited(c, "domain.ban", "domain", domain, f.Get("reason"), func(ctx context.Context, tx bun.Tx) error {
		_, err := models.BanDomain(ctx, tx, currentUser(c).ID, domain, f.Get("reason"), h.now())
		return err
	})
	if v, ok := models.AsValidation(err); ok {
		return h.renderDomains(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/domains", "Banned "+domain+". Its companies’ jobs are off the board.")
}

// unbanDomain lifts a domain ban and brings back the jobs it hid.
func (h *Handler) unbanDomain(c *fiber.Ctx) error {
	domain := models.NormalizeDomain(c.FormValue("domain"))
	err := h.audited(c, "domain.unban", "domain", domain, "", func(ctx context.Context, tx bun.Tx) error {
		_, err := models.UnbanDomain(ctx, tx, domain)
		return err
	})
	if err != nil {
		return err
	}
	return redirect(c, "/admin/domains", "Lifted the ban on "+domain+".")
}
