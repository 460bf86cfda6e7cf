package handlers

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// secureHeaders sets the headers every response carries. The error handler
// sets them too, because Fiber answers an over-long body (413) or header
// (431) before any middleware runs.
func (h *Handler) secureHeaders(c *fiber.Ctx) error {
	h.setSecurityHeaders(c)
	return c.Next()
}

func (h *Handler) setSecurityHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderContentSecurityPolicy, csp)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
	c.Set(fiber.HeaderXXSSProtection, "0")
	c.Set(fiber.HeaderReferrerPolicy, "strict-origin-when-cross-origin")
	c.Set("Cross-Origin-Embedder-Policy", "unsafe-none")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Set("Cross-Origin-Resource-Policy", "same-origin")
	c.Set("Origin-Agent-Cluster", "?1")
	c.Set("X-DNS-Prefetch-Control", "off")
	c.Set("X-Download-Options", "noopen")
	c.Set("X-Permitted-Cross-Domain-Policies", "none")
	if age := hstsAge(h.Dev); age > 0 && c.Protocol() == "https" {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age="+strconv.Itoa(age)+"; includeSubDomains")
	}
}

// errBadInput answers a request whose address or form holds a NUL byte or
// text that is not UTF-8: no page or query can make sense of it, and
// PostgreSQL refuses such text with an error that would otherwise be a 500.
var errBadInput = fail(fiber.StatusBadRequest, "Part of what was sent is not readable text.")

// cleanInput checks every request's path, query and form values (not file
// contents) once, here, for every route.
func (h *Handler) cleanInput(c *fiber.Ctx) error {
	bad := !cleanText(string(c.Context().URI().Path())) // decoded: %00 is a NUL
	visit := func(k, v []byte) {
		bad = bad || !cleanText(string(k)) || !cleanText(string(v))
	}
	c.Context().QueryArgs().VisitAll(visit)
	if bad {
		return errBadInput
	}
	switch {
	case strings.HasPrefix(string(c.Request().Header.ContentType()), fiber.MIMEApplicationForm):
		c.Context().PostArgs().VisitAll(visit)
	case c.Method() == fiber.MethodPost && isMultipart(c):
		if mf, err := c.MultipartForm(); err == nil {
			for k, vs := range mf.Value {
				for _, v := range vs {
					bad = bad || !cleanText(k) || !cleanText(v)
				}
			}
			for _, fs := range mf.File {
				for _, f := range fs {
					bad = bad || !cleanText(f.Filename)
				}
			}
		}
	}
	if bad {
		return errBadInput
	}
	return c.Next()
}

func isMultipart(c *fiber.Ctx) bool {
	return len(c.Request().Header.MultipartFormBoundary()) > 0
}

// cleanText is valid UTF-8 without NUL bytes.
func cleanText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}
