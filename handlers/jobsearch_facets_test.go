package handlers_test

import (
	"net/http"
	"regexp"
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
	if !regexp.MustCompile(`Filter counts as of (1 second|[2-9] seconds) ago\.`).MatchString(again.Body) {
		t.Fatalf("a cached count does not say its age:\n%s", again.Body)
	}
}
