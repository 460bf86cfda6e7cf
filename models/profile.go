package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Remote preferences of a candidate.
var RemotePreferences = []Term{
	{"remote", "Remote only"}, {"hybrid", "Remote or hybrid"}, {"onsite", "On-site"}, {"any", "Any"},
}

// Profile is a coder's profile: what employers search when it is visible.
type Profile struct {
	bun.BaseModel `bun:"table:profiles"`

	UserID           int64     `bun:"user_id,pk"`
	Headline         string    `bun:"headline"`
	Summary          string    `bun:"summary"`
	Specialties      []string  `bun:"specialties,array"`
	Settings         []string  `bun:"settings,array"`
	CodeSets         []string  `bun:"code_sets,array"`
	Credentials      []string  `bun:"credentials,array"`
	YearsExperience  int       `bun:"years_experience"`
	City             string    `bun:"city"`
	State            string    `bun:"state"`
	RemotePreference string    `bun:"remote_preference"`
	RemoteStates     []string  `bun:"remote_states,array"`
	DesiredPay       *int      `bun:"desired_pay"`
	DesiredPayPeriod *string   `bun:"desired_pay_period"`
	Visible          bool      `bun:"visible"`
	InvitesAllowed   bool      `bun:"invites_allowed"` // employers may invite the coder to apply
	CreatedAt        time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,default:now()"`

	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// profileColumns leaves out the generated search vector.
const profileColumns = "?TableColumns"

// ProfileCredential is one credential with its number and year; it is
// self-declared until an admin verifies it.
type ProfileCredential struct {
	bun.BaseModel `bun:"table:profile_credentials"`

	ID         int64     `bun:"id,pk,autoincrement"`
	UserID     int64     `bun:"user_id"`
	Credential string    `bun:"credential"`
	Number     string    `bun:"number"`
	Year       *int      `bun:"year"`
	VerifiedAt time.Time `bun:"verified_at,nullzero"`
	VerifiedBy int64     `bun:"verified_by,nullzero"`
	CreatedAt  time.Time `bun:"created_at,nullzero,default:now()"`
}

// Verified reports an admin-checked credential.
func (c ProfileCredential) Verified() bool { return !c.VerifiedAt.IsZero() }

// ProfileByUser returns a coder's profile or ErrNotFound.
func ProfileByUser(ctx context.Context, db bun.IDB, userID int64) (*Profile, error) {
	p := new(Profile)
	err := db.NewSelect().Model(p).ColumnExpr(profileColumns).Relation("User").
		Where("profile.user_id = ?", userID).Scan(ctx)
	return p, notFound(err)
}

// CredentialsOf lists a coder's credentials in vocabulary order.
func CredentialsOf(ctx context.Context, db bun.IDB, userID int64) ([]ProfileCredential, error) {
	var cs []ProfileCredential
	err := db.NewSelect().Model(&cs).Where("user_id = ?", userID).Order("credential").Scan(ctx)
	return cs, err
}
