package handlers

import (
	"context"
	"strconv"
	"time"

	"careercenter/models"
)

// searchFacets counts the sidebar's filters, from the cache when there is
// one, and says how old the counts are when they are a second old or more.
func (h *Handler) searchFacets(ctx context.Context, f models.JobFilter, now time.Time) (map[string][]models.Facet, string, error) {
	if h.Facets == nil {
		facets, err := models.JobFacets(ctx, h.DB, f, now)
		return facets, "", err
	}
	facets, at, err := h.Facets.Facets(ctx, h.DB, f, now)
	return facets, countsAge(now.Sub(at)), err
}

// countsAge tells a reader that the counts beside the filters may be behind
// the results, and by how much.
func countsAge(d time.Duration) string {
	s := int(d / time.Second)
	if s < 1 {
		return ""
	}
	return "Filter counts as of " + strconv.Itoa(s) + " " + pluralize(s, "second", "seconds") + " ago."
}
