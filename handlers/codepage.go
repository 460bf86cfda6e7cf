package handlers

import (
	"strings"

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
	// Sections is nil unless the reader may see them: signed in, and the
	// meter allowed the page.
	Sections *models.CodeSections
	// Year dates the code set owner's copyright notice.
	Year int
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
