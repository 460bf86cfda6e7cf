package handlers

import (
	"context"
	"strconv"
	"time"

	"careercenter/models"
)

// The board's public lists (a search's first page, the home page, the feed)
// are the same for every reader apart from their saved marks, so their
// answers are kept briefly per process (models.SearchCache): a popular list
// costs its queries once every models.SearchCacheTTL, and a change made
// through this process shows at once.

// keepLists starts the cache of list answers when writes are counted.
func (h *Handler) keepLists() {
	if h.Changes != nil {
		h.lists = models.NewSearchCache[listAnswer](models.SearchCacheTTL, h.Changes)
	}
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
