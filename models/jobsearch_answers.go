package models

import (
	"strconv"

	"github.com/uptrace/bun"
)

// answerScore orders the responsive sort: the company's share of
// applicants answered within 14 days, or -1 without a figure (too few
// applications, or a job that takes applications elsewhere).
var answerScore = `(CASE WHEN job.apply_method = 'onsite' AND cr.applications >= ` +
	strconv.Itoa(MinAnswerSample) + ` THEN cr.answer_rate ELSE -1 END)::real`

// byAnswers orders a group's matches (q) for the responsive sort: by
// answerScore, then newest. The score travels in the cursor like a rank.
func byAnswers(q *bun.SelectQuery, cur *cursor, after bool) *bun.SelectQuery {
	q = q.Join("LEFT JOIN company_responsiveness AS cr ON cr.company_id = job.company_id").
		ColumnExpr(answerScore + " AS score")
	if after {
		p := cur.Pos
		q = q.Where("("+answerScore+", job.published_at, job.id) < (?::real, ?, ?)", p.Score, p.Pub, p.ID)
	}
	return q.OrderExpr(answerScore + " DESC, job.published_at DESC, job.id DESC")
}
