package models

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
)

// AlertFrequencies are the choices of the alert forms.
var AlertFrequencies = []Term{
	{AlertInstant, "As soon as a job is posted"},
	{AlertDaily, "Daily digest"},
	{AlertWeekly, "Weekly digest"},
}

// confirmTTL is how long a guest's opt-in link works.
const confirmTTL = 14 * 24 * time.Hour

// SavedSearch is a job search saved with an email alert.
type SavedSearch struct {
	bun.BaseModel `bun:"table:saved_searches,alias:ss"`

	ID               int64     `bun:"id,pk,autoincrement"`
	UserID           int64     `bun:"user_id,nullzero"`
	Email            string    `bun:"email"`
	Name             string    `bun:"name"`
	Query            string    `bun:"query"`
	Frequency        string    `bun:"frequency"`
	Paused           bool      `bun:"paused"`
	ConfirmedAt      time.Time `bun:"confirmed_at,nullzero"`
	ConfirmTokenHash []byte    `bun:"confirm_token_hash"`
	LastDigestAt     time.Time `bun:"last_digest_at"`
	CreatedAt        time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,default:now()"`
}

// Filter is the saved search as a job search.
func (s *SavedSearch) Filter() JobFilter {
	v, _ := url.ParseQuery(s.Query)
	return ParseJobFilter(v)
}

// Describe says the search in words.
func (s *SavedSearch) Describe() string { return s.Filter().Describe() }

// SearchPath opens the search on the site.
func (s *SavedSearch) SearchPath() string {
	if s.Query == "" {
		return "/jobs"
	}
	return "/jobs?" + s.Query
}

// Confirmed reports a saved search whose address has been confirmed.
func (s *SavedSearch) Confirmed() bool { return !s.ConfirmedAt.IsZero() }

// AlertInput is what the save-search form sends. Email is read only from
// guests; signed-in people get alerts at their account's address.
type AlertInput struct {
	Name      string
	Frequency string
	Email     string
	Query     string // raw query values of the /jobs URL
}

// Validate checks the input and puts the search in its canonical form, so
// the same search saved twice is the same row.
func (in *AlertInput) Validate(guest bool) ValidationErrors {
	errs := ValidationErrors{}
	in.Name = strings.TrimSpace(in.Name)
	validateAlertName(errs, in.Name)
	if !IsTerm(AlertFrequencies, in.Frequency) {
		errs.Add("frequency", "Choose how often to get this alert.")
	}
	if guest {
		in.Email = NormalizeEmail(in.Email)
		validateEmail(errs, "email", in.Email)
	}
	v, _ := url.ParseQuery(in.Query)
	in.Query = ParseJobFilter(v).Query().Encode()
	return errs
}

func validateAlertName(errs ValidationErrors, name string) {
	switch {
	case name == "":
		errs.Add("name", "Give this search a name.")
	case utf8.RuneCountInString(name) > 100:
		errs.Add("name", "Keep the name under 100 characters.")
	}
}

// CreateAlert saves a signed-in person's search, confirmed at once (they
// proved their address when they signed up). It reports false, and changes
// nothing, when the same search with the same frequency already exists.
func CreateAlert(ctx context.Context, db bun.IDB, u *User, in AlertInput, now time.Time) (*SavedSearch, bool, error) {
	if errs := in.Validate(false); len(errs) > 0 {
		return nil, false, errs
	}
	s := &SavedSearch{UserID: u.ID, Email: u.Email, Name: in.Name, Query: in.Query,
		Frequency: in.Frequency, ConfirmedAt: now, LastDigestAt: now}
	return insertAlert(ctx, db, s)
}

// SubscribeGuest saves a guest's search, unconfirmed, and returns the secret
// of its opt-in link ("" when nothing needs confirming: the address already
// gets this alert). Subscribing again before confirming issues a new link
// for the same row.
func SubscribeGuest(ctx context.Context, db bun.IDB, in AlertInput, now time.Time) (*SavedSearch, string, error) {
	if errs := in.Validate(true); len(errs) > 0 {
		return nil, "", errs
	}
	secret, err := newSecret()
	if err != nil {
		return nil, "", err
	}
	s := &SavedSearch{Email: in.Email, Name: in.Name, Query: in.Query, Frequency: in.Frequency,
		ConfirmTokenHash: tokenHash(secret), LastDigestAt: now, UpdatedAt: now}
	if _, created, err := insertAlert(ctx, db, s); err != nil || created {
		return s, secret, err
	}
	err = db.NewUpdate().Model(s).
		Set("confirm_token_hash = ?, name = ?, updated_at = ?", tokenHash(secret), in.Name, now).
		Where("email = ? AND query = ? AND frequency = ?", in.Email, in.Query, in.Frequency).
		Where("confirmed_at IS NULL").Returning("*").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return s, "", nil // already confirmed: nothing to send
	}
	return s, secret, err
}

func insertAlert(ctx context.Context, db bun.IDB, s *SavedSearch) (*SavedSearch, bool, error) {
	res, err := db.NewInsert().Model(s).On("CONFLICT (email, query, frequency) DO NOTHING").
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, false, err
	}
	n, err := res.RowsAffected()
	return s, n == 1, err
}

// ConfirmAlert spends a guest's opt-in link: the alert starts now, and only
// jobs that become active from now on are sent. A used or expired link is
// ErrNotFound.
func ConfirmAlert(ctx context.Context, db bun.IDB, secret string, now time.Time) (*SavedSearch, error) {
	s := new(SavedSearch)
	err := db.NewUpdate().Model(s).
		Set("confirmed_at = ?, last_digest_at = ?, confirm_token_hash = NULL, updated_at = ?", now, now, now).
		Where("confirm_token_hash = ?", tokenHash(secret)).
		Where("confirmed_at IS NULL").
		Where("updated_at > ?", now.Add(-confirmTTL)).
		Returning("*").Scan(ctx)
	return s, notFound(err)
}

// AlertsForUser lists a person's saved searches, oldest first.
func AlertsForUser(ctx context.Context, db bun.IDB, userID int64) ([]SavedSearch, error) {
	var out []SavedSearch
	err := db.NewSelect().Model(&out).Where("user_id = ?", userID).Order("created_at", "id").Scan(ctx)
	return out, err
}

// AlertByID returns a saved search, whoever owns it (the unsubscribe link is
// its own authority), or ErrNotFound.
func AlertByID(ctx context.Context, db bun.IDB, id int64) (*SavedSearch, error) {
	s := new(SavedSearch)
	return s, notFound(db.NewSelect().Model(s).Where("id = ?", id).Scan(ctx))
}

// AlertChange is the "My alerts" form: a new name and frequency, or pausing.
type AlertChange struct {
	Name      string
	Frequency string
	Paused    *bool // nil leaves it as it is
}

// UpdateAlert changes one of a person's saved searches; another person's is
// ErrNotFound.
func UpdateAlert(ctx context.Context, db bun.IDB, userID, id int64, ch AlertChange, now time.Time) (*SavedSearch, error) {
	s := new(SavedSearch)
	q := db.NewUpdate().Model(s).Set("updated_at = ?", now).Where("id = ? AND user_id = ?", id, userID)
	if ch.Paused != nil {
		q = q.Set("paused = ?", *ch.Paused)
	} else {
		ch.Name = strings.TrimSpace(ch.Name)
		errs := ValidationErrors{}
		validateAlertName(errs, ch.Name)
		if !IsTerm(AlertFrequencies, ch.Frequency) {
			errs.Add("frequency", "Choose how often to get this alert.")
		}
		if len(errs) > 0 {
			return nil, errs
		}
		q = q.Set("name = ?, frequency = ?", ch.Name, ch.Frequency)
	}
	err := q.Returning("*").Scan(ctx)
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		return nil, ValidationErrors{"frequency": "You already get this search at that frequency."}
	}
	return s, notFound(err)
}

// DeleteAlert deletes one of a person's saved searches; another person's is
// ErrNotFound.
func DeleteAlert(ctx context.Context, db bun.IDB, userID, id int64) error {
	res, err := db.NewDelete().Model((*SavedSearch)(nil)).Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Unsubscribe deletes the saved search an unsubscribe link names. Deleting
// one that is already gone is no error: mail clients may post twice.
func Unsubscribe(ctx context.Context, db bun.IDB, id int64) error {
	_, err := db.NewDelete().Model((*SavedSearch)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}
