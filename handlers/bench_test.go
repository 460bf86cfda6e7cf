package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
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
