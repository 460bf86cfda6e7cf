package models

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// EmployerPageSize is how many jobs one page of the employer dashboard shows.
const EmployerPageSize = 20

// EmployerJobFilter narrows the employer dashboard: the jobs of the user's
// companies (or of one of them), of a status, whose title has the words of
// Q; Page counts from 1.
type EmployerJobFilter struct {
	UserID    int64
	CompanyID int64
	Status    string
	Q         string
	Page      int
}

// EmployerJobList is one page of the dashboard with what its filters show.
type EmployerJobList struct {
	Jobs   []Job          // newest first, each with its company
	Total  int            // jobs matching the filter, all pages
	Counts map[string]int // jobs by status, for the company and words chosen
	Page   int
	Pages  int
}

// First and Last number the jobs shown on this page ("21–40 of 312").
func (l EmployerJobList) First() int {
	if l.Total == 0 {
		return 0
	}
	return (l.Page-1)*EmployerPageSize + 1
}

// Last is the number of the last job on this page.
func (l EmployerJobList) Last() int { return l.First() + len(l.Jobs) - 1 }

// EmployerJobs is one page of the jobs of a member's companies, newest first.
// The filter's company must be one of the user's (others give nothing).
func EmployerJobs(ctx context.Context, db bun.IDB, f EmployerJobFilter) (EmployerJobList, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	l := EmployerJobList{Page: f.Page, Counts: map[string]int{}}
	mine := func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("job.company_id IN (SELECT company_id FROM company_members WHERE user_id = ?)", f.UserID)
		if f.CompanyID != 0 {
			q = q.Where("job.company_id = ?", f.CompanyID)
		}
		for _, w := range strings.Fields(f.Q) {
			q = q.Where("job.title ILIKE ?", "%"+likeEscape(w)+"%")
		}
		return q
	}
	var counts []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	err := mine(db.NewSelect().TableExpr("jobs AS job").ColumnExpr("job.status, count(*) AS n")).
		GroupExpr("job.status").Scan(ctx, &counts)
	if err != nil {
		return l, err
	}
	for _, c := range counts {
		l.Counts[c.Status] = c.N
		if f.Status == "" || f.Status == c.Status {
			l.Total += c.N
		}
	}
	l.Pages = max(1, (l.Total+EmployerPageSize-1)/EmployerPageSize)
	q := mine(db.NewSelect().Model(&l.Jobs).ColumnExpr(jobColumns).
		ColumnExpr(jobViewCount + " AS view_count").
		Relation("Company"))
	if f.Status != "" {
		q = q.Where("job.status = ?", f.Status)
	}
	err = q.Order("job.created_at DESC", "job.id DESC").
		Limit(EmployerPageSize).Offset(int64((f.Page - 1) * EmployerPageSize)).Scan(ctx)
	return l, err
}
