package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"careercenter/models"
)

// "Verified domain: gmail.com" must be impossible: neither the owner's link,
// nor an admin, nor an old verification in the database makes it appear.
func TestFreeMailDomainIsNeverShownVerified(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme-health", "Acme Health", models.CompanyEmployer)
	owner, u := k.user("owner@example.com", false)
	k.join(co, u)
	if _, err := k.s.db.Bun.ExecContext(context.Background(), `UPDATE company_members SET role = 'owner' WHERE user_id = ?;
		UPDATE companies SET email_domain = 'gmail.com' WHERE id = ?`, u.ID, co.ID); err != nil {
		t.Fatal(err)
	}
	page := owner.get(co.Path())
	mustContain(t, page.Body, "gmail.com cannot be verified")
	lacks(t, page.Body, `action="`+co.Path()+`/verify-domain"`)
	res := owner.post(co.Path()+"/verify-domain", url.Values{"local": {"hr"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("link for gmail.com: %d", res.Status)
	}
	mustContain(t, res.Body, "Anyone can get an address on this domain")
	if n := len(k.s.emails("hr@gmail.com")); n != 0 {
		t.Fatalf("%d links sent to gmail.com", n)
	}

	admin, _ := k.user("admin@example.com", true)
	lacks(t, admin.get("/admin/companies").Body, `action="/admin/companies/`+strconv.FormatInt(co.ID, 10)+`/verify"`)
	if res := admin.post("/admin/companies/"+strconv.FormatInt(co.ID, 10)+"/verify", url.Values{}); res.Status != http.StatusConflict {
		t.Fatalf("admin verifies gmail.com: %d", res.Status)
	}
	if _, err := k.s.db.Bun.ExecContext(context.Background(),
		`UPDATE companies SET domain_verified_at = now() WHERE id = ?`, co.ID); err != nil {
		t.Fatal(err)
	}
	lacks(t, k.s.browser().get(co.Path()).Body, "Verified domain")
}
