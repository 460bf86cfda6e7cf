package models

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// CandidatesPerPage is the candidate search page size.
const CandidatesPerPage = 20

// CandidateFilter is an employer's search of visible profiles. Like JobFilter
// it travels in the URL; values within one filter are alternatives
// (credential=CPC&credential=CCS finds coders holding either), different
// filters must all hold.
type CandidateFilter struct {
	Text        string   // q: words in the headline, credentials and summary
	Credentials []string // credential
	Specialties []string // specialty
	Settings    []string // setting
	// remote: the kind of work the employer offers (remote, hybrid, onsite);
	// it finds coders whose remote preference accepts it (see remoteAccepts).
	Remote   string
	MinYears int    // years: at least this many years of experience
	State    string // state: where the coder lives (postal code)
	City     string // city: the start of the city's name
	Cursor   string // cursor: where the next page starts (not part of the search)
}

// remoteAccepts maps the work an employer offers to the remote preferences
// of the coders who would take it: "Remote or hybrid" coders take remote
// work too, remote-only coders take nothing else, and "any" takes all.
var remoteAccepts = map[string][]string{
	"remote": {"remote", "hybrid", "any"},
	"hybrid": {"hybrid", "any"},
	"onsite": {"onsite", "any"},
}

// ParseCandidateFilter reads a candidate search from URL query values.
// Unknown or malformed values are dropped, never an error.
func ParseCandidateFilter(v url.Values) CandidateFilter {
	f := CandidateFilter{
		Text:        cleanText(v.Get("q"), maxTextLen),
		Credentials: terms(v["credential"], Credentials, true),
		Specialties: terms(v["specialty"], Specialties, false),
		Settings:    terms(v["setting"], Settings, false),
		City:        cleanText(v.Get("city"), 80),
		Cursor:      strings.TrimSpace(v.Get("cursor")),
	}
	if r := strings.ToLower(strings.TrimSpace(v.Get("remote"))); remoteAccepts[r] != nil {
		f.Remote = r
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v.Get("years"))); err == nil && n > 0 && n <= 60 {
		f.MinYears = n
	}
	f.State = stateOf(v.Get("state"))
	return f
}

// Query writes the search back as URL values; the cursor is left out.
func (f CandidateFilter) Query() url.Values {
	v := url.Values{}
	set := func(k, val string) { setNonEmpty(v, k, val) }
	set("q", f.Text)
	for k, vals := range map[string][]string{"credential": f.Credentials, "specialty": f.Specialties, "setting": f.Settings} {
		if len(vals) > 0 {
			v[k] = vals
		}
	}
	set("remote", f.Remote)
	if f.MinYears > 0 {
		v.Set("years", strconv.Itoa(f.MinYears))
	}
	set("state", f.State)
	set("city", f.City)
	return v
}

// CandidateCard is what a search result shows of a profile: never the
// name, email, summary or credential numbers, which are on the metered
// profile page.
type CandidateCard struct {
	bun.BaseModel `bun:"table:profiles,alias:p"`

	UserID           int64     `bun:"user_id"`
	Headline         string    `bun:"headline"`
	CredentialNames  []string  `bun:"credentials,array"`
	VerifiedNames    []string  `bun:"verified,array,scanonly"`
	YearsExperience  int       `bun:"years_experience"`
	City             string    `bun:"city"`
	State            string    `bun:"state"`
	RemotePreference string    `bun:"remote_preference"`
	UpdatedAt        time.Time `bun:"updated_at"`
}

// CardCredential is a credential's name and whether an admin verified it.
type CardCredential struct {
	Name     string
	Verified bool
}

// Credentials lists the card's credentials with their verified marks.
func (c CandidateCard) Credentials() []CardCredential {
	out := make([]CardCredential, len(c.CredentialNames))
	for i, n := range c.CredentialNames {
		out[i] = CardCredential{Name: n}
		for _, v := range c.VerifiedNames {
			out[i].Verified = out[i].Verified || v == n
		}
	}
	return out
}

// Location is "City, ST", or whichever part the coder gave.
func (c CandidateCard) Location() string {
	switch {
	case c.City != "" && c.State != "":
		return c.City + ", " + c.State
	case c.City != "":
		return c.City
	}
	return TermLabel(States, c.State)
}

// RemoteLabel is the coder's remote preference as people read it.
func (c CandidateCard) RemoteLabel() string { return TermLabel(RemotePreferences, c.RemotePreference) }

// CandidatePage is one page of candidate search results.
type CandidatePage struct {
	Candidates []CandidateCard
	Next       string // cursor of the next page; "" on the last page
}

// candidateCursor is the sort key of the last card shown.
type candidateCursor struct {
	Updated time.Time `json:"t"`
	UserID  int64     `json:"i"`
}

func (c candidateCursor) encode() string {
	b, _ := json.Marshal(c) // plain fields always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCandidateCursor reads a cursor; anything unreadable is the first page.
func decodeCandidateCursor(s string) (candidateCursor, bool) {
	var c candidateCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if s == "" || err != nil || json.Unmarshal(b, &c) != nil || c.Updated.IsZero() || c.UserID <= 0 {
		return candidateCursor{}, false
	}
	return c, true
}

// SearchCandidates returns a page of visible profiles matching f, the most
// recently updated first (an active coder's profile is the likeliest to be
// current). Pages continue by keyset on (updated_at, user_id), so they never
// repeat or skip a profile; one edited while someone pages moves to the top
// of the search. Ranking by relevance is left out on purpose: it ranks every
// match, which is slow for common words (see STACK.md).
func SearchCandidates(ctx context.Context, db bun.IDB, f CandidateFilter, limit int) (CandidatePage, error) {
	limit = pageSize(limit, CandidatesPerPage)
	var page CandidatePage
	tsq, err := textQuery(ctx, db, f.Text)
	if err != nil {
		return page, err
	}
	var cards []CandidateCard
	q := db.NewSelect().Model(&cards).
		Column("user_id", "headline", "credentials", "years_experience", "city", "state", "remote_preference", "updated_at").
		ColumnExpr(`ARRAY(SELECT pc.credential FROM profile_credentials pc
			WHERE pc.user_id = p.user_id AND pc.verified_at IS NOT NULL) AS verified`)
	q = f.visibleMatches(q, tsq)
	if cur, ok := decodeCandidateCursor(f.Cursor); ok {
		q = q.Where("(p.updated_at, p.user_id) < (?, ?)", cur.Updated, cur.UserID)
	}
	if err := q.OrderExpr("p.updated_at DESC, p.user_id DESC").Limit(int64(limit + 1)).Scan(ctx); err != nil {
		return page, err
	}
	if len(cards) > limit {
		last := cards[limit-1]
		page.Next = candidateCursor{Updated: last.UpdatedAt, UserID: last.UserID}.encode()
		cards = cards[:limit]
	}
	page.Candidates = cards
	return page, nil
}

// visibleMatches adds the conditions of f to a select on profiles "p": only
// profiles their coders made visible to employers, then every filter.
func (f CandidateFilter) visibleMatches(q *bun.SelectQuery, tsq string) *bun.SelectQuery {
	q = q.Where("p.visible")
	if tsq != "" {
		q = q.Where("p.search @@ ?::tsquery", tsq)
	}
	// && (shares any value) lets the GIN index profiles_filters_idx apply.
	arrays := []struct {
		column string
		values []string
	}{{"credentials", f.Credentials}, {"specialties", f.Specialties}, {"settings", f.Settings}}
	for _, a := range arrays {
		if len(a.values) > 0 {
			q = q.Where("p.? && ?::text[]", bun.Ident(a.column), pgdialect.Array(a.values))
		}
	}
	if f.Remote != "" {
		q = q.Where("p.remote_preference IN (?)", bun.In(remoteAccepts[f.Remote]))
	}
	if f.MinYears > 0 {
		q = q.Where("p.years_experience >= ?", f.MinYears)
	}
	if f.State != "" {
		q = q.Where("p.state = ?", f.State)
	}
	if f.City != "" {
		city := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(f.City))
		q = q.Where("lower(p.city) LIKE ?", city+"%")
	}
	return q
}

// CanSearchCandidates reports who may search and open candidate profiles:
// admins, and members of a company that unlocks search (see
// CandidateSearchAccess).
func CanSearchCandidates(ctx context.Context, db bun.IDB, u *User) (bool, error) {
	access, err := CandidateSearchAccess(ctx, db, u)
	return access == SearchOpen, err
}

// ProfileForViewer returns a profile that viewerID may open: a visible one,
// or the viewer's own even while private. Anything else is ErrNotFound, so
// a private profile looks the same as no profile.
func ProfileForViewer(ctx context.Context, db bun.IDB, userID, viewerID int64) (*Profile, error) {
	p, err := ProfileByUser(ctx, db, userID)
	if err != nil {
		return nil, err
	}
	if !p.Visible && userID != viewerID {
		return nil, ErrNotFound
	}
	return p, nil
}
