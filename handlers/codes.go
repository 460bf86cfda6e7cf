package handlers

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// listCodes searches codes by number, prefix or words; without a query it
// shows what each code set holds.
func (h *Handler) listCodes(c *fiber.Ctx) error {
	q := models.CodeQuery{Text: strings.TrimSpace(c.Query("q")), System: c.Query("system")}
	if q.System != "" && !models.IsTerm(models.CodeSystems, q.System) {
		q.System = ""
	}
	if q.System != "" && q.Text == "" {
		return c.Redirect("/codes/"+q.System, fiber.StatusSeeOther) // older links browsed this way
	}
	hits, err := models.SearchCodes(c.UserContext(), h.DB, q)
	if err != nil {
		return err
	}
	counts, err := models.CodeCounts(c.UserContext(), h.DB)
	if err != nil {
		return err
	}
	recent, err := h.recentCodes(c)
	if err != nil {
		return err
	}
	title := "Code lookup"
	if q.Text != "" {
		title = "Codes matching “" + q.Text + "”"
	}
	return h.render(c, fiber.StatusOK, "codes/index", title, nil,
		codesPage{Query: q, Hits: hits, Counts: counts, Systems: models.CodeSystems, Recent: recent})
}

// showCode is a metered code page: in full while the viewer has views left
// (re-opening a counted page is free), otherwise only its teaser. Its member
// sections open only to signed-in readers. The code and its sections come
// from h.Codes (at most models.CodePageTTL old); the meter is asked on
// every request.
func (h *Handler) showCode(c *fiber.Ctx) error {
	system, number := c.Params("system"), c.Params("code")
	cached, err := h.Codes.Page(c.UserContext(), h.DB, system, number, h.now())
	if errors.Is(err, models.ErrNotFound) {
		return h.missingCode(c, system, number)
	}
	if err != nil {
		return err
	}
	code := cached.Code
	if c.Path() != code.Path() {
		return c.Redirect(code.Path(), fiber.StatusMovedPermanently)
	}
	decision, err := h.spendCodeView(c, models.KindCode, code.System+"/"+code.Code)
	if err != nil {
		return err
	}
	page := codePage{Code: code, Decision: decision, Guest: currentUser(c) == nil, Year: h.now().Year()}
	status := fiber.StatusPaymentRequired
	if decision.Allowed {
		status = fiber.StatusOK
		page.Related = cached.Related
		if !page.Guest {
			if page.Sections, err = sectionsHTML(c, cached); err != nil {
				return err
			}
		}
		if err := h.rememberCodeView(c, code); err != nil {
			return err
		}
	}
	if page.Body, err = codeBody(c, cached, page); err != nil {
		return err
	}
	return h.render(c, status, "codes/show", code.Code+" "+code.Teaser(), nil, page)
}

// missingCode is the 404 page of an unknown code, with the nearest codes.
func (h *Handler) missingCode(c *fiber.Ctx, system, number string) error {
	if !models.IsTerm(models.CodeSystems, system) {
		return fiber.ErrNotFound
	}
	near, err := models.SuggestCodes(c.UserContext(), h.DB, system, number, 8)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusNotFound, "codes/missing", "Code not found", nil,
		codeMissingPage{System: models.TermLabel(models.CodeSystems, system), Number: number, Near: near})
}
