package models_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

func companyOwner(t *testing.T, db bun.IDB, email string) *models.User {
	t.Helper()
	u, _, err := models.RegisterUser(context.Background(), db, models.Registration{Name: "Owner " + email,
		Email: email, Password: "long enough password", AccountType: models.AccountEmployer})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCompanyInputValidation(t *testing.T) {
	cases := []struct {
		name   string
		in     models.CompanyInput
		field  string // "" when valid
		normal func(models.CompanyInput) bool
	}{
		{"valid", models.CompanyInput{Name: " Acme  Health ", Kind: "employer"}, "",
			func(in models.CompanyInput) bool { return in.Name == "Acme Health" }},
		{"no name", models.CompanyInput{Kind: "employer"}, "name", nil},
		{"bad kind", models.CompanyInput{Name: "A", Kind: "school"}, "kind", nil},
		{"upper-case slug", models.CompanyInput{Name: "A", Slug: "Acme", Kind: "agency"}, "slug", nil},
		{"double hyphen", models.CompanyInput{Name: "A", Slug: "a--b", Kind: "agency"}, "slug", nil},
		{"reserved slug", models.CompanyInput{Name: "A", Slug: "new", Kind: "agency"}, "slug", nil},
		{"website without scheme", models.CompanyInput{Name: "A", Website: "Example.com/jobs", Kind: "employer"}, "",
			func(in models.CompanyInput) bool { return in.Website == "https://example.com/jobs" }},
		{"javascript website", models.CompanyInput{Name: "A", Website: "javascript:alert(1)", Kind: "employer"}, "website", nil},
		{"ftp website", models.CompanyInput{Name: "A", Website: "ftp://example.com", Kind: "employer"}, "website", nil},
		{"host without dot", models.CompanyInput{Name: "A", Website: "http://intranet", Kind: "employer"}, "website", nil},
		{"domain from address", models.CompanyInput{Name: "A", EmailDomain: " HR@Example.COM ", Kind: "employer"}, "",
			func(in models.CompanyInput) bool { return in.EmailDomain == "example.com" }},
		{"domain from URL", models.CompanyInput{Name: "A", EmailDomain: "https://mail.example.org/x", Kind: "employer"}, "",
			func(in models.CompanyInput) bool { return in.EmailDomain == "mail.example.org" }},
		{"bad domain", models.CompanyInput{Name: "A", EmailDomain: "not a domain", Kind: "employer"}, "email_domain", nil},
		{"text as logo", models.CompanyInput{Name: "A", Kind: "employer", Logo: []byte("just some text")}, "logo", nil},
		{"svg as logo", models.CompanyInput{Name: "A", Kind: "employer",
			Logo: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, "logo", nil},
		{"truncated png", models.CompanyInput{Name: "A", Kind: "employer", Logo: []byte("\x89PNG\r\n\x1a\n")}, "logo", nil},
		{"oversize logo", models.CompanyInput{Name: "A", Kind: "employer",
			Logo: append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, models.MaxLogoBytes)...)}, "logo", nil},
		{"webp logo", models.CompanyInput{Name: "A", Kind: "employer",
			Logo: []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")}, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			errs := in.Validate()
			if tc.field == "" && len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if tc.field != "" && errs[tc.field] == "" {
				t.Fatalf("want an error on %s, got %v", tc.field, errs)
			}
			if tc.normal != nil && !tc.normal(in) {
				t.Fatalf("not normalized: %+v", in)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"St. Mary's Health":     "st-marys-health",
		"  ACME -- Coding  ":    "acme-coding",
		"Clinic 24/7":           "clinic-24-7",
		"!!!":                   "company",
		strings.Repeat("a", 80): strings.Repeat("a", 50),
	} {
		if got := models.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCreateCompanyPicksAndGuardsSlugs(t *testing.T) {
	ctx := context.Background()
	db := apptest.DB(t).Bun
	owner := companyOwner(t, db, "owner@example.com")

	first, err := models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Acme Health", Kind: "employer",
		Logo: pngBytes(t)})
	if err != nil {
		t.Fatal(err)
	}
	if first.Slug != "acme-health" {
		t.Fatalf("slug %q", first.Slug)
	}
	if role, _ := models.MemberRole(ctx, db, first.ID, owner.ID); role != models.RoleOwner {
		t.Fatalf("creator's role %q", role)
	}
	if logo, err := models.CompanyLogo(ctx, db, first.ID); err != nil || logo.ContentType != "image/png" {
		t.Fatalf("logo: %v %v", logo, err)
	}

	// Same name, no slug typed: a free one is chosen.
	second, err := models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Acme Health", Kind: "agency"})
	if err != nil || second.Slug != "acme-health-2" {
		t.Fatalf("second: %v %v", second, err)
	}
	// A typed slug that is taken is refused with a free suggestion.
	_, err = models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Other", Slug: "acme-health", Kind: "agency"})
	v, ok := models.AsValidation(err)
	if !ok || !strings.Contains(v["slug"], `"acme-health-3" is free`) {
		t.Fatalf("taken slug: %v", err)
	}

	// Concurrent creates of one slug: one wins, the other gets a message.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Race", Slug: "race", Kind: "employer"})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else if _, ok := models.AsValidation(err); !ok {
			t.Fatalf("concurrent create: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d concurrent creates won", won)
	}
}

func TestUpdateCompanyRenamesJobsAndResetsDomain(t *testing.T) {
	ctx := context.Background()
	db := apptest.DB(t).Bun
	owner := companyOwner(t, db, "owner@example.com")
	co, err := models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Old Name", Kind: "employer",
		EmailDomain: "old.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewRaw(`UPDATE companies SET domain_verified_at = now() WHERE id = ?`, co.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	co, _ = models.CompanyByID(ctx, db, co.ID)
	if _, err := db.NewRaw(`INSERT INTO jobs (company_id, title, company_name) VALUES (?, 'Coder', ?)`,
		co.ID, co.Name).Exec(ctx); err != nil {
		t.Fatal(err)
	}

	err = models.UpdateCompany(ctx, db, co, models.CompanyInput{Name: "New Name", Slug: co.Slug, Kind: "agency",
		EmailDomain: "new.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var matches bool
	if err := db.NewRaw(`SELECT company_name, search @@ websearch_to_tsquery('english', 'new name') FROM jobs WHERE company_id = ?`,
		co.ID).Scan(ctx, &name, &matches); err != nil {
		t.Fatal(err)
	}
	if name != "New Name" || !matches {
		t.Fatalf("job company name %q, found by search %v", name, matches)
	}
	saved, _ := models.CompanyByID(ctx, db, co.ID)
	if saved.Kind != "agency" || saved.EmailDomain != "new.example.com" || !saved.DomainVerifiedAt.IsZero() {
		t.Fatalf("saved %+v", saved)
	}
	if err := models.UpdateCompany(ctx, db, co, models.CompanyInput{Name: "", Kind: "agency"}); err == nil {
		t.Fatal("empty name accepted")
	}
}

func TestMembersInvitesAndTheLastOwner(t *testing.T) {
	ctx := context.Background()
	db := apptest.DB(t).Bun
	owner := companyOwner(t, db, "owner@example.com")
	coder := companyOwner(t, db, "coder@example.com")
	other := companyOwner(t, db, "other@example.com")
	co, err := models.CreateCompany(ctx, db, owner.ID, models.CompanyInput{Name: "Acme", Kind: "employer"})
	if err != nil {
		t.Fatal(err)
	}

	if _, _, err := models.InviteMember(ctx, db, co.ID, owner.ID, "OWNER@example.com"); err == nil {
		t.Fatal("inviting a member was accepted")
	}
	old, _, err := models.InviteMember(ctx, db, co.ID, owner.ID, "Coder@Example.com")
	if err != nil {
		t.Fatal(err)
	}
	secret, inv, err := models.InviteMember(ctx, db, co.ID, owner.ID, "coder@example.com")
	if err != nil || inv.Email != "coder@example.com" {
		t.Fatalf("invite: %v %v", inv, err)
	}
	if _, err := models.InviteByToken(ctx, db, old); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("replaced invitation still works: %v", err)
	}
	if _, err := models.AcceptInvite(ctx, db, secret, other); !errors.Is(err, models.ErrInviteForAnotherEmail) {
		t.Fatalf("other account: %v", err)
	}
	accepted, err := models.AcceptInvite(ctx, db, secret, coder)
	if err != nil || accepted.Company.ID != co.ID {
		t.Fatalf("accept: %v %v", accepted, err)
	}
	if _, err := models.AcceptInvite(ctx, db, secret, coder); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second accept: %v", err)
	}
	members, _ := models.CompanyMembers(ctx, db, co.ID)
	if len(members) != 2 || !members[0].Owner() || members[1].UserID != coder.ID {
		t.Fatalf("members %+v", members)
	}

	if err := models.LeaveCompany(ctx, db, co.ID, owner.ID); !errors.Is(err, models.ErrLastOwner) {
		t.Fatalf("last owner left: %v", err)
	}
	if err := models.RemoveMember(ctx, db, co.ID, other.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("removing a non-member: %v", err)
	}
	if err := models.LeaveCompany(ctx, db, co.ID, coder.ID); err != nil {
		t.Fatal(err)
	}
	if role, _ := models.MemberRole(ctx, db, co.ID, coder.ID); role != "" {
		t.Fatalf("still a %s after leaving", role)
	}

	// An expired invitation no longer works.
	secret, _, _ = models.InviteMember(ctx, db, co.ID, owner.ID, "coder@example.com")
	if _, err := db.NewRaw(`UPDATE company_invites SET expires_at = now() - interval '1 second'`).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := models.AcceptInvite(ctx, db, secret, coder); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("expired invitation: %v", err)
	}
}
