package handlers

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// companyFields are the text fields of the company form.
var companyFields = []string{"name", "slug", "website", "email_domain", "description", "kind", "remove_logo"}

// newCompany shows the empty company form.
func (h *Handler) newCompany(c *fiber.Ctx) error {
	f := &form{Values: map[string]string{"kind": models.CompanyEmployer}}
	return h.renderCompanyForm(c, fiber.StatusOK, nil, f, false)
}

// createCompany creates the company with the signed-in user as its owner.
func (h *Handler) createCompany(c *fiber.Ctx) error {
	f := readForm(c, companyFields...)
	in, err := companyInput(c, f)
	if err != nil {
		return err
	}
	var co *models.Company
	err = h.withinLimit(c, models.LimitCompanies, func(ctx context.Context, tx bun.Tx) (err error) {
		co, err = models.CreateCompany(ctx, tx, currentUser(c).ID, in)
		return err
	})
	if v, ok := models.AsValidation(err); ok {
		return h.renderCompanyForm(c, fiber.StatusUnprocessableEntity, nil, f.failed(v), in.Logo != nil)
	}
	if le, ok := models.AsLimit(err); ok {
		f.Error = le.Error()
		return h.renderCompanyForm(c, fiber.StatusTooManyRequests, nil, f, in.Logo != nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path(), co.Name+" is created. You are its owner and can now post jobs for it.")
}

// showCompany is the public company page with its live jobs.
func (h *Handler) showCompany(c *fiber.Ctx) error {
	ctx := c.UserContext()
	co, err := models.CompanyBySlug(ctx, h.DB, c.Params("slug"))
	if err != nil {
		return err
	}
	jobs, err := models.LiveJobsForCompany(ctx, h.DB, co.ID, h.now())
	if err != nil {
		return err
	}
	logoURL, err := h.logoURL(c, co)
	if err != nil {
		return err
	}
	role := ""
	if u := currentUser(c); u != nil {
		if role, err = models.MemberRole(ctx, h.DB, co.ID, u.ID); err != nil {
			return err
		}
	}
	answers, err := models.ResponsivenessFor(ctx, h.DB, co.ID)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "companies/show", co.Name, nil,
		companyPage{Company: co, Jobs: jobs, LogoURL: logoURL, Role: role, Answers: answers})
}

// companyLogo serves the stored logo under the type found from its content.
// A versioned URL (?v=) changes with the logo, so it may be cached for good.
func (h *Handler) companyLogo(c *fiber.Ctx) error {
	co, err := models.CompanyBySlug(c.UserContext(), h.DB, c.Params("slug"))
	if err != nil {
		return err
	}
	logo, err := models.CompanyLogo(c.UserContext(), h.DB, co.ID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, logo.ContentType)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderLastModified, logo.UpdatedAt.UTC().Format(http.TimeFormat))
	if c.Query("v") != "" {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	}
	return c.Send(logo.Data)
}

// editCompany shows the company form filled in, to its owner.
func (h *Handler) editCompany(c *fiber.Ctx) error {
	co, err := h.ownedCompany(c)
	if err != nil {
		return err
	}
	f := &form{Values: map[string]string{"name": co.Name, "slug": co.Slug, "website": co.Website,
		"email_domain": co.EmailDomain, "description": co.Description, "kind": co.Kind}}
	return h.renderCompanyForm(c, fiber.StatusOK, co, f, false)
}

// updateCompany saves the owner's changes; the page may move to a new slug.
func (h *Handler) updateCompany(c *fiber.Ctx) error {
	co, err := h.ownedCompany(c)
	if err != nil {
		return err
	}
	f := readForm(c, companyFields...)
	in, err := companyInput(c, f)
	if err != nil {
		return err
	}
	err = models.UpdateCompany(c.UserContext(), h.DB, co, in) // co changes only on success
	if v, ok := models.AsValidation(err); ok {
		return h.renderCompanyForm(c, fiber.StatusUnprocessableEntity, co, f.failed(v), in.Logo != nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path(), "Company details saved.")
}

// renderCompanyForm draws the new or edit form; co is nil for a new company.
// logoSent reminds the user to choose the file again after an error, since
// browsers never refill a file input.
func (h *Handler) renderCompanyForm(c *fiber.Ctx, status int, co *models.Company, f *form, logoSent bool) error {
	title, action, logoURL := "Add your company", "/companies", ""
	if co != nil {
		title, action = "Edit "+co.Name, co.Path()
		var err error
		if logoURL, err = h.logoURL(c, co); err != nil {
			return err
		}
	}
	return h.render(c, status, "companies/form", title, f, companyFormPage{Company: co, Action: action,
		LogoURL: logoURL, LogoSent: logoSent})
}

// companyInput builds the model's input from the form and the chosen logo.
func companyInput(c *fiber.Ctx, f *form) (models.CompanyInput, error) {
	logo, err := readLogo(c)
	return models.CompanyInput{Name: f.Get("name"), Slug: f.Get("slug"), Website: f.Get("website"),
		EmailDomain: f.Get("email_domain"), Description: f.Get("description"), Kind: f.Get("kind"),
		Logo: logo, RemoveLogo: f.Get("remove_logo") != ""}, err
}

// readLogo returns the uploaded logo's bytes, nil when no file was chosen. It
// reads one byte past the limit, enough for the model to refuse the size.
func readLogo(c *fiber.Ctx) ([]byte, error) {
	fh, err := c.FormFile("logo")
	if err != nil || (fh.Size == 0 && fh.Filename == "") {
		return nil, nil // no file part: no new logo
	}
	file, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, models.MaxLogoBytes+1))
	if data == nil {
		data = []byte{}
	}
	return data, err
}

// logoURL is the company's logo address, versioned by its last change, or ""
// when it has none.
func (h *Handler) logoURL(c *fiber.Ctx, co *models.Company) (string, error) {
	at, err := models.CompanyLogoUpdatedAt(c.UserContext(), h.DB, co.ID)
	if err != nil || at.IsZero() {
		return "", err
	}
	return co.Path() + "/logo?v=" + strconv.FormatInt(at.UnixMilli(), 36), nil
}

// companyOf loads the company of the URL and the signed-in user's role in
// it; non-members get ErrNotFound.
func (h *Handler) companyOf(c *fiber.Ctx) (*models.Company, string, error) {
	co, err := models.CompanyBySlug(c.UserContext(), h.DB, c.Params("slug"))
	if err != nil {
		return nil, "", err
	}
	role, err := h.memberRole(c, co.ID)
	return co, role, err
}

// errNotOwner answers members who try what only the owner may do.
var errNotOwner = fail(fiber.StatusForbidden, "Only the company's owner can change its details and members.")

// ownedCompany is companyOf for pages only the owner may use.
func (h *Handler) ownedCompany(c *fiber.Ctx) (*models.Company, error) {
	co, role, err := h.companyOf(c)
	if err != nil {
		return nil, err
	}
	if role != models.RoleOwner {
		return nil, errNotOwner
	}
	return co, nil
}
