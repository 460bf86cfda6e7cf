package handlers

import (
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapLoc `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists the public pages for search engines. Up to 50,000 URLs it
// is one file; past that /sitemap.xml is an index of /sitemap.xml?page=N
// (imported code sets alone run past 150,000 pages).
func (h *Handler) sitemap(c *fiber.Ctx) error {
	ctx, now := c.UserContext(), h.now()
	n, err := models.SitemapCount(ctx, h.DB, now)
	if err != nil {
		return err
	}
	pages := (n + models.SitemapPageSize - 1) / models.SitemapPageSize
	page, _ := strconv.Atoi(c.Query("page"))
	var doc any
	switch {
	case page == 0 && pages > 1:
		idx := sitemapIndex{NS: sitemapNS}
		for p := 1; p <= pages; p++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapLoc{Loc: h.BaseURL + "/sitemap.xml?page=" + strconv.Itoa(p)})
		}
		doc = idx
	case page < 0 || page > max(pages, 1):
		return fiber.ErrNotFound
	default:
		urls, err := models.SitemapURLs(ctx, h.DB, now, page)
		if err != nil {
			return err
		}
		set := sitemapURLSet{NS: sitemapNS}
		var newest time.Time
		for _, u := range urls {
			loc := sitemapLoc{Loc: h.BaseURL + u.Path}
			if !u.LastMod.IsZero() {
				loc.LastMod = u.LastMod.UTC().Format("2006-01-02T15:04:05Z07:00")
			}
			if u.LastMod.After(newest) {
				newest = u.LastMod
			}
			set.URLs = append(set.URLs, loc)
		}
		doc = set
		setLastModified(c, newest)
	}
	out, err := xml.Marshal(doc)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/xml; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.Send(append([]byte(xml.Header), out...))
}

// privatePrefixes are the pages crawlers have no business in: signed-in
// areas, forms, and the development outbox.
var privatePrefixes = []string{"/account", "/admin", "/alerts", "/dev/", "/email/", "/employer",
	"/invites/", "/jobs/new", "/password/", "/saved", "/verify"}

// robots allows everything public and points at the sitemap.
func (h *Handler) robots(c *fiber.Ctx) error {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	for _, p := range privatePrefixes {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("\nSitemap: " + h.BaseURL + "/sitemap.xml\n")
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
	return c.SendString(b.String())
}
