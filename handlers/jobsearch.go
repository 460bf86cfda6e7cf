package handlers

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/errgroup"

	"careercenter/models"
)

// jobSearch is the data of the /jobs page and of its htmx fragment.
type jobSearch struct {
	Filter    models.JobFilter
	Summary   string // the search in words
	CountText string // "37 jobs", "500+ jobs"
	Sample    string // how many matches the filter counts cover when capped
	CountsAge string // "Filter counts as of 12 seconds ago.": the filter counts are cached; "" when current
	Page      models.JobPage
	Dims      []facetGroup
	NextURL   string // "" on the last page
	PrevURL   string // "" on the first page (and deep past the cursor's trail)
	FirstURL  string // the first page, when this is a later one
	RangeText string // "21–40 of 312"; "" without results
	// Suggestion is the search with its typos fixed, when the words as typed
	// find nothing and the fixed ones do.
	Suggestion    string
	SuggestionURL string
	FeedURL       string
	// Only /jobs and one-filter searches are worth indexing: words, pages
	// and combinations would give crawlers endless near-copies.
	NoIndex bool
	States  []models.Term
	Periods []models.Term
	Saved   map[int64]bool // the signed-in reader's saved jobs among these
	Pay     *payFigure     // the pay of the search's group; nil: no figure (see boardfigures.go)
	// The results and the filters as a guest sees them, kept with the
	// lists (lists.go); "" draws them now.
	ResultsHTML, FacetsHTML template.HTML
}

// facetGroup is one fieldset of the filter sidebar.
type facetGroup struct {
	Name   string // the URL parameter
	Legend string
	Radio  bool // one value at most
	Facets []models.Facet
	Open   bool // a value is chosen: show the group unfolded
}

var facetLegends = map[string]string{
	models.DimWorkMode: "Work mode", models.DimSetting: "Setting", models.DimCredential: "Credential",
	models.DimEmploymentType: "Employment type", models.DimSpecialty: "Specialty",
	models.DimCodeSet: "Code set", models.DimCPCA: "Apprentices", models.DimPosted: "Posted",
}

// listJobs is the job search. The whole search is in the query string, so a
// search can be bookmarked, shared and saved. An htmx request (the filter
// form with JavaScript on) gets only the results and the refreshed filters.
func (h *Handler) listJobs(c *fiber.Ctx) error {
	raw := queryValues(c)
	f := models.ParseJobFilter(raw)
	// A history restore after htmx lost its cache needs the whole page.
	htmx := c.Get("HX-Request") == "true" && c.Get("HX-History-Restore-Request") != "true"
	// A GET form sends every field, empty or not; the address bar and the
	// history get the search in its short, shareable form.
	if canonical := searchURL(f, f.Cursor); !sameValues(raw, f, f.Cursor) {
		if !htmx {
			return c.Redirect(canonical, fiber.StatusFound)
		}
		c.Set("HX-Push-Url", canonical)
	}
	ctx, now := c.UserContext(), h.now()
	// The results and the filter counts are asked at once, on two
	// connections: a page waits for the slower of them, not for both.
	var answer listAnswer
	var facets map[string][]models.Facet
	var countsAge string
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		answer, err = h.searchAnswer(gctx, f, now, models.JobsPerPage, true)
		return err
	})
	if !htmx || f.Cursor == "" { // turning pages with htmx leaves the filters as they are
		g.Go(func() (err error) {
			facets, countsAge, err = h.searchFacets(gctx, f, now)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	page := answer.Page
	var err error
	data := newJobSearch(f, page, facets)
	data.CountsAge = countsAge
	data.Pay = newPayFigure(answer.Pay)
	if data.Saved, err = h.savedAmong(c, page.Jobs); err != nil {
		return err
	}
	if page.Total == 0 && f.Text != "" {
		if data.Suggestion, err = models.SuggestJobSearch(ctx, h.DB, f, now); err != nil {
			return err
		}
		fixed := f
		fixed.Text = data.Suggestion
		data.SuggestionURL = searchURL(fixed, "")
	}
	if currentUser(c) == nil && !htmx && f.Cursor == "" {
		if err := h.guestSearchParts(&data, now); err != nil {
			return err
		}
	}
	c.Vary("HX-Request")
	if htmx {
		return h.renderFragment(c, "jobs/index", "fragment", data)
	}
	return h.render(c, fiber.StatusOK, "jobs/index", data.Summary, nil, data)
}

func newJobSearch(f models.JobFilter, page models.JobPage, facets map[string][]models.Facet) jobSearch {
	q := f.Query()
	s := jobSearch{Filter: f, Summary: f.Describe(), Page: page, FeedURL: "/jobs.rss",
		States: models.States, Periods: models.SalaryPeriods}
	s.CountText = models.Thousands(page.Total)
	if page.Capped {
		s.CountText += "+"
	}
	s.CountText += " " + pluralize(page.Total, "job", "jobs")
	s.Sample = models.Thousands(models.SearchCountCap)
	if len(q) > 0 {
		s.FeedURL += "?" + q.Encode()
	}
	s.NoIndex = f.Cursor != "" || f.Text != "" || len(q) > 1
	if page.Next != "" {
		s.NextURL = searchURL(f, page.Next)
	}
	if page.HasPrev {
		s.PrevURL = searchURL(f, page.Prev)
	}
	if f.Cursor != "" && s.PrevURL != searchURL(f, "") {
		s.FirstURL = searchURL(f, "")
	}
	if n := len(page.Jobs); n > 0 {
		s.RangeText = fmt.Sprintf("%d–%d of %s", page.Start+1, page.Start+n, s.CountText)
	}
	for _, d := range models.FacetDims {
		if facets == nil {
			break
		}
		g := facetGroup{Name: d, Legend: facetLegends[d], Radio: d == models.DimPosted, Facets: facets[d]}
		for _, fc := range g.Facets {
			g.Open = g.Open || fc.Selected
		}
		s.Dims = append(s.Dims, g)
	}
	return s
}

// searchURL is the address of a page of a search.
func searchURL(f models.JobFilter, cursor string) string {
	if v := pageQuery(f, cursor); len(v) > 0 {
		return "/jobs?" + v.Encode()
	}
	return "/jobs"
}

// sameValues reports a query that already is the search's own form (in any
// order): nothing empty, unknown or misspelled in it.
func sameValues(raw url.Values, f models.JobFilter, cursor string) bool {
	v := pageQuery(f, cursor)
	if len(raw) != len(v) {
		return false
	}
	for k, vals := range v {
		if !slices.Equal(raw[k], vals) {
			return false
		}
	}
	return true
}

func pageQuery(f models.JobFilter, cursor string) url.Values {
	v := f.Query()
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	return v
}

// guestSearchParts fills in a guest's results and filters from the kept
// fragments. The filters carry the counts' age, which changes every second.
func (h *Handler) guestSearchParts(data *jobSearch, now time.Time) error {
	p := page{Data: *data, ViewsLeft: -1, Form: &form{}}
	key := data.Filter.Query().Encode()
	var err error
	if data.ResultsHTML, err = h.guestFragment("results "+key, "jobs/index", "results", p, now); err != nil {
		return err
	}
	data.FacetsHTML, err = h.guestFragment("facets "+key+" "+data.CountsAge, "jobs/index", "facets", p, now)
	return err
}

// renderFragment draws one named template of a page without the layout,
// for htmx swaps.
func (h *Handler) renderFragment(c *fiber.Ctx, view, name string, data any) error {
	p := page{CSRF: csrfToken(c), Assets: "/assets/" + h.AssetVersion, Dev: h.Dev,
		RequestID: requestID(c), Path: c.Path(), Form: &form{}, Data: data, ViewsLeft: -1,
		User: currentUser(c)}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Render(view, p, name)
}

// queryValues copies the query string (Fiber's buffers are reused after the
// handler). A malformed pair is skipped; the rest still counts.
func queryValues(c *fiber.Ctx) url.Values {
	v, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	return v
}
