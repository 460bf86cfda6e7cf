package handlers

import (
	"html/template"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
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

// guestFrame is the layout around a guest's job page cut at its stand-ins:
// parts[i] comes before the fill of slots[i]; the last part ends it.
type guestFrame struct {
	parts []string
	slots []int
	size  int
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
	rest, f := b.String(), &guestFrame{}
	for {
		at, which := -1, 0
		for i, m := range frameMarks {
			if j := strings.Index(rest, m); j >= 0 && (at < 0 || j < at) {
				at, which = j, i
			}
		}
		if at < 0 {
			break
		}
		f.parts = append(f.parts, rest[:at])
		f.slots = append(f.slots, which)
		rest = rest[at+len(frameMarks[which]):]
	}
	f.parts = append(f.parts, rest)
	for _, p := range f.parts {
		f.size += len(p)
	}
	if len(f.slots) != len(frameMarks) {
		return nil // a stand-in was escaped or dropped: draw with the template
	}
	return f
}

// titleEscaper escapes a title as html/template does in <title>
// (its HTML escaper, which also writes + as &#43;).
var titleEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;",
	"<", "&lt;", ">", "&gt;")

// renderGuestJob draws a guest's kept job page (showKeptJob) in the frame
// for the guest's views left, or as renderJob does when there is a flash
// message to show or no frame.
func (h *Handler) renderGuestJob(c *fiber.Ctx, data jobPageData) error {
	left, ok := c.Locals("views_left").(int)
	if !ok || c.Cookies("flash") != "" {
		return h.renderJob(c, data)
	}
	f := h.guestFrameFor(left)
	if f == nil {
		return h.renderJob(c, data)
	}
	setJobHeaders(c, data)
	return f.fill(c, data.Job.Title, csrfToken(c), data.GuestHead, data.GuestBody)
}

// fill writes the frame with title, token, head and body in place.
func (f *guestFrame) fill(c *fiber.Ctx, title, csrf string, head, body template.HTML) error {
	fills := [...]string{titleEscaper.Replace(title), csrf, string(head), string(body)}
	var b strings.Builder
	b.Grow(f.size + len(fills[0]) + len(csrf) + len(head) + len(body))
	for i, s := range f.slots {
		b.WriteString(f.parts[i])
		b.WriteString(fills[s])
	}
	b.WriteString(f.parts[len(f.parts)-1])
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(b.String())
}
