package models

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Limits of the profile form.
const (
	MaxProfileHeadline = 120
	maxProfileSummary  = 5000
	maxProfileYears    = 60
	maxDesiredPay      = 10_000_000
)

// Profile visibility as the form sends it.
const (
	ProfileVisible = "visible"
	ProfilePrivate = "private"
)

// ProfileInput is what the profile form sends, kept as typed so a refused
// form shows it again.
type ProfileInput struct {
	Headline, Summary               string
	Specialties, Settings, CodeSets []string
	Years                           string // whole years
	City, State                     string
	RemotePreference                string
	RemoteStates                    []string
	DesiredPay                      string // whole dollars
	DesiredPayPeriod                string
	Visibility                      string // ProfileVisible or ProfilePrivate
	InvitesAllowed                  bool   // employers may invite the coder to apply
}

// InputFromProfile fills the form from a saved profile (nil: a new one).
func InputFromProfile(p *Profile) ProfileInput {
	if p == nil {
		return ProfileInput{RemotePreference: "any", Visibility: ProfilePrivate, InvitesAllowed: true}
	}
	in := ProfileInput{Headline: p.Headline, Summary: p.Summary, Specialties: p.Specialties,
		Settings: p.Settings, CodeSets: p.CodeSets, Years: strconv.Itoa(p.YearsExperience),
		City: p.City, State: p.State, RemotePreference: p.RemotePreference, RemoteStates: p.RemoteStates,
		Visibility: ProfilePrivate, InvitesAllowed: p.InvitesAllowed}
	if p.DesiredPay != nil {
		in.DesiredPay = strconv.Itoa(*p.DesiredPay)
	}
	if p.DesiredPayPeriod != nil {
		in.DesiredPayPeriod = *p.DesiredPayPeriod
	}
	if p.Visible {
		in.Visibility = ProfileVisible
	}
	return in
}

// Validate checks the form and trims what was typed.
func (in *ProfileInput) Validate() ValidationErrors {
	for _, s := range []*string{&in.Headline, &in.Summary, &in.Years, &in.City, &in.State,
		&in.RemotePreference, &in.DesiredPay, &in.DesiredPayPeriod, &in.Visibility} {
		*s = strings.TrimSpace(*s)
	}
	if in.RemotePreference == "" {
		in.RemotePreference = "any"
	}
	errs := ValidationErrors{}
	errs.TooLong("headline", in.Headline, MaxProfileHeadline)
	errs.TooLong("summary", in.Summary, maxProfileSummary)
	errs.NotTerms("specialties", in.Specialties, Specialties)
	errs.NotTerms("settings", in.Settings, Settings)
	errs.NotTerms("code_sets", in.CodeSets, CodeSystems)
	if _, ok := formCount(in.Years, maxProfileYears); !ok {
		errs.Add("years_experience", "Enter a whole number of years from 0 to 60.")
	}
	errs.TooLong("city", in.City, 100)
	if in.State != "" && !IsTerm(States, in.State) {
		errs.Add("state", "Choose a state from the list.")
	}
	if !IsTerm(RemotePreferences, in.RemotePreference) {
		errs.Add("remote_preference", "Choose how you want to work.")
	}
	errs.NotTerms("remote_states", in.RemoteStates, States)
	if _, ok := formCount(plainDollars(in.DesiredPay), maxDesiredPay); !ok {
		errs.Add("desired_pay", "Enter whole dollars, like 25 or 52000.")
	}
	if in.DesiredPayPeriod != "" && !IsTerm(SalaryPeriods, in.DesiredPayPeriod) {
		errs.Add("desired_pay_period", "Choose per hour, per year or per chart.")
	}
	if in.DesiredPay != "" && in.DesiredPayPeriod == "" {
		errs.Add("desired_pay_period", "Say whether this is per hour, per year or per chart.")
	}
	switch in.Visibility {
	case ProfileVisible:
		// Employers search by headline first; an empty one makes a blank card.
		if in.Headline == "" {
			errs.Add("headline", "Add a headline before you show your profile to employers.")
		}
	case ProfilePrivate, "":
		in.Visibility = ProfilePrivate
	default:
		errs.Add("visibility", "Choose who may see your profile.")
	}
	return errs
}

// SaveProfile creates or replaces the coder's profile from the form. The
// credential names are not part of the form: the credential functions keep
// them in step.
func SaveProfile(ctx context.Context, db bun.IDB, userID int64, in ProfileInput) (*Profile, error) {
	if errs := in.Validate(); len(errs) > 0 {
		return nil, errs
	}
	years, _ := formCount(in.Years, maxProfileYears)
	p := &Profile{UserID: userID, Headline: in.Headline, Summary: in.Summary,
		Specialties: distinctValues(in.Specialties), Settings: distinctValues(in.Settings),
		CodeSets: distinctValues(in.CodeSets), YearsExperience: years, City: in.City, State: in.State,
		RemotePreference: in.RemotePreference, RemoteStates: distinctValues(in.RemoteStates),
		DesiredPay: dollarAmount(in.DesiredPay), Visible: in.Visibility == ProfileVisible,
		InvitesAllowed: in.InvitesAllowed}
	if in.RemotePreference == "onsite" {
		p.RemoteStates = []string{}
	}
	if p.DesiredPay != nil {
		period := in.DesiredPayPeriod
		p.DesiredPayPeriod = &period
	}
	_, err := db.NewInsert().Model(p).ExcludeColumn("credentials", "created_at", "updated_at").
		On("CONFLICT (user_id) DO UPDATE").
		Set("headline = EXCLUDED.headline, summary = EXCLUDED.summary").
		Set("specialties = EXCLUDED.specialties, settings = EXCLUDED.settings, code_sets = EXCLUDED.code_sets").
		Set("years_experience = EXCLUDED.years_experience, city = EXCLUDED.city, state = EXCLUDED.state").
		Set("remote_preference = EXCLUDED.remote_preference, remote_states = EXCLUDED.remote_states").
		Set("desired_pay = EXCLUDED.desired_pay, desired_pay_period = EXCLUDED.desired_pay_period").
		Set("visible = EXCLUDED.visible, invites_allowed = EXCLUDED.invites_allowed, updated_at = now()").
		Exec(ctx)
	if err != nil {
		return nil, err
	}
	return ProfileByUser(ctx, db, userID)
}

// CredentialInput is what the add-a-credential form sends.
type CredentialInput struct {
	Credential, Number, Year string
}

var credentialNumberRE = regexp.MustCompile(`^[A-Za-z0-9-]{0,40}$`)

// Validate checks the credential against the vocabulary and thisYear.
func (in *CredentialInput) Validate(thisYear int) ValidationErrors {
	in.Credential, in.Number, in.Year = strings.TrimSpace(in.Credential), strings.TrimSpace(in.Number), strings.TrimSpace(in.Year)
	errs := ValidationErrors{}
	if !IsTerm(Credentials, in.Credential) {
		errs.Add("credential", "Choose a credential from the list.")
	}
	if !credentialNumberRE.MatchString(in.Number) {
		errs.Add("number", "Use at most 40 letters, digits and hyphens.")
	}
	if y, err := strconv.Atoi(in.Year); err != nil || y < 1950 || y > thisYear {
		errs.Add("year", "Enter the year you earned it, from 1950 to "+strconv.Itoa(thisYear)+".")
	}
	return errs
}

// AddCredential records a self-declared credential. Each credential appears
// once per coder; the profile's list of names follows for search.
func AddCredential(ctx context.Context, db bun.IDB, userID int64, in CredentialInput, now time.Time) (*ProfileCredential, error) {
	if errs := in.Validate(now.Year()); len(errs) > 0 {
		return nil, errs
	}
	year, _ := strconv.Atoi(in.Year)
	pc := &ProfileCredential{UserID: userID, Credential: in.Credential, Number: in.Number, Year: &year}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockProfile(ctx, tx, userID); err != nil {
			return err
		}
		res, err := tx.NewInsert().Model(pc).ExcludeColumn("id", "verified_at", "verified_by", "created_at").
			On("CONFLICT (user_id, credential) DO NOTHING").Returning("id, created_at").Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ValidationErrors{"credential": "You have already added " + in.Credential + ". Delete it first to change it."}
		}
		return syncProfileCredentials(ctx, tx, userID)
	})
	if err != nil {
		return nil, err
	}
	return pc, nil
}

// DeleteCredential removes one of the coder's own credentials; anyone
// else's is ErrNotFound.
func DeleteCredential(ctx context.Context, db bun.IDB, userID, id int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockProfile(ctx, tx, userID); err != nil {
			return err
		}
		res, err := tx.NewDelete().Model((*ProfileCredential)(nil)).
			Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return syncProfileCredentials(ctx, tx, userID)
	})
}

// VerifyCredential marks a credential checked by an admin, with the date.
// Only admins may; to anyone else the credential does not exist.
func VerifyCredential(ctx context.Context, db bun.IDB, admin *User, id int64) (*ProfileCredential, error) {
	if admin == nil || !admin.IsAdmin {
		return nil, ErrNotFound
	}
	pc := new(ProfileCredential)
	res, err := db.NewUpdate().Model(pc).Set("verified_at = now(), verified_by = ?", admin.ID).
		Where("id = ?", id).Returning("*").Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrNotFound
	}
	return pc, nil
}

// lockProfile makes sure the coder has a profile row (private until they
// choose otherwise) and holds it, so concurrent credential changes of one
// coder take turns and the list of names cannot miss one.
func lockProfile(ctx context.Context, db bun.IDB, userID int64) error {
	if _, err := db.NewRaw(`INSERT INTO profiles (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING`, userID).
		Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewRaw(`SELECT 1 FROM profiles WHERE user_id = ? FOR UPDATE`, userID).Exec(ctx)
	return err
}

// syncProfileCredentials copies the credential names onto the profile,
// where candidate search filters and ranks on them.
func syncProfileCredentials(ctx context.Context, db bun.IDB, userID int64) error {
	_, err := db.NewRaw(`UPDATE profiles SET updated_at = now(), credentials = (
		SELECT coalesce(array_agg(credential ORDER BY credential), '{}') FROM profile_credentials WHERE user_id = ?)
		WHERE user_id = ?`, userID, userID).Exec(ctx)
	return err
}
