package handlers_test

import (
	"net/url"
	"testing"

	"careercenter/models"
)

// A paid posting sent back for changes during review is not charged again
// when resubmitted; a relisted (once published) job is.
func TestResubmittingAPaidJobSkipsPayment(t *testing.T) {
	s, _ := newCheckoutSite(t)
	b, co := postingEmployer(s, "hr@example.com", "acme-health")
	id := postingDraft(b, postingForm(co))
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))

	// Paid, then an admin asks for changes: back to draft, never published.
	setSQL(s, `UPDATE orders SET status = 'paid', paid_at = now() WHERE job_id = ?`, id)
	setSQL(s, `UPDATE jobs SET status = 'draft' WHERE id = ?`, id)
	res := b.post("/jobs/"+id+"/submit", url.Values{})
	if res.Status != 303 || res.Location != "/employer" {
		t.Fatalf("resubmit: %d %q", res.Status, res.Location)
	}
	if st := s.jobStatus(id); st != models.JobPendingReview {
		t.Fatalf("job is %s, want pending_review", st)
	}
	if n := len(jobOrders(s, id)); n != 1 {
		t.Fatalf("%d orders, want 1", n)
	}

	// Published once and relisted: a new posting is paid for.
	setSQL(s, `UPDATE jobs SET status = 'draft', published_at = now() - interval '40 days' WHERE id = ?`, id)
	toCheckout(t, b.post("/jobs/"+id+"/submit", url.Values{}))
}
