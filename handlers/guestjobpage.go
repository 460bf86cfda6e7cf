package handlers

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// A job page is about 10 KB of HTML, the same for every guest apart from
// the CSRF token of its report form and the board's figures (which the
// worker refreshes every few minutes). Its head and body are drawn once,
// with stand-ins where the token and the figures go (keptMarks), and kept
// twice over:
// with the page's data in this process (jobPages, 10 s), and in job_pages
// for every process, where a guest's next read finds them in the statement
// that reads the job (models.GuestJobPage) for as long as nothing they show
// changes. Each guest's page gets the kept body with its own token and the
// figures as this process keeps them.

// keptMarks are the stand-ins a kept page is drawn with for the token and
// the figures. (What it is drawn for is keptCodec.drawnFor.)
type keptMarks struct {
	csrf, figures string
}

// marks are h's keptMarks, worked out once.
func (h *Handler) marks() keptMarks {
	h.keptOnce.Do(func() {
		m := hmac.New(sha256.New, []byte(h.Secret))
		m.Write([]byte("kept job page token"))
		sum := m.Sum(nil)
		h.kept.csrf = "csrf-" + hex.EncodeToString(sum[:16])
		h.kept.figures = "<!-- figures " + hex.EncodeToString(sum[16:]) + " -->"
	})
	return h.kept
}

// buildSum names the running program: the hash of its executable, or a
// random name (pages then serve this process only) when it cannot be read.
var buildSum = sync.OnceValue(func() string {
	sum := sha256.New()
	path, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(path); err == nil {
			_, err = io.Copy(sum, f)
			f.Close()
		}
	}
	if err != nil {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		return hex.EncodeToString(b)
	}
	return hex.EncodeToString(sum.Sum(nil))
})

// guestJobBody draws the head and body of data's page for a guest, with the
// token's stand-in; "" when there are no views (some tests) or the page is
// not a public one.
func (h *Handler) guestJobBody(data jobPageData) (head, body template.HTML, err error) {
	if h.Views == nil || data.Preview || data.State == models.JobPageUnpublished || data.State == models.JobPageGone ||
		data.Job.Quarantined() {
		return "", "", nil
	}
	data.Actions = guestActions(data.Job)
	data.FiguresMark = template.HTML(h.marks().figures) // #nosec: a comment of hex digits
	p := page{CSRF: h.marks().csrf, Data: data}
	if head, err = h.Views.Fragment("jobs/show", "job_head", p); err != nil {
		return "", "", err
	}
	body, err = h.Views.Fragment("jobs/show", "body", p)
	return head, body, err
}

// guestBodyFor is the kept body for this guest, when the reader is a guest
// and the kept body still fits the page (its job's state has not moved on
// since).
func (h *Handler) guestBodyFor(c *fiber.Ctx, data jobPageData) (template.HTML, bool, error) {
	if data.GuestBody == "" || currentUser(c) != nil {
		return "", false, nil
	}
	body, err := h.fillKept(c, string(data.GuestBody), data.Job)
	return body, err == nil, err
}

// fillKept is a kept body of job j's page with this reader's CSRF token and
// the figures in place.
func (h *Handler) fillKept(c *fiber.Ctx, body string, j *models.Job) (template.HTML, error) {
	fills, err := h.keptFills(c, j)
	if err != nil {
		return "", err
	}
	return template.HTML(fillMarks(body, fills[:]...)), nil // #nosec: drawn by the page's templates; the token is URL-safe text
}

// keptFills are the stand-ins of a kept body of job j's page with what
// replaces them for this reader (fillMarks' pairs): the CSRF token and the
// figures.
func (h *Handler) keptFills(c *fiber.Ctx, j *models.Job) ([4]string, error) {
	figures, err := h.jobFiguresFor(c.UserContext(), j)
	if err != nil {
		return [4]string{}, err
	}
	drawn, err := h.drawFigures(figures)
	if err != nil {
		return [4]string{}, err
	}
	m := h.marks()
	return [4]string{m.csrf, csrfToken(c), m.figures, string(drawn)}, nil
}

// fillMarks is body with each stand-in of pairs (stand-in, text, …)
// replaced by its text.
func fillMarks(body string, pairs ...string) string {
	var b strings.Builder
	b.Grow(len(body) + 256)
	writeMarks(&b, body, pairs...)
	return b.String()
}

// writeMarks writes body to w with each stand-in of pairs (stand-in, text,
// …) replaced by its text. Each stand-in's next place is found once and
// looked for again only past the place just filled, so the body is
// scanned about once per stand-in (strings.Replacer's generic pass was six
// times slower on a 10 KB body).
func writeMarks(w io.StringWriter, body string, pairs ...string) {
	var next [8]int // each stand-in's next place in body, -1 for none
	if len(pairs)/2 > len(next) {
		panic("writeMarks: too many stand-ins")
	}
	for i := 0; i < len(pairs); i += 2 {
		next[i/2] = strings.Index(body, pairs[i])
	}
	done := 0 // body[:done] is written
	for {
		at, which := -1, 0
		for i := 0; i < len(pairs)/2; i++ {
			if j := next[i]; j >= 0 && (at < 0 || j < at) {
				at, which = j, i
			}
		}
		if at < 0 {
			_, _ = w.WriteString(body[done:])
			return
		}
		_, _ = w.WriteString(body[done:at])
		_, _ = w.WriteString(pairs[2*which+1])
		done = at + len(pairs[2*which])
		for i := 0; i < len(pairs)/2; i++ {
			if next[i] >= 0 && next[i] < done { // the one filled, or one overlapping it
				if j := strings.Index(body[done:], pairs[2*i]); j >= 0 {
					next[i] = done + j
				} else {
					next[i] = -1
				}
			}
		}
	}
}

// showKeptJob answers a guest's read of job id from its page kept in the
// database, when one fits: done reports that it answered. Otherwise read
// is what it found, for showJob to draw the page and keep it.
func (h *Handler) showKeptJob(c *fiber.Ctx, id int64, now time.Time) (read models.GuestJobRead, done bool, err error) {
	if read, err = h.guestJobRead(c, id, now); err != nil {
		return read, false, err
	}
	c.Locals("views_left", read.ViewsLeft) // the header needs no second statement
	if read.Page == nil {
		return read, false, nil
	}
	j := read.Job
	state := j.PageState(now)
	if state == models.JobPageGone || state == models.JobPageUnpublished || j.Quarantined() {
		return read, false, nil // not drawn for guests: showJob says what it is
	}
	if c.Params("slug") != j.Slug {
		return read, true, c.Redirect(j.Path(), fiber.StatusMovedPermanently)
	}
	if state == models.JobPageLive {
		if err := h.recordJobView(c, j, now); err != nil {
			return read, true, err
		}
	}
	// The page is unpacked into a pooled buffer and read in place
	// (viewString): it goes back to the pool once the page is written.
	buf := keptText.Get().(*[]byte)
	defer keptText.Put(buf)
	head, body, err := h.codec().unpackPage((*buf)[:0], read.Page)
	if err != nil {
		return read, false, nil // not as this build packs it: drawn anew
	}
	fills, err := h.keptFills(c, j)
	if err != nil {
		return read, true, err
	}
	data := jobPageData{Job: j, State: state,
		GuestHead: template.HTML(viewString(head)), // #nosec: drawn by the page's template
		Head:      jobHead{NoIndex: state != models.JobPageLive, Canonical: strings.TrimRight(h.BaseURL, "/") + j.Path()},
	}
	return read, true, h.renderGuestJob(c, data, viewString(body), fills)
}

// guestJobRead is a guest's read of job id: its kept page from this
// process when it holds it (guestPages), with only the views left asked
// of the database, else the job, its kept page and the views left in one
// statement (models.GuestJobPage), keeping the page for the next guests.
func (h *Handler) guestJobRead(c *fiber.Ctx, id int64, now time.Time) (models.GuestJobRead, error) {
	key := strconv.FormatInt(id, 10)
	if kept, ok := h.guestPages.Peek(key, now); ok && now.Before(kept.Page.ValidUntil) {
		left, err := models.RemainingViews(c.UserContext(), h.DB, h.viewer(c), now)
		kept.ViewsLeft = left
		return kept, err
	}
	changes := h.guestPages.Changes()
	read, err := models.GuestJobPage(c.UserContext(), h.DB, id, h.codec().drawnFor, now, h.viewer(c))
	if err == nil && read.Page != nil {
		kept := read
		kept.ViewsLeft = 0
		h.guestPages.Put(key, now, changes, kept)
	}
	return read, err
}

// keepJobPage queues the guest page of data, drawn after a read at the
// database's time at, for job_pages.
func (h *Handler) keepJobPage(data jobPageData, at, now time.Time) {
	if h.KeptPages != nil && data.GuestBody != "" && !at.IsZero() {
		h.KeptPages.Add(h.keptPage(data, at, now))
	}
}

// keptPage is what job_pages keeps of data's page.
func (h *Handler) keptPage(data jobPageData, at, now time.Time) models.KeptJobPage {
	j, k := data.Job, h.codec()
	return models.KeptJobPage{
		JobID: j.ID, CompanyID: j.CompanyID, DrawnFor: k.drawnFor, DrawnAt: models.KeptPageDrawnAt(at),
		ValidUntil: models.KeptPageValidUntil(now, j, data.Related),
		RelatedAt:  j.RelatedAt, RelatedIDs: j.RelatedIDs,
		Head: k.pack(string(data.GuestHead)), Body: k.pack(string(data.GuestBody)),
	}
}

// DrawKeptPages draws and stores the guest pages of up to n live jobs with
// ids below before whose page is missing from job_pages or no longer fits
// (models.JobsToKeep), so that a crawler's first read of a page is as cheap
// as any: the web processes walk the board with it in the background. It
// returns the lowest id it looked at, 0 when none was left.
func (h *Handler) DrawKeptPages(ctx context.Context, before int64, n int) (int64, error) {
	if h.Views == nil {
		return 0, nil
	}
	now := h.now()
	ids, at, err := models.JobsToKeep(ctx, h.DB, h.codec().drawnFor, now, before, n)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	pages := make([]models.KeptJobPage, 0, len(ids))
	for _, id := range ids {
		data, err := h.drawPublicJobPage(ctx, id, now)
		if errors.Is(err, models.ErrNotFound) {
			continue // deleted meanwhile
		}
		if err != nil {
			return 0, err
		}
		if data.GuestBody != "" {
			pages = append(pages, h.keptPage(data, at, now))
		}
	}
	return ids[len(ids)-1], models.KeepJobPages(ctx, h.DB, pages)
}
