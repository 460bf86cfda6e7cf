package handlers

import (
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// A guest's kept job page still went through the layout's template on
// every read: about 40 template actions (each escaper a reflected call),
// a fifth of the request's Go time in a CPU profile. What the layout shows
// a guest on a job page differs from one read to the next only in the
// title, the token, the views left, and the head and body put inside it;
// so the layout is drawn once per count of views left with stand-ins for
// the rest (guestFrame), and a read joins the pieces.

// frameMarks stand in a drawn frame for what each read fills in (title,
// token, head, body): text that no escaping changes.
var frameMarks = [...]string{"cc-frame-title-7d2f", "cc-frame-csrf-7d2f", "cc-frame-head-7d2f", "cc-frame-body-7d2f"}

// frameMarksHTML are the stand-ins as template.HTML, for the head and
// body (put in unescaped, as the page's own blocks put them).
var frameMarksHTML = [...]template.HTML{template.HTML(frameMarks[2]), template.HTML(frameMarks[3])} // #nosec: constants

// guestFrame is the layout around a guest's job page cut at its stand-ins
// (cutAtMarks): parts[i] comes before the fill of slots[i], the index of
// its stand-in; the last part ends it.
type guestFrame struct {
	parts []string
	slots []int
}

// guestFrames holds a frame per count of views left (-1 to GuestAllowance,
// far fewer in practice); drawn at first use.
type guestFrames struct {
	mu     sync.Mutex
	frames map[int]*guestFrame
}

// guestFrameFor is the frame for a guest with left views, or nil when it
// cannot be drawn (no templates, or a stand-in the escaping changed).
func (h *Handler) guestFrameFor(left int) *guestFrame {
	h.frames.mu.Lock()
	defer h.frames.mu.Unlock()
	if f, ok := h.frames.frames[left]; ok {
		return f
	}
	if h.frames.frames == nil {
		h.frames.frames = map[int]*guestFrame{}
	}
	f := h.drawGuestFrame(left)
	h.frames.frames[left] = f
	return f
}

func (h *Handler) drawGuestFrame(left int) *guestFrame {
	if h.Views == nil {
		return nil
	}
	p := page{
		Title: frameMarks[0], CSRF: frameMarks[1], Assets: "/assets/" + h.AssetVersion, Dev: h.Dev,
		Path: "/jobs/0/job", Form: &form{}, ViewsLeft: left,
		Data: jobPageData{GuestHead: frameMarksHTML[0], GuestBody: frameMarksHTML[1]},
	}
	var b strings.Builder
	if err := h.Views.Render(&b, "jobs/show", p, "layouts/main"); err != nil {
		return nil
	}
	return cutAtMarks(b.String(), frameMarks[:])
}

// cutAtMarks is drawn cut at each of marks, or nil unless each is found
// once (a stand-in the escaping changed or dropped: draw with the template).
func cutAtMarks(drawn string, marks []string) *guestFrame {
	rest, f := drawn, &guestFrame{}
	for {
		at, which := -1, 0
		for i, m := range marks {
			if j := strings.Index(rest, m); j >= 0 && (at < 0 || j < at) {
				at, which = j, i
			}
		}
		if at < 0 {
			break
		}
		f.parts = append(f.parts, rest[:at])
		f.slots = append(f.slots, which)
		rest = rest[at+len(marks[which]):]
	}
	f.parts = append(f.parts, rest)
	if len(f.slots) != len(marks) {
		return nil
	}
	return f
}

// titleEscaper escapes a title as html/template does in <title>
// (its HTML escaper, which also writes + as &#43;).
var titleEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;",
	"<", "&lt;", ">", "&gt;")

// renderGuestJob draws a guest's kept job page (showKeptJob): the kept
// body with fills in place (keptFills), in the frame for the guest's views
// left, or as renderJob does when there is a flash message to show or no
// frame.
func (h *Handler) renderGuestJob(c *fiber.Ctx, data jobPageData, body string, fills [4]string) error {
	left, ok := c.Locals("views_left").(int)
	f := (*guestFrame)(nil)
	if ok && c.Cookies("flash") == "" {
		f = h.guestFrameFor(left)
	}
	if f == nil {
		data.GuestBody = template.HTML(fillMarks(body, fills[:]...)) // #nosec: drawn by the page's templates; the token is URL-safe text
		return h.renderJob(c, data)
	}
	setJobHeaders(c, data)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Response().ResetBody()
	f.write(responseWriter{c.Response()}, data.Job.Title, fills[1], data.GuestHead, body, fills)
	return nil
}

// write writes the frame with title, token, head and body in place, the
// body's own stand-ins filled as it goes (writeMarks): the page goes
// straight into the response, with no copy of it built first.
func (f *guestFrame) write(w textWriter, title, csrf string, head template.HTML, body string, fills [4]string) {
	for i, s := range f.slots {
		_, _ = io.WriteString(w, f.parts[i])
		switch s {
		case 0:
			_, _ = titleEscaper.WriteString(w, title)
		case 1:
			_, _ = io.WriteString(w, csrf)
		case 2:
			_, _ = io.WriteString(w, string(head))
		case 3:
			writeMarks(w, body, fills[:]...)
		}
	}
	_, _ = io.WriteString(w, f.parts[len(f.parts)-1])
}

// textWriter takes both bytes and strings (a strings.Replacer writes
// bytes).
type textWriter interface {
	io.Writer
	io.StringWriter
}

// responseWriter appends to a response's body.
type responseWriter struct{ r *fasthttp.Response }

func (w responseWriter) WriteString(s string) (int, error) {
	w.r.AppendBodyString(s)
	return len(s), nil
}

func (w responseWriter) Write(b []byte) (int, error) {
	w.r.AppendBody(b)
	return len(b), nil
}
