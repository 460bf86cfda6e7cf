// Package views embeds the HTML page and email templates.
package views

import "embed"

// FS holds every template under this folder, and in content/ the default
// Markdown of the site's own pages (about, terms, privacy, contact).
//
//go:embed layouts partials */*.html emails content
var FS embed.FS
