package models_test

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

// candidate is a profile to store for a test, with its credentials.
type candidate struct {
	Headline, Summary     string
	Creds, Verified       []string
	Specialties, Settings []string
	Years                 int
	City, State, Remote   string
	Private               bool
	Updated               time.Time
}

// addCandidate stores a user with a profile and returns the user's id.
func addCandidate(t *testing.T, db bun.IDB, email string, c candidate) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := db.NewRaw(`INSERT INTO users (email, name) VALUES (?, ?) RETURNING id`, email, "Name of "+email).
		Scan(ctx, &id); err != nil {
		t.Fatal(err)
	}
	if c.Remote == "" {
		c.Remote = "any"
	}
	if c.Updated.IsZero() {
		c.Updated = time.Now()
	}
	p := &models.Profile{UserID: id, Headline: c.Headline, Summary: c.Summary, Credentials: c.Creds,
		Specialties: c.Specialties, Settings: c.Settings, CodeSets: []string{}, RemoteStates: []string{},
		YearsExperience: c.Years, City: c.City, State: c.State, RemotePreference: c.Remote,
		Visible: !c.Private, UpdatedAt: c.Updated}
	if p.Credentials == nil {
		p.Credentials = []string{}
	}
	if p.Specialties == nil {
		p.Specialties = []string{}
	}
	if p.Settings == nil {
		p.Settings = []string{}
	}
	if _, err := db.NewInsert().Model(p).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range c.Creds {
		pc := &models.ProfileCredential{UserID: id, Credential: name, Number: "NUM-" + name}
		if slices.Contains(c.Verified, name) {
			pc.VerifiedAt = time.Now()
		}
		if _, err := db.NewInsert().Model(pc).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func headlines(page models.CandidatePage) []string {
	var out []string
	for _, c := range page.Candidates {
		out = append(out, c.Headline)
	}
	slices.Sort(out)
	return out
}

func TestCandidateSearchFilters(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	addCandidate(t, d.Bun, "a@example.com", candidate{Headline: "Inpatient coder DRG validation",
		Creds: []string{"CPC", "CCS"}, Verified: []string{"CCS"}, Specialties: []string{"cardiology"},
		Settings: []string{"inpatient-facility"}, Years: 8, City: "Austin", State: "TX", Remote: "remote"})
	addCandidate(t, d.Bun, "b@example.com", candidate{Headline: "Outpatient pro-fee coder", Summary: "Epic and a 3M encoder daily",
		Creds: []string{"CPC-A"}, Specialties: []string{"dermatology"}, Settings: []string{"pro-fee"},
		Years: 1, City: "Tampa", State: "FL", Remote: "onsite"})
	addCandidate(t, d.Bun, "c@example.com", candidate{Headline: "Risk adjustment HCC coder",
		Creds: []string{"CRC"}, Specialties: []string{"internal-medicine"}, Settings: []string{"risk-adjustment"},
		Years: 4, City: "San Antonio", State: "TX", Remote: "hybrid"})
	addCandidate(t, d.Bun, "d@example.com", candidate{Headline: "Auditor", Creds: []string{"CPMA", "CPC"},
		Specialties: []string{"orthopedics"}, Settings: []string{"auditing"}, Years: 12, City: "Sandusky", State: "OH"})
	addCandidate(t, d.Bun, "p@example.com", candidate{Headline: "Private inpatient coder", Summary: "Epic",
		Creds: []string{"CPC", "CCS", "CRC", "CPMA"}, Specialties: []string{"cardiology", "orthopedics"},
		Settings: []string{"inpatient-facility", "auditing"}, Years: 20, City: "Austin", State: "TX",
		Remote: "any", Private: true})

	all := []string{"Auditor", "Inpatient coder DRG validation", "Outpatient pro-fee coder", "Risk adjustment HCC coder"}
	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{"no filter", "", all},
		{"credential", "credential=CCS", []string{"Inpatient coder DRG validation"}},
		{"credential in lower case", "credential=cpc", []string{"Auditor", "Inpatient coder DRG validation"}},
		{"credentials are alternatives", "credential=CRC&credential=CPMA", []string{"Auditor", "Risk adjustment HCC coder"}},
		{"specialty", "specialty=cardiology", []string{"Inpatient coder DRG validation"}},
		{"setting", "setting=risk-adjustment", []string{"Risk adjustment HCC coder"}},
		{"remote work", "remote=remote", []string{"Auditor", "Inpatient coder DRG validation", "Risk adjustment HCC coder"}},
		{"hybrid work", "remote=hybrid", []string{"Auditor", "Risk adjustment HCC coder"}},
		{"on-site work", "remote=onsite", []string{"Auditor", "Outpatient pro-fee coder"}},
		{"years", "years=5", []string{"Auditor", "Inpatient coder DRG validation"}},
		{"state", "state=TX", []string{"Inpatient coder DRG validation", "Risk adjustment HCC coder"}},
		{"state by name", "state=texas", []string{"Inpatient coder DRG validation", "Risk adjustment HCC coder"}},
		{"city prefix", "city=san", []string{"Auditor", "Risk adjustment HCC coder"}},
		{"city and state", "city=San&state=TX", []string{"Risk adjustment HCC coder"}},
		{"city with LIKE characters", "city=%25", nil},
		{"words in the headline", "q=inpatient", []string{"Inpatient coder DRG validation"}},
		{"words in the summary", "q=epic", []string{"Outpatient pro-fee coder"}},
		{"a credential as a word", "q=CCS", []string{"Inpatient coder DRG validation"}},
		{"a phrase", `q="risk adjustment"`, []string{"Risk adjustment HCC coder"}},
		{"a word left out", "q=coder -inpatient", []string{"Outpatient pro-fee coder", "Risk adjustment HCC coder"}},
		{"all together", "q=coder&credential=CPC&specialty=cardiology&setting=inpatient-facility&remote=remote&years=8&state=TX&city=aus",
			[]string{"Inpatient coder DRG validation"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tc.query)
			page, err := models.SearchCandidates(ctx, d.Bun, models.ParseCandidateFilter(v), 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := headlines(page); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCandidateCardsShowNamesAndVerifiedMarksOnly(t *testing.T) {
	d := apptest.DB(t)
	addCandidate(t, d.Bun, "a@example.com", candidate{Headline: "Coder", Creds: []string{"CPC", "CCS"},
		Verified: []string{"CCS"}, City: "Austin", State: "TX", Remote: "hybrid"})
	page, err := models.SearchCandidates(context.Background(), d.Bun, models.CandidateFilter{}, 0)
	if err != nil || len(page.Candidates) != 1 {
		t.Fatalf("%v %d", err, len(page.Candidates))
	}
	c := page.Candidates[0]
	want := []models.CardCredential{{Name: "CPC"}, {Name: "CCS", Verified: true}}
	if got := c.Credentials(); !slices.Equal(got, want) {
		t.Fatalf("credentials %v", got)
	}
	if c.Location() != "Austin, TX" || c.RemoteLabel() != "Remote or hybrid" {
		t.Fatalf("location %q, remote %q", c.Location(), c.RemoteLabel())
	}
}

func TestGarbageCandidateSearchesNeverFail(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	addCandidate(t, d.Bun, "a@example.com", candidate{Headline: "Coder", Years: 3, Creds: []string{"CPC"}})
	for _, q := range []string{
		`q="&&|!(`, `q=' OR 1=1 --`, "q=" + strings.Repeat("ab ", 400), "q=%00%01", "q=the",
		"years=abc", "years=-3", "years=9999", "years=1e3", "credential=NOPE", "specialty=<script>",
		"setting=", "remote=mars", "state=ZZ", "city=" + strings.Repeat("x", 500),
		"cursor=garbage!!", "cursor=eyJ0IjoxfQ", "cursor=e30", "credential=CPC&credential=CPC",
	} {
		v, _ := url.ParseQuery(q)
		f := models.ParseCandidateFilter(v)
		page, err := models.SearchCandidates(ctx, d.Bun, f, 0)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if len(q) > 0 && !strings.HasPrefix(q, "q=") && !strings.HasPrefix(q, "city=") && len(page.Candidates) != 1 {
			t.Errorf("%s: dropped filter should find the profile, got %d", q, len(page.Candidates))
		}
	}
}

func TestCandidatePagesNeitherRepeatNorSkip(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	base := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var want []int64 // newest first; equal times by user id, highest first
	for i, offset := range []int{7, 6, 5, 5, 5, 3, 2, 1} {
		id := addCandidate(t, d.Bun, "c"+string(rune('a'+i))+"@example.com",
			candidate{Headline: "Coder", Updated: base.Add(time.Duration(offset) * time.Hour)})
		want = append(want, id)
	}
	addCandidate(t, d.Bun, "hidden@example.com", candidate{Headline: "Coder", Private: true, Updated: base})
	// Same times: the higher id first.
	want[2], want[4] = want[4], want[2]

	var got []int64
	f := models.CandidateFilter{Text: "coder"}
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		page, err := models.SearchCandidates(ctx, d.Bun, f, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Candidates {
			got = append(got, c.UserID)
		}
		if pages == 0 { // a profile saved meanwhile goes to the top, not into later pages
			addCandidate(t, d.Bun, "new@example.com", candidate{Headline: "Coder", Updated: base.Add(100 * time.Hour)})
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages gave %v, want %v", got, want)
	}
}

func TestWhoMaySearchCandidates(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	coder := addCandidate(t, d.Bun, "coder@example.com", candidate{Headline: "Coder"})
	var member int64
	if err := d.Bun.NewRaw(`INSERT INTO users (email, name) VALUES ('hr@example.com', 'HR') RETURNING id`).Scan(ctx, &member); err != nil {
		t.Fatal(err)
	}
	co, err := models.CreateCompany(ctx, d.Bun, member, models.CompanyInput{Name: "Acme Health", Kind: models.CompanyEmployer})
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.Bun.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name  string
		setup string // SQL run first, on the company ?
		user  *models.User
		want  string
	}{
		{"nobody", "", nil, models.SearchClosed},
		{"coder without a company", "", &models.User{ID: coder}, models.SearchClosed},
		{"admin", "", &models.User{ID: coder, IsAdmin: true}, models.SearchOpen},
		{"member of a new company", "", &models.User{ID: member}, models.SearchLocked},
		{"free-mail domain verified", `UPDATE companies SET email_domain = 'gmail.com', domain_verified_at = now() WHERE id = ?`,
			&models.User{ID: member}, models.SearchLocked},
		{"own domain verified", `UPDATE companies SET email_domain = 'acme-health.com' WHERE id = ?`,
			&models.User{ID: member}, models.SearchOpen},
		{"Pro subscription only", `UPDATE companies SET domain_verified_at = NULL WHERE id = ?;
			INSERT INTO orders (kind, plan, company_id, amount_cents, currency, status) VALUES ('pro', 'pro', ?, 900, 'usd', 'paid')`,
			&models.User{ID: member}, models.SearchLocked},
		{"unpaid posting", `INSERT INTO orders (kind, plan, company_id, amount_cents, currency, status) VALUES ('posting', 'standard', ?, 9900, 'usd', 'pending')`,
			&models.User{ID: member}, models.SearchLocked},
		{"paid posting", `UPDATE orders SET status = 'paid' WHERE kind = 'posting' AND company_id = ?`,
			&models.User{ID: member}, models.SearchOpen},
		{"trusted", `DELETE FROM orders WHERE company_id = ?; UPDATE companies SET trusted = true WHERE id = ?`,
			&models.User{ID: member}, models.SearchOpen},
	}
	for _, tc := range cases {
		if tc.setup != "" {
			args := []any{co.ID}
			if strings.Count(tc.setup, "?") == 2 {
				args = append(args, co.ID)
			}
			exec(tc.setup, args...)
		}
		if got, err := models.CandidateSearchAccess(ctx, d.Bun, tc.user); err != nil || got != tc.want {
			t.Errorf("%s: %v %v, want %s", tc.name, got, err, tc.want)
		}
		if ok, _ := models.CanSearchCandidates(ctx, d.Bun, tc.user); ok != (tc.want == models.SearchOpen) {
			t.Errorf("%s: CanSearchCandidates %v", tc.name, ok)
		}
	}
}

func TestPrivateProfilesAreOnlyTheirOwners(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	private := addCandidate(t, d.Bun, "p@example.com", candidate{Headline: "Private", Private: true})
	visible := addCandidate(t, d.Bun, "v@example.com", candidate{Headline: "Visible"})
	if _, err := models.ProfileForViewer(ctx, d.Bun, private, visible); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("private profile to another: %v", err)
	}
	if p, err := models.ProfileForViewer(ctx, d.Bun, private, private); err != nil || p.Headline != "Private" {
		t.Fatalf("own private profile: %v", err)
	}
	if p, err := models.ProfileForViewer(ctx, d.Bun, visible, private); err != nil || p.User.Email != "v@example.com" {
		t.Fatalf("visible profile: %v", err)
	}
	if _, err := models.ProfileForViewer(ctx, d.Bun, 987654, visible); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
}
