package demo

import (
	"strings"
	"time"

	"careercenter/models"
)

// SampleJobs are the demo's jobs as SeedJobs would add them, one per role
// and in memory only: made-up ids, each with its company, and fixed dates,
// so that every call (in every process) gives the same jobs. Pages drawn
// from them show what a typical job page holds.
func SampleJobs() []models.Job {
	published := time.Date(2026, time.January, 12, 14, 0, 0, 0, time.UTC)
	jobs := make([]models.Job, 0, len(demoRoles))
	for i, role := range demoRoles {
		key, mode, _ := strings.Cut(role.placements[0], ":")
		dc := demoCompanyByKey(key)
		c := dc.company(0)
		c.ID = int64(i + 1)
		j := role.job(0, c, dc, mode, 0)
		j.ID, j.Company = int64(1000+i), c
		j.PublishedAt = published.Add(-time.Duration(i) * 26 * time.Hour)
		jobs = append(jobs, j)
	}
	return jobs
}
