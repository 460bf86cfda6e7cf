package models

import (
	"context"

	"github.com/uptrace/bun"
)

// FirstSteps is how far a new account has got with what makes the site
// useful to it: a coder's profile, resume and first saved search; an
// employer's company and first job.
type FirstSteps struct {
	Profile     bool `bun:"profile"`
	Resume      bool `bun:"resume"`
	SavedSearch bool `bun:"saved_search"`
	Company     bool `bun:"company"`
	Job         bool `bun:"job"`
}

// FirstStepsOf reads the first steps of a user in one query.
func FirstStepsOf(ctx context.Context, db bun.IDB, userID int64) (FirstSteps, error) {
	var s FirstSteps
	err := db.NewRaw(`SELECT
		EXISTS (SELECT 1 FROM profiles WHERE user_id = ?0 AND headline <> '') AS profile,
		EXISTS (SELECT 1 FROM resumes WHERE user_id = ?0) AS resume,
		EXISTS (SELECT 1 FROM saved_searches WHERE user_id = ?0) AS saved_search,
		EXISTS (SELECT 1 FROM company_members WHERE user_id = ?0) AS company,
		EXISTS (SELECT 1 FROM jobs WHERE company_id IN (SELECT company_id FROM company_members WHERE user_id = ?0)) AS job`,
		userID).Scan(ctx, &s)
	return s, err
}

// LastUsedCompany is the company a member most recently posted a job for
// or joined (creating a company joins it), whichever came last; 0 when the
// user belongs to none. "Post a job" starts with it.
func LastUsedCompany(ctx context.Context, db bun.IDB, userID int64) (int64, error) {
	var ids []int64
	err := db.NewRaw(`SELECT company_id FROM (
		SELECT m.company_id, m.created_at AS at FROM company_members m WHERE m.user_id = ?0
		UNION ALL
		SELECT j.company_id, max(j.created_at) FROM jobs j
		JOIN company_members m ON m.company_id = j.company_id AND m.user_id = ?0
		WHERE j.created_by = ?0 GROUP BY j.company_id
	) used ORDER BY at DESC, company_id DESC LIMIT 1`, userID).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}
