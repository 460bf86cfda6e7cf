package handlers

import (
	"regexp"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// errorPageUser makes an error page show the signed-in header even when the
// error came before the user was loaded (a refused form, an over-long body).
// With the database unavailable it stays a guest's page; without readable
// headers (431) there is no session to find.
func (h *Handler) errorPageUser(c *fiber.Ctx, code int) {
	if currentUser(c) == nil && code != fiber.StatusServiceUnavailable && code != fiber.StatusRequestHeaderFieldsTooLarge {
		if u, err := h.sessionUser(c); err == nil && u != nil {
			c.Locals("user", u)
		}
	}
	if csrfToken(c) == "" {
		if seed := c.Cookies(csrfCookie); seed != "" {
			c.Locals("csrf", h.csrfSign(c.Cookies(SessionCookie), seed))
		}
	}
}

// uploadForm is a form with a file field: a body over the site's limit is
// refused before any handler reads it, so the browser is sent back to the
// form, where the field says what happened.
type uploadForm struct {
	post  *regexp.Regexp // the form's action
	back  string         // the form's page; $1 from post
	name  string         // the form's name on a page with several
	field string
	what  string
	max   int64
}

var uploadForms = []uploadForm{
	{regexp.MustCompile(`^/profile/resumes$`), "/profile#resumes", "resume", "resume", "Resumes", models.MaxResumeBytes},
	{regexp.MustCompile(`^/jobs/(\d+)/apply$`), "/jobs/$1/apply", "", "resume", "Resumes", models.MaxResumeBytes},
	{regexp.MustCompile(`^/companies$`), "/companies/new", "", "logo", "Logos", models.MaxLogoBytes},
	{regexp.MustCompile(`^/companies/([a-z0-9-]+)$`), "/companies/$1/edit", "", "logo", "Logos", models.MaxLogoBytes},
}

// uploadCookie carries the message to the form page, for a minute.
const uploadCookie = "upload_error"

// uploadTooLarge answers an over-limit POST to an upload form with a
// redirect back to the form.
func (h *Handler) uploadTooLarge(c *fiber.Ctx) (bool, error) {
	if c.Method() != fiber.MethodPost {
		return false, nil
	}
	for i, u := range uploadForms {
		m := u.post.FindStringSubmatchIndex(c.Path())
		if m == nil {
			continue
		}
		back := string(u.post.ExpandString(nil, u.back, c.Path(), m))
		c.Cookie(&fiber.Cookie{Name: uploadCookie, Value: strconv.Itoa(i), Path: "/", HTTPOnly: true,
			SameSite: "Lax", Secure: !h.Dev, Expires: time.Now().Add(time.Minute)})
		return true, c.Redirect(back, fiber.StatusSeeOther)
	}
	return false, nil
}

// takeUploadError adds the message of a refused upload to the form of the
// page it was sent back to.
func takeUploadError(c *fiber.Ctx, f *form) {
	raw := c.Cookies(uploadCookie)
	if raw == "" {
		return
	}
	c.Cookie(&fiber.Cookie{Name: uploadCookie, Path: "/", MaxAge: -1, Expires: time.Unix(0, 0)})
	i, err := strconv.Atoi(raw)
	if err != nil || i < 0 || i >= len(uploadForms) {
		return
	}
	u := uploadForms[i]
	if f.Name != "" && f.Name != u.name {
		return
	}
	f.Name = u.name
	if f.Errors == nil {
		f.Errors = models.ValidationErrors{}
	}
	f.Errors.Add(u.field, "That file was too large to receive, so nothing you sent arrived. "+u.what+
		" may be at most "+strconv.FormatInt(u.max>>20, 10)+" MB: choose a smaller file and send the form again.")
}

// maxDrain is how much of a refused body is read and thrown away so that the
// browser, still sending, gets to read the answer instead of a connection
// reset. A larger body just has its connection closed.
const maxDrain = 32 << 20

// drainBody reads the rest of an over-limit body (Fiber refused it before
// reading), until the browser stops sending for a moment. Part of the body
// may already sit in the server's buffer, so the count is not exact.
func drainBody(c *fiber.Ctx) {
	n := int64(c.Request().Header.ContentLength())
	conn := c.Context().Conn()
	if n <= 0 || n > maxDrain || conn == nil {
		return
	}
	buf := make([]byte, 64<<10)
	deadline := time.Now().Add(10 * time.Second)
	for read := int64(0); read < n && time.Now().Before(deadline); {
		_ = conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		k, err := conn.Read(buf)
		read += int64(k)
		if err != nil {
			return
		}
	}
}
