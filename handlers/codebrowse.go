package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// codesPerPage is how many codes a browse page lists.
const codesPerPage = 100

// codeBrowsePage is the data of codes/browse: the outline of a code set, the
// parts of one of its groups, or a page of a group's codes.
type codeBrowsePage struct {
	System string
	Label  string
	Trail  []models.CodeGroup // the groups around Group, outermost first
	Group  *models.CodeGroup  // nil on the outline
	Groups []models.CodeGroup // the parts listed
	List   *models.CodeList   // the codes listed
}

// browseCodes walks a code set by its own structure: /codes/cpt lists its
// sections and ranges, /codes/cpt?range=20000-29999 the codes of a range,
// a page at a time.
func (h *Handler) browseCodes(c *fiber.Ctx) error {
	system := c.Params("system")
	if !models.IsTerm(models.CodeSystems, system) {
		return fiber.ErrNotFound
	}
	ctx := c.UserContext()
	p := codeBrowsePage{System: system, Label: models.TermLabel(models.CodeSystems, system)}
	param, key := "", ""
	for _, name := range models.CodeBrowseParams(system) {
		if v := c.Query(name); v != "" {
			param, key = name, v
		}
	}
	if param == "" {
		groups, err := models.CodeOutline(ctx, h.DB, system)
		if err != nil {
			return err
		}
		p.Groups = groups
		return h.render(c, fiber.StatusOK, "codes/browse", p.Label+" codes", nil, p)
	}
	trail, err := models.CodeGroupTrail(ctx, h.DB, system, param, key)
	if err != nil {
		return err
	}
	g := trail[len(trail)-1]
	p.Trail, p.Group = trail[:len(trail)-1], &g
	switch {
	case g.ListsCodes():
		list, err := models.CodesInGroup(ctx, h.DB, g, c.Query("after"), c.Query("before"), codesPerPage)
		if err != nil {
			return err
		}
		p.List = &list
	case len(g.Groups) > 0:
		p.Groups = g.Groups
	default:
		if p.Groups, err = models.CodeCategories(ctx, h.DB, g); err != nil {
			return err
		}
	}
	title := p.Label + " " + g.Span
	if g.Label != "" {
		title += " " + g.Label
	}
	return h.render(c, fiber.StatusOK, "codes/browse", title, nil, p)
}

// rememberCodeView adds a code page an account opened to its recently
// viewed codes; guests have none.
func (h *Handler) rememberCodeView(c *fiber.Ctx, code *models.Code) error {
	u := currentUser(c)
	if u == nil || u.NewestCode == code.System+"/"+code.Code {
		return nil // re-reading the newest costs no statement (read with the session)
	}
	return models.NoteCodeView(c.UserContext(), h.DB, u.ID, code, h.now())
}

// recentCodes are the codes the signed-in account opened lately, shown on
// /codes; none for guests.
func (h *Handler) recentCodes(c *fiber.Ctx) ([]models.Code, error) {
	u := currentUser(c)
	if u == nil {
		return nil, nil
	}
	return models.RecentCodes(c.UserContext(), h.DB, u.ID, 8)
}
