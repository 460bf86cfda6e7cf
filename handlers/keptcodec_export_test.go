package handlers

import (
	"context"
	"strings"
)

// MarkKeptPages replaces from with to in the body of every page kept in
// job_pages, packed again as h packs them: a test's way to tell a page read
// from job_pages from one drawn anew.
func (h *Handler) MarkKeptPages(ctx context.Context, from, to string) error {
	var pages []struct {
		JobID int64  `bun:"job_id"`
		Body  []byte `bun:"body"`
	}
	if err := h.DB.NewRaw(`SELECT job_id, body FROM job_pages`).Scan(ctx, &pages); err != nil {
		return err
	}
	for _, p := range pages {
		text, err := h.codec().unpack(nil, p.Body)
		if err != nil {
			return err
		}
		body := h.codec().pack(strings.ReplaceAll(string(text), from, to))
		if _, err := h.DB.NewRaw(`UPDATE job_pages SET body = ? WHERE job_id = ?`, body, p.JobID).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
