// Package handlers is the web layer: one Handler struct whose methods are the
// routes of routes.go. Handlers read input, check who is asking, call one or
// two model functions and render or redirect; errors go to ErrorHandler.
package handlers

import (
	"context"
	"html/template"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"
	"github.com/uptrace/bun"

	"github.com/stripe/stripe-go/v76"

	"careercenter/models"
	"careercenter/models/email"
)

// Payments is Stripe as the web layer uses it (app/pay.Stripe); its request and result types are in models.
type Payments interface {
	Enabled() bool
	Checkout(ctx context.Context, r models.CheckoutRequest) (models.Checkout, error)
	Session(ctx context.Context, id string) (*stripe.CheckoutSession, error)
	Refund(ctx context.Context, paymentIntentID string, orderID int64) error
	PortalURL(ctx context.Context, customerID, returnURL string) (string, error)
	Event(payload []byte, signature string) (stripe.Event, error)
}

// Handler holds everything the routes need. It is built once, in app.New.
type Handler struct {
	DB           *bun.DB
	Mail         *email.Mail // builds and queues every email
	Pay          Payments
	Files        models.FileStore // resumes, outside the web root
	Prices       models.Prices
	Sessions     *session.Store
	Limits       fiber.Storage // rate-limit counters
	Log          *slog.Logger
	BaseURL      string
	Dev          bool
	Secret       string // keys CSRF tokens and IP hashes
	AssetVersion string
	Ready        func(ctx context.Context) error
	Clock        func() time.Time     // nil: the real time; tests move it
	OAuth        []OAuthProvider      // sign-in providers with keys configured
	Content      fs.FS                // Markdown of /about, /terms, /privacy, /contact
	ContactEmail string               // the address /contact gives
	Metrics      Counters             // nil: nothing counted
	Figures      FiguresQueue         // refreshes the board's figures after a change; nil: none
	JobViews     *models.JobViews     // buffers job page views; nil: each view is written at once
	KeptPages    *models.KeptJobPages // stores guests' job pages for every process; nil: kept per process only
	Facets       *models.FacetCache   // recent filter counts of searches; nil: counted every time
	// Changes counts this process's writes to jobs and companies (a query
	// hook on DB); with it, Routes keeps the public lists' answers briefly
	// (lists.go). nil: every list is queried every time.
	Changes    *models.BoardChanges
	Views      *Views // the app's templates, for fragments kept with the lists
	lists      *models.TTLCache[listAnswer]
	fragments  *models.TTLCache[template.HTML]
	jobPages   *models.TTLCache[jobPageData]
	guestPages *models.TTLCache[models.GuestJobRead]
	frames     guestFrames  // the layout around guests' kept job pages; see guestframe.go
	drawn      drawnFigures // job pages' figures as drawn; see boardfigures.go
	companies  *models.TTLCache[*models.Company]
	payGroups  *models.TTLCache[models.JobPayGroups]
	answers    *models.TTLCache[map[int64]*models.Responsiveness]

	// Codes keeps recent code pages (models.CodePageTTL); nil: read every time.
	Codes *models.CodePageCache

	assetCache sync.Map // *assetFile by name; see asset
	keptOnce   sync.Once
	kept       keptMarks // see marks
	codecOnce  sync.Once // see codec
	keptCodec  *keptCodec
}

// Counters is what the web layer counts for the metrics endpoint
// (app/metrics.Metrics).
type Counters interface {
	Request(route, method string, status int, took time.Duration)
	Meter(viewer string, granted bool)
	Webhook(eventType, outcome string)
	SignInFailure()
}

// noCounters counts nothing, for a Handler built without metrics.
type noCounters struct{}

func (noCounters) Request(string, string, int, time.Duration) {}
func (noCounters) Meter(string, bool)                         {}
func (noCounters) Webhook(string, string)                     {}
func (noCounters) SignInFailure()                             {}

// counters is h.Metrics, or one that counts nothing.
func (h *Handler) counters() Counters {
	if h.Metrics == nil {
		return noCounters{}
	}
	return h.Metrics
}

// FiguresQueue asks for the board's figures (responsiveness, pay) to be
// recomputed once the caller's transaction commits.
type FiguresQueue interface {
	QueueRefresh(ctx context.Context, db bun.IDB) error
}

// page is the data every template gets, plus the page's own in Data.
type page struct {
	Title     string
	User      *models.User
	CSRF      string
	Flash     string
	Assets    string
	Dev       bool
	RequestID string
	Path      string
	Form      *form
	Data      any
	ViewsLeft int // metered views left this period; -1 shows nothing
}

// render draws view inside the layout with the common page data.
func (h *Handler) render(c *fiber.Ctx, status int, view, title string, f *form, data any) error {
	left, err := h.viewsLeft(c)
	if err != nil {
		return err
	}
	p := page{
		Title:     title,
		User:      currentUser(c),
		CSRF:      csrfToken(c),
		Flash:     takeFlash(c),
		Assets:    "/assets/" + h.AssetVersion,
		Dev:       h.Dev,
		RequestID: requestID(c),
		Path:      c.Path(),
		Form:      f,
		Data:      data,
		ViewsLeft: left,
	}
	if f == nil {
		p.Form = &form{}
	}
	takeUploadError(c, p.Form) // an upload refused for its size: see errorpage.go
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).Render(view, p, "layouts/main")
}

// redirect answers a POST with 303 See Other, optionally leaving a flash
// message for the next page.
func redirect(c *fiber.Ctx, to, flash string) error {
	if flash != "" {
		c.Cookie(&fiber.Cookie{Name: "flash", Value: flash, Path: "/", HTTPOnly: true,
			SameSite: "Lax", Expires: time.Now().Add(time.Minute)})
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

func takeFlash(c *fiber.Ctx) string {
	msg := c.Cookies("flash")
	if msg != "" {
		c.Cookie(&fiber.Cookie{Name: "flash", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0)})
	}
	return msg
}

// localPath keeps a "next" parameter only when it is a path on this site.
func localPath(next, fallback string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.IndexFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) >= 0 {
		return fallback
	}
	return next
}
