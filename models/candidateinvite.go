package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// Who may search candidates, from CandidateSearchAccess.
const (
	SearchClosed = "closed" // guests, and accounts without a company
	SearchLocked = "locked" // members of companies none of which unlocks search yet
	SearchOpen   = "open"   // admins, and members of a company that unlocks it
)

// InvitesPerDay is how many "invite to apply" emails one company may send
// in 24 hours.
const InvitesPerDay = 20

// ErrInvitesOff refuses an invitation to a coder who turned them off.
var ErrInvitesOff = errors.New("candidate takes no invitations")

// CandidateSearchAccess says whether u may search candidates. A company
// unlocks search once someone vouched for it: an admin marked it trusted,
// it verified its own email domain, or it paid for a posting. Anyone can
// create a company, so membership alone is not enough.
func CandidateSearchAccess(ctx context.Context, db bun.IDB, u *User) (string, error) {
	if u == nil {
		return SearchClosed, nil
	}
	if u.IsAdmin {
		return SearchOpen, nil
	}
	all, err := CompaniesForUser(ctx, db, u.ID)
	if err != nil || len(all) == 0 {
		return SearchClosed, err
	}
	open, err := unlockedCompanies(ctx, db, all)
	if err != nil || len(open) == 0 {
		return SearchLocked, err
	}
	return SearchOpen, nil
}

// unlockedCompanies keeps the companies that unlock candidate search.
func unlockedCompanies(ctx context.Context, db bun.IDB, cs []Company) ([]Company, error) {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	var paid []int64
	err := db.NewRaw(`SELECT DISTINCT company_id FROM orders WHERE company_id IN (?) AND status = ? AND kind <> ?`,
		bun.In(ids), OrderPaid, OrderPro).Scan(ctx, &paid)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	var out []Company
	for _, c := range cs {
		isPaid := false
		for _, id := range paid {
			isPaid = isPaid || id == c.ID
		}
		if c.Trusted || c.DomainVerified() || isPaid {
			out = append(out, c)
		}
	}
	return out, nil
}

// InviteJobs lists the live jobs a member may invite candidates to: those
// of their companies that unlock candidate search, by company and title.
func InviteJobs(ctx context.Context, db bun.IDB, userID int64, now time.Time) ([]Job, error) {
	all, err := CompaniesForUser(ctx, db, userID)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	open, err := unlockedCompanies(ctx, db, all)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	ids := make([]int64, len(open))
	for i, c := range open {
		ids[i] = c.ID
	}
	var js []Job
	q := db.NewSelect().Model(&js).ColumnExpr(jobColumns).Where("job.company_id IN (?)", bun.In(ids))
	err = whereLive(q, now).Order("job.company_name", "job.title", "job.id").Scan(ctx)
	return js, err
}

// CandidateInvite is one "invite to apply": a company asked a candidate
// found in search to apply to one of its jobs.
type CandidateInvite struct {
	bun.BaseModel `bun:"table:candidate_invites"`

	ID          int64     `bun:"id,pk,autoincrement"`
	CompanyID   int64     `bun:"company_id"`
	JobID       int64     `bun:"job_id"`
	CandidateID int64     `bun:"candidate_id"`
	InvitedBy   int64     `bun:"invited_by,nullzero"`
	CreatedAt   time.Time `bun:"created_at"`

	Job       *Job  `bun:"-"` // with its company
	Candidate *User `bun:"-"` // whom to email; never shown to the company
}

// InviteToApply records that inviter asks the candidate to apply to the
// job, for the caller to email in the same transaction. The job must be
// live and belong to a company of the inviter that unlocks candidate
// search; the candidate's profile must be visible (else ErrNotFound) and
// take invitations (else ErrInvitesOff). Refusals the employer can act on
// (another job, tomorrow) are ValidationErrors on "job_id". The company's
// row lock makes its daily count exact under concurrent invitations.
func InviteToApply(ctx context.Context, db bun.IDB, inviter *User, candidateID, jobID int64, now time.Time) (*CandidateInvite, error) {
	p, err := ProfileByUser(ctx, db, candidateID)
	if err != nil || !p.Visible || candidateID == inviter.ID {
		return nil, ErrNotFound
	}
	if !p.InvitesAllowed {
		return nil, ErrInvitesOff
	}
	open, err := InviteJobs(ctx, db, inviter.ID, now)
	if err != nil {
		return nil, err
	}
	var job *Job
	for i := range open {
		if open[i].ID == jobID {
			job = &open[i]
		}
	}
	if job == nil {
		return nil, ValidationErrors{"job_id": "Choose one of your company's open jobs."}
	}
	inv := &CandidateInvite{CompanyID: job.CompanyID, JobID: job.ID, CandidateID: candidateID,
		InvitedBy: inviter.ID, CreatedAt: now, Candidate: p.User}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw(`SELECT id FROM companies WHERE id = ? FOR UPDATE`, job.CompanyID).Exec(ctx); err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*CandidateInvite)(nil)).
			Where("company_id = ? AND created_at > ?", job.CompanyID, now.Add(-24*time.Hour)).Count(ctx)
		if err != nil {
			return err
		}
		if n >= InvitesPerDay {
			return ValidationErrors{"job_id": "Your company has sent 20 invitations in the last 24 hours, the most we allow. Send this one tomorrow."}
		}
		err = tx.NewRaw(`INSERT INTO candidate_invites (company_id, job_id, candidate_id, invited_by, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, candidate_id) DO NOTHING RETURNING id`,
			inv.CompanyID, inv.JobID, inv.CandidateID, inv.InvitedBy, now).Scan(ctx, &inv.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return ValidationErrors{"job_id": "This candidate was already invited to “" + job.Title + "”. Each candidate is invited once per job."}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	job.Company, err = CompanyByID(ctx, db, job.CompanyID)
	inv.Job = job
	return inv, err
}
