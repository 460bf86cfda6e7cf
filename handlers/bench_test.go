package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"careercenter/models/demo"
)

// benchPage requests path in parallel with b's cookies and client address.
func benchPage(b *testing.B, s *site, br *browser, path string) {
	b.Helper()
	if res := br.get(path); res.Status != http.StatusOK {
		b.Fatalf("status %d", res.Status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("X-Forwarded-For", br.ip)
			for k, v := range br.cookies {
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

// BenchmarkCodePageSections is a Pro reader re-opening a code page with all
// six member sections (CPT 20697 of the sample).
func BenchmarkCodePageSections(b *testing.B) {
	s := newSite(b)
	if err := demo.SeedSampleCodes(b.Context(), s.db.Bun); err != nil {
		b.Fatal(err)
	}
	br := s.registered("pro@example.com")
	if _, err := s.db.Bun.NewRaw(`UPDATE users SET plan = 'pro' WHERE email = 'pro@example.com'`).Exec(b.Context()); err != nil {
		b.Fatal(err)
	}
	benchPage(b, s, br, "/codes/cpt/20697")
}

// BenchmarkCodePageGuest is a guest re-reading the code page its one view
// was spent on.
func BenchmarkCodePageGuest(b *testing.B) {
	s := newSite(b)
	s.addCodes()
	benchPage(b, s, s.browser(), "/codes/icd-10-cm/E11.9")
}

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
