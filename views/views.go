// Package views embeds the HTML page and email templates.
package views

import "embed"

// FS holds every template under this folder.
//
//go:embed layouts partials */*.html emails
var FS embed.FS
