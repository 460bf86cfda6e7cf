package handlers

import (
	"html/template"
	"io/fs"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// sitePage is one of the pages every site has
// (views/pages/show.html), written in Markdown that the operator may
// replace (CONTENT_DIR).
type sitePage struct {
	Body template.HTML
}

// showSitePage serves /about, /terms, /privacy and /contact from their
// Markdown files; the first "# " heading is the page's title.
func (h *Handler) showSitePage(c *fiber.Ctx) error {
	name := strings.TrimPrefix(c.Path(), "/")
	src, err := fs.ReadFile(h.Content, name+".md")
	if err != nil {
		return err
	}
	text := strings.ReplaceAll(string(src), "{contact_email}", h.ContactEmail)
	title := name
	if first, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(first, "# ") {
		title = strings.TrimSpace(strings.TrimPrefix(first, "# "))
	}
	return h.render(c, fiber.StatusOK, "pages/show", title, nil, sitePage{Body: renderMarkdown(text)})
}
