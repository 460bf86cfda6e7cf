package handlers

import (
	"strconv"
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
}

// searchCandidates lets employers (members of a company) and admins search
// the profiles coders made visible. The whole search is in the query string;
// results show no name, email or summary: those are on the metered profile.
func (h *Handler) searchCandidates(c *fiber.Ctx) error {
	ok, err := models.CanSearchCandidates(c.UserContext(), h.DB, currentUser(c))
	if err != nil {
		return err
	}
	if !ok {
		return h.employersOnly(c)
	}
	f := models.ParseCandidateFilter(queryValues(c))
	page, err := models.SearchCandidates(c.UserContext(), h.DB, f, models.CandidatesPerPage)
	if err != nil {
		return err
	}
	data := candidateSearch{Filter: f, Page: page}
	if page.Next != "" {
		data.NextURL = candidateSearchURL(f, page.Next)
	}
	if f.Cursor != "" {
		data.FirstURL = candidateSearchURL(f, "")
	}
	return h.render(c, fiber.StatusOK, "candidates/index", "Find medical coders", nil, data)
}

// showCandidate is a candidate's profile, metered like code pages: in full
// while the employer has views left (re-opening a counted profile is free,
// Pro and admins are unlimited), otherwise only the teaser, with 402.
// Coders always see their own profile, even a private one, for free.
func (h *Handler) showCandidate(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	u := currentUser(c)
	own := id == u.ID
	if !own {
		// Asked before looking the profile up, so the answer says nothing
		// about which profiles exist.
		ok, err := models.CanSearchCandidates(c.UserContext(), h.DB, u)
		if err != nil {
			return err
		}
		if !ok {
			return h.employersOnly(c)
		}
	}
	p, err := models.ProfileForViewer(c.UserContext(), h.DB, id, u.ID)
	if err != nil {
		return err
	}
	creds, err := models.CredentialsOf(c.UserContext(), h.DB, id)
	if err != nil {
		return err
	}
	if !own {
		d, err := h.spendView(c, models.KindCandidate, strconv.FormatInt(id, 10))
		if err != nil {
			return err
		}
		if !d.Allowed {
			// The teaser gets only what search results show.
			return h.render(c, fiber.StatusPaymentRequired, "candidates/teaser", p.Headline, nil,
				fiber.Map{"Headline": p.Headline, "Credentials": teaserCredentials(creds)})
		}
	}
	return h.render(c, fiber.StatusOK, "candidates/show", p.User.Name, nil, fiber.Map{
		"Profile": p, "Credentials": creds, "Own": own, "Summary": paragraphs(p.Summary),
		"Remote": models.TermLabel(models.RemotePreferences, p.RemotePreference),
	})
}

// employersOnly explains that candidate search is for employers. The 403
// is the same for every profile id, so it reveals nothing.
func (h *Handler) employersOnly(c *fiber.Ctx) error {
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
