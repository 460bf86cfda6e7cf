package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// candidateSearch is the data of the /candidates page.
type candidateSearch struct {
	Filter   models.CandidateFilter
	Page     models.CandidatePage
	NextURL  string // "" on the last page
	FirstURL string // the first page, when this is a later one
	Groups   []filterGroup
}

// filterGroup is one folding list of checkboxes among a search's filters
// (partials/filter_group).
type filterGroup struct {
	Name, Summary string
	Options       []models.Term
	Chosen        []string
}

// searchCandidates lets admins and members of a company that unlocks
// search (models.CandidateSearchAccess) search the profiles coders made
// visible. The whole search is in the query string; results show no name,
// email, summary or member number.
func (h *Handler) searchCandidates(c *fiber.Ctx) error {
	access, err := models.CandidateSearchAccess(c.UserContext(), h.DB, currentUser(c))
	if err != nil {
		return err
	}
	if access != models.SearchOpen {
		return h.employersOnly(c, access)
	}
	f := models.ParseCandidateFilter(queryValues(c))
	page, err := models.SearchCandidates(c.UserContext(), h.DB, f, models.CandidatesPerPage)
	if err != nil {
		return err
	}
	data := candidateSearch{Filter: f, Page: page, Groups: []filterGroup{
		{"credential", "Credential", models.Credentials, f.Credentials},
		{"specialty", "Specialty", models.Specialties, f.Specialties},
		{"setting", "Setting", models.Settings, f.Settings},
	}}
	if page.Next != "" {
		data.NextURL = candidateSearchURL(f, page.Next)
	}
	if f.Cursor != "" {
		data.FirstURL = candidateSearchURL(f, "")
	}
	return h.render(c, fiber.StatusOK, "candidates/index", "Find medical coders", nil, data)
}

// showCandidate is a candidate's profile; see renderCandidate.
func (h *Handler) showCandidate(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	return h.renderCandidate(c, fiber.StatusOK, id, nil)
}

// employersOnly explains who may search candidates: a page for accounts
// without a company, another saying what unlocks search for members of
// companies that have not unlocked it. The 403 is the same for every
// profile id, so it reveals nothing.
func (h *Handler) employersOnly(c *fiber.Ctx, access string) error {
	if access == models.SearchLocked {
		cs, err := models.CompaniesForUser(c.UserContext(), h.DB, currentUser(c).ID)
		if err != nil {
			return err
		}
		return h.render(c, fiber.StatusForbidden, "candidates/locked", "Unlock candidate search", nil,
			struct{ Companies []models.Company }{cs})
	}
	return h.render(c, fiber.StatusForbidden, "candidates/employers_only", "Candidate search is for employers", nil, nil)
}

// teaserCredentials keeps only names and verified marks: numbers identify
// a person in the credentialing bodies' directories.
func teaserCredentials(creds []models.ProfileCredential) []models.CardCredential {
	out := make([]models.CardCredential, len(creds))
	for i, pc := range creds {
		out[i] = models.CardCredential{Name: pc.Credential, Verified: pc.Verified()}
	}
	return out
}

// candidateSearchURL is the address of a page of a candidate search.
func candidateSearchURL(f models.CandidateFilter, cursor string) string {
	v := f.Query()
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/candidates"
	}
	return "/candidates?" + v.Encode()
}

// paragraphs splits plain text at its blank lines, as the coder typed it.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
