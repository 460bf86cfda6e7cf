package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"careercenter/models/demo"
)

// BenchmarkCodePage is the metered code-page request with the meter
// included: a signed-in free account re-opening a page it has counted, which
// runs the whole check-and-count transaction.
func BenchmarkCodePage(b *testing.B) {
	s := newSite(b)
	s.addCodes()
	br := s.registered("bench@example.com")
	if res := br.get("/codes/icd-10-cm/E11.9"); res.Status != http.StatusOK {
		b.Fatalf("status %d", res.Status)
	}
	cookies := br.cookies
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, "/codes/icd-10-cm/E11.9", nil)
			for k, v := range cookies {
				req.AddCookie(&http.Cookie{Name: k, Value: v})
			}
			res, err := s.web.Test(req, -1)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("%v %v", err, res)
			}
			res.Body.Close()
		}
	})
}

// BenchmarkJobPage is a guest reading a live job page again (its view of
// the day already counted), with the demo board loaded.
func BenchmarkJobPage(b *testing.B) {
	s := newSite(b)
	if _, err := demo.Seed(b.Context(), s.db.Bun); err != nil {
		b.Fatal(err)
	}
	br := s.browser()
	path := regexp.MustCompile(`href="(/jobs/\d+/[^"]+)"`).FindStringSubmatch(br.get("/jobs").Body)
	if path == nil {
		b.Fatal("no job on /jobs")
	}
	if res := br.get(path[1]); res.Status != http.StatusOK {
		b.Fatalf("status %d", res.Status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, path[1], nil)
			req.Header.Set("X-Forwarded-For", br.ip)
			res, err := s.web.Test(req, -1)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("%v %v", err, res)
			}
			res.Body.Close()
		}
	})
}
