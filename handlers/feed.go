package handlers

import (
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/microcosm-cc/bluemonday"

	"careercenter/models"
)

// feedSize is how many of the newest matching jobs a feed carries.
const feedSize = 50

// RSS 2.0, with the atom:link to itself that feed validators ask for.
type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	Self          rssSelf   `xml:"atom:link"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Items         []rssItem `xml:"item"`
}

type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	ID          string `xml:",chardata"`
}

// jobsFeed is any search as RSS: /jobs.rss takes the query of /jobs. The
// feed is the same for every reader, so its body is kept with the lists'
// answers (lists.go).
func (h *Handler) jobsFeed(c *fiber.Ctx) error {
	f := models.ParseJobFilter(queryValues(c))
	now := h.now()
	a, err := h.lists.Get("feed "+f.Query().Encode(), now, func() (listAnswer, error) {
		jobs, err := models.LatestJobs(c.UserContext(), h.DB, f, time.Time{}, now, feedSize)
		if err != nil {
			return listAnswer{}, err
		}
		a := listAnswer{}
		if len(jobs) > 0 {
			a.Modified = jobs[0].PublishedAt
		}
		a.Body, err = h.feedBody(f, jobs)
		return a, err
	})
	if err != nil {
		return err
	}
	if !a.Modified.IsZero() {
		setLastModified(c, a.Modified)
	}
	c.Set(fiber.HeaderContentType, "application/rss+xml; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.Send(a.Body)
}

// feedBody writes the feed of f's newest jobs.
func (h *Handler) feedBody(f models.JobFilter, jobs []models.Job) ([]byte, error) {
	query := ""
	if q := f.Query(); len(q) > 0 {
		query = "?" + q.Encode()
	}
	ch := rssChannel{
		Title:       f.Describe() + " · CareerCenter",
		Link:        h.BaseURL + "/jobs" + query,
		Description: f.Describe() + ", newest first.",
		Language:    "en-us",
		Self:        rssSelf{Href: h.BaseURL + "/jobs.rss" + query, Rel: "self", Type: "application/rss+xml"},
	}
	for i, j := range jobs {
		if i == 0 {
			ch.LastBuildDate = j.PublishedAt.UTC().Format(time.RFC1123Z)
		}
		ch.Items = append(ch.Items, rssItem{
			Title:       j.Title + " at " + j.CompanyName,
			Link:        h.BaseURL + j.Path(),
			GUID:        rssGUID{IsPermaLink: true, ID: h.BaseURL + "/jobs/" + strconv.FormatInt(j.ID, 10)},
			PubDate:     j.PublishedAt.UTC().Format(time.RFC1123Z),
			Description: jobSummary(j),
		})
	}
	out, err := xml.MarshalIndent(rssFeed{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}, "", "  ")
	return append([]byte(xml.Header), out...), err
}

// feedText strips rendered Markdown down to its words.
var feedText = bluemonday.StrictPolicy()

// summaryLen bounds the description excerpt of a feed item.
const summaryLen = 300

// jobSummary is a feed item's plain-text description: the facts of the card,
// then the start of the description.
func jobSummary(j models.Job) string {
	facts := []string{j.CompanyName, j.PlaceText(), models.TermLabel(models.EmploymentTypes, j.EmploymentType)}
	if s := models.SalaryText(j.SalaryMin, j.SalaryMax, j.SalaryPeriod); s != "" {
		facts = append(facts, s)
	}
	if s := credentialsSentence(j.CredentialsRequired); s != "" {
		facts = append(facts, "Requires "+s)
	}
	if j.ApprenticeOK {
		facts = append(facts, "CPC-A considered")
	}
	text := html.UnescapeString(feedText.Sanitize(string(renderMarkdown(leadParagraphs(j.Description)))))
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > summaryLen {
		cut := string(r[:summaryLen])
		if i := strings.LastIndex(cut, " "); i > summaryLen/2 {
			cut = cut[:i]
		}
		text = cut + "…"
	}
	return strings.Join(facts, " · ") + ". " + text
}

// leadParagraphs keeps the prose that opens a Markdown description, up to
// its first heading or list (a summary reads badly with list items glued
// together); a description that opens with one is kept whole.
func leadParagraphs(md string) string {
	var keep []string
	for _, p := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		t := strings.TrimSpace(p)
		if t == "" {
			continue
		}
		if strings.ContainsAny(t[:1], "#-*+>|0123456789") {
			break
		}
		keep = append(keep, p)
	}
	if len(keep) == 0 {
		return md
	}
	return strings.Join(keep, "\n\n")
}
