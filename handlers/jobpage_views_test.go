package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"careercenter/models"
)

// With a flush interval (production's default is one second) a job page
// writes nothing itself: its view reaches the counter with the next batch,
// or the last one when the server shuts down, still once per viewer and day.
func TestJobViewsAreBufferedAndWrittenInBatches(t *testing.T) {
	k := jobKit{t: t, s: newSiteWith(t, map[string]string{"APP_ENV": "dev", "BASE_URL": "http://jobs.test",
		"PORT": "3000", "TRUSTED_PROXY_HEADER": "X-Forwarded-For", "JOB_VIEW_FLUSH": "1m"})}
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	j := k.job(co, nil)

	guest := k.s.browser()
	for range 3 {
		if res := guest.get(j.Path()); res.Status != http.StatusOK {
			t.Fatalf("status %d", res.Status)
		}
	}
	other := &browser{s: k.s, cookies: map[string]string{}, ip: "198.51.100.9"}
	if res := other.get(j.Path()); res.Status != http.StatusOK {
		t.Fatalf("status %d", res.Status)
	}
	if n := k.views(j); n != 0 {
		t.Fatalf("%d views written before the batch", n)
	}
	_ = k.s.web.ShutdownWithTimeout(time.Second) // it never listened: this only runs the hooks
	if n := k.views(j); n != 2 {
		t.Fatalf("%d views after the last batch, want 2 (two viewers)", n)
	}
}
