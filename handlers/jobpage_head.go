package handlers

import (
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"

	"careercenter/models"
)

// jobHead is what a job page puts into <head>: robots, the canonical link and
// Open Graph tags. views/jobs/show.html draws it in its "head" template,
// which the layout shows through {{block "head" .}}{{end}}.
type jobHead struct {
	NoIndex     bool
	Canonical   string // absolute URL of the job page
	Title       string
	Description string // plain text, about 200 characters
	Image       string // absolute URL of the company logo, or ""
}

// ogDescriptionLen is about what link previews show before cutting.
const ogDescriptionLen = 200

var plainText = bluemonday.StrictPolicy().AddSpaceWhenStrippingTag(true)

func (h *Handler) jobHeadFor(j *models.Job, description template.HTML, logoPath string, noindex bool) jobHead {
	base := strings.TrimRight(h.BaseURL, "/")
	head := jobHead{
		NoIndex:     noindex,
		Canonical:   base + j.Path(),
		Title:       j.Title + " · " + j.Company.Name,
		Description: excerpt(string(description), ogDescriptionLen),
	}
	if logoPath != "" {
		head.Image = base + logoPath
	}
	return head
}

// excerpt turns sanitized HTML into plain text of at most about n
// characters, cut at a word and marked with an ellipsis.
func excerpt(htmlText string, n int) string {
	text := strings.Join(strings.Fields(html.UnescapeString(plainText.Sanitize(htmlText))), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := string([]rune(text)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
