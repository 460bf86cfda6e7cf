package handlers

import (
	"context"
	"html/template"
	"strconv"
	"time"

	"careercenter/models"
)

// The board's public lists (a search's first page, the home page, the feed)
// are the same for every reader apart from their saved marks, so their
// answers are kept briefly per process (models.TTLCache): a popular list
// costs its queries once every models.SearchCacheTTL, and a change made
// through this process shows at once.

// keepLists starts the caches of list answers, and of the parts of search
// pages that guests all see alike, when writes are counted.
func (h *Handler) keepLists() {
	if h.Changes != nil {
		h.lists = models.NewTTLCache[listAnswer](models.SearchCacheTTL, models.SearchCacheSize, h.Changes)
		h.fragments = models.NewTTLCache[template.HTML](models.SearchCacheTTL, models.SearchCacheSize, h.Changes)
		h.jobPages = models.NewTTLCache[jobPageData](models.SearchCacheTTL, jobPagesKept, h.Changes)
		h.guestPages = models.NewTTLCache[models.GuestJobRead](models.SearchCacheTTL, guestPagesKept, h.Changes)
		h.companies = models.NewTTLCache[*models.Company](models.SearchCacheTTL, companiesKept, h.Changes)
		h.payGroups = models.NewTTLCache[models.JobPayGroups](payGroupsKept, 1, h.Changes)
		h.answers = models.NewTTLCache[map[int64]*models.Responsiveness](payGroupsKept, 1, h.Changes)
	}
}

// guestFragment is the named template of a page drawn for a guest, kept
// under key with the lists: a page of 20 job cards and 150 filters takes
// about 5 ms to draw, the same for every guest. Signed-in readers' pages
// carry their saved marks and are drawn each time.
func (h *Handler) guestFragment(key, view, name string, p page, now time.Time) (template.HTML, error) {
	if h.Views == nil || h.fragments == nil {
		return "", nil
	}
	return h.fragments.Get(key, now, func() (template.HTML, error) { return h.Views.Fragment(view, name, p) })
}

// jobPagesKept bounds the job pages kept: a job page holds its description
// four times over (text, HTML, head, JSON-LD) and its drawn body (about
// 30 KB), and the pages worth keeping
// are the popular few; a crawler's walk through every job would only churn.
const jobPagesKept = 100

// guestPagesKept bounds the guests' kept job pages a process holds (about
// 10 KB each): what a popular job's guests read costs one statement (the
// views left) rather than the page's.
const guestPagesKept = 200

// companiesKept bounds the companies kept for job pages: a random walk
// through the board's job pages meets the same few thousand employers.
const companiesKept = 2000

// companyForPage is the company of a job page, with its logo check, kept
// with the lists: a company is shared by many job pages, so a page not
// kept itself mostly finds its company kept.
func (h *Handler) companyForPage(ctx context.Context, id int64, now time.Time) (*models.Company, error) {
	return h.companies.Get(strconv.FormatInt(id, 10), now, func() (*models.Company, error) {
		return models.CompanyForPage(ctx, h.DB, id)
	})
}

// payGroupsKept is how long a process keeps the pay groups job pages
// compare with, and the companies' answer figures: the worker refreshes
// them far less often, and a refresh through this process drops them at
// once.
const payGroupsKept = time.Minute

// jobPayGroups are the pay groups job pages compare with.
func (h *Handler) jobPayGroups(ctx context.Context, now time.Time) (models.JobPayGroups, error) {
	return h.payGroups.Get("", now, func() (models.JobPayGroups, error) { return models.LoadJobPayGroups(ctx, h.DB) })
}

// companyAnswers are the companies' answer figures job pages show, kept
// as the pay groups are.
func (h *Handler) companyAnswers(ctx context.Context, now time.Time) (map[int64]*models.Responsiveness, error) {
	return h.answers.Get("", now, func() (map[int64]*models.Responsiveness, error) {
		return models.AllResponsiveness(ctx, h.DB)
	})
}

// listAnswer is what a list's queries found: the jobs with their employers'
// answer figures and, for a search page, the pay of the search's group; for
// a feed, its whole body and when its newest job was published.
type listAnswer struct {
	Page     models.JobPage
	Pay      *models.PayGroup
	Body     []byte
	Modified time.Time
}

// searchAnswer runs a search, with the board's figures (answers and pay)
// when figures is set, from the cache when it is a first page.
func (h *Handler) searchAnswer(ctx context.Context, f models.JobFilter, now time.Time, limit int, figures bool) (listAnswer, error) {
	fill := func() (listAnswer, error) {
		var a listAnswer
		var err error
		if a.Page, err = models.SearchJobs(ctx, h.DB, f, now, limit); err != nil || !figures {
			return a, err
		}
		if err = models.AttachAnswers(ctx, h.DB, a.Page.Jobs); err != nil {
			return a, err
		}
		a.Pay, err = models.PayForSearch(ctx, h.DB, f)
		return a, err
	}
	if f.Cursor != "" {
		return fill()
	}
	key := "search " + f.Query().Encode() + " " + strconv.Itoa(limit)
	if figures {
		key += " figures"
	}
	return h.lists.Get(key, now, fill)
}
