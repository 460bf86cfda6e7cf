package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

// The sidebar's counts come from a short-lived cache, and the page says how
// old they are whenever they are not current.
func TestSearchSaysHowOldItsFilterCountsAre(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	k.job(co, nil)
	b := k.s.browser()
	first := b.get("/jobs")
	if first.Status != http.StatusOK {
		t.Fatalf("status %d", first.Status)
	}
	lacks(t, first.Body, "counts as of")
	time.Sleep(1100 * time.Millisecond)
	again := b.get("/jobs")
	if !strings.Contains(again.Body, "Filter counts as of 1 second ago.") && !strings.Contains(again.Body, "Filter counts as of 2 seconds ago.") {
		t.Fatalf("a cached count does not say its age:\n%s", again.Body)
	}
}
