package handlers

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// codePage is the data of a code page.
type codePage struct {
	Code     *models.Code
	Decision models.MeterDecision
	Related  []models.Code
	// Guest readers see the member sections as locked blocks that lead to
	// registration; signed-in readers at their limit are offered Pro.
	Guest bool
	// Sections is empty unless the reader may see them: signed in, and the
	// meter allowed the page. It is drawn once per cached code page
	// (views/codes/sections.html).
	Sections template.HTML
	// Year dates the code set owner's copyright notice.
	Year int
	// Body is the page drawn once for its kind of reader (codeBody).
	Body template.HTML
}

// codeSectionTitles are the member sections in the order the page shows them.
var codeSectionTitles = []string{
	"Coding guidelines and tips",
	"Modifiers",
	"Crosswalk",
	"NCCI procedure-to-procedure edits",
	"Medically unlikely edits",
	"Medicare payment",
}

// SectionTitles names the locked blocks.
func (p codePage) SectionTitles() []string { return codeSectionTitles }

// OwnerNotice is the notice that follows the official descriptor.
func (p codePage) OwnerNotice() string { return p.Code.OwnerNotice(p.Year) }

// Procedure reports a CPT or HCPCS code: NCCI edits, MUEs and the fee
// schedule exist only for those.
func (p codePage) Procedure() bool { return p.Code.System == "cpt" || p.Code.System == "hcpcs" }

// CommonParagraphs splits the Common Language Description at blank lines.
func (p codePage) CommonParagraphs() []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(p.Code.CommonDescription, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			out = append(out, para)
		}
	}
	return out
}

// codeSections is the data of views/codes/sections.html.
type codeSections struct {
	Code     *models.Code
	Sections *models.CodeSections
}

// Procedure is codePage's, for the sections alone.
func (s codeSections) Procedure() bool { return codePage{Code: s.Code}.Procedure() }

// sectionsHTML draws the member sections once per cached page: they are
// the same for every reader allowed to see them.
func sectionsHTML(c *fiber.Ctx, p *models.CodePage) (template.HTML, error) {
	return drawnOnce(c, p, "sections", "codes/sections", codeSections{Code: p.Code, Sections: p.Sections})
}

// codeBody draws p's page (views/codes/show.html without the layout) once
// per cached code page and kind of reader: what it shows depends only on
// the meter's answer, whether the reader is a guest, and the year, never on
// who the reader is. The page render then only draws the layout around it.
func codeBody(c *fiber.Ctx, cached *models.CodePage, p codePage) (template.HTML, error) {
	key := fmt.Sprintf("page %t %s %t %d", p.Decision.Allowed, p.Decision.Reason, p.Guest, p.Year)
	return drawnOnce(c, cached, key, "codes/show", page{Data: p}, "code_body")
}

// drawnOnce renders view with data (in define, if named) the first time
// cached is asked for key, and the same HTML after that.
func drawnOnce(c *fiber.Ctx, cached *models.CodePage, key, view string, data any, define ...string) (template.HTML, error) {
	s, err := cached.RenderedAs(key, func() (string, error) {
		var buf bytes.Buffer
		err := c.App().Config().Views.Render(&buf, view, data, define...)
		return buf.String(), err
	})
	return template.HTML(s), err // #nosec G203 -- drawn by html/template
}
