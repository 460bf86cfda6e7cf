package models

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// DataExport is everything the site keeps about a person, as data.json of
// their download. The password hash, session and payment ids stay out: they
// are not the person's data but keys to it. Company notes on applications
// belong to the company and stay out too.
type DataExport struct {
	ExportedAt   time.Time           `json:"exported_at"`
	Account      exportAccount       `json:"account"`
	SignIns      []exportSignIn      `json:"sign_in_providers"`
	Profile      *exportProfile      `json:"profile"`
	Credentials  []exportCredential  `json:"credentials"`
	Resumes      []exportResume      `json:"resumes"`
	Applications []exportApplication `json:"applications"`
}

type exportAccount struct {
	ID              int64      `json:"id"`
	Email           string     `json:"email"`
	Name            string     `json:"name"`
	AccountType     string     `json:"account_type"`
	Plan            string     `json:"plan"`
	IsAdmin         bool       `json:"is_admin"`
	EmailVerifiedAt *time.Time `json:"email_verified_at"`
	CreatedAt       time.Time  `json:"created_at"`
}

type exportSignIn struct {
	Provider  string    `bun:"provider" json:"provider"`
	Email     string    `bun:"email" json:"email"`
	CreatedAt time.Time `bun:"created_at" json:"linked_at"`
}

type exportProfile struct {
	Headline         string    `json:"headline"`
	Summary          string    `json:"summary"`
	Specialties      []string  `json:"specialties"`
	Settings         []string  `json:"settings"`
	CodeSets         []string  `json:"code_sets"`
	YearsExperience  int       `json:"years_experience"`
	City             string    `json:"city"`
	State            string    `json:"state"`
	RemotePreference string    `json:"remote_preference"`
	RemoteStates     []string  `json:"remote_states"`
	DesiredPay       *int      `json:"desired_pay"`
	DesiredPayPeriod *string   `json:"desired_pay_period"`
	Visible          bool      `json:"visible_to_employers"`
	UpdatedAt        time.Time `json:"updated_at"`
}

type exportCredential struct {
	Credential string     `json:"credential"`
	Number     string     `json:"number"`
	Year       *int       `json:"year"`
	VerifiedAt *time.Time `json:"verified_at"`
}

type exportResume struct {
	ID          int64     `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	SizeBytes   int       `json:"size_bytes"`
	Current     bool      `json:"current"`
	UploadedAt  time.Time `json:"uploaded_at"`
	File        string    `json:"file"` // its path inside the download
}

type exportApplication struct {
	ID              int64     `bun:"id" json:"id"`
	JobID           int64     `bun:"job_id" json:"job_id"`
	JobTitle        string    `bun:"job_title" json:"job_title"`
	Company         string    `bun:"company" json:"company"`
	Status          string    `bun:"status" json:"status"`
	StatusLabel     string    `bun:"-" json:"status_label"`
	CoverNote       string    `bun:"cover_note" json:"cover_note"`
	ResumeID        *int64    `bun:"resume_id" json:"resume_id"`
	AppliedAt       time.Time `bun:"created_at" json:"applied_at"`
	StatusChangedAt time.Time `bun:"status_changed_at" json:"status_changed_at"`
}

// WriteDataExport writes the person's download to w: a zip with data.json
// and, under resumes/, every resume file they stored.
func WriteDataExport(ctx context.Context, db bun.IDB, files FileStore, userID int64, now time.Time, w io.Writer) error {
	d, resumes, err := collectExport(ctx, db, userID, now)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	data, err := zw.Create("data.json")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(data)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	for i, r := range resumes {
		raw, err := files.Get(ctx, db, r.StorageKey)
		if errors.Is(err, ErrNotFound) {
			continue // deleted while we were reading: nothing left to give
		}
		if err != nil {
			return err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: d.Resumes[i].File, Method: zip.Store, Modified: r.CreatedAt})
		if err != nil {
			return err
		}
		if _, err := f.Write(raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// collectExport reads the export's data, and the resumes whose files go with it.
func collectExport(ctx context.Context, db bun.IDB, userID int64, now time.Time) (*DataExport, []Resume, error) {
	u, err := UserByID(ctx, db, userID)
	if err != nil {
		return nil, nil, err
	}
	d := &DataExport{ExportedAt: now.UTC(), SignIns: []exportSignIn{}, Credentials: []exportCredential{},
		Resumes: []exportResume{}, Applications: []exportApplication{},
		Account: exportAccount{ID: u.ID, Email: u.Email, Name: u.Name, AccountType: u.AccountType,
			Plan: u.Plan, IsAdmin: u.IsAdmin, EmailVerifiedAt: timeOrNil(u.EmailVerifiedAt), CreatedAt: u.CreatedAt}}
	if err := db.NewRaw(`SELECT provider, email, created_at FROM identities WHERE user_id = ? ORDER BY id`, userID).
		Scan(ctx, &d.SignIns); err != nil {
		return nil, nil, err
	}
	p, err := ProfileByUser(ctx, db, userID)
	switch {
	case err == nil:
		d.Profile = &exportProfile{Headline: p.Headline, Summary: p.Summary, Specialties: p.Specialties,
			Settings: p.Settings, CodeSets: p.CodeSets, YearsExperience: p.YearsExperience, City: p.City,
			State: p.State, RemotePreference: p.RemotePreference, RemoteStates: p.RemoteStates,
			DesiredPay: p.DesiredPay, DesiredPayPeriod: p.DesiredPayPeriod, Visible: p.Visible, UpdatedAt: p.UpdatedAt}
	case !errors.Is(err, ErrNotFound):
		return nil, nil, err
	}
	creds, err := CredentialsOf(ctx, db, userID)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range creds {
		d.Credentials = append(d.Credentials, exportCredential{Credential: c.Credential, Number: c.Number,
			Year: c.Year, VerifiedAt: timeOrNil(c.VerifiedAt)})
	}
	resumes, err := ResumesOf(ctx, db, userID)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range resumes {
		d.Resumes = append(d.Resumes, exportResume{ID: r.ID, Filename: r.Filename, ContentType: r.ContentType,
			SizeBytes: r.SizeBytes, Current: r.IsCurrent, UploadedAt: r.CreatedAt,
			File: "resumes/" + strconv.FormatInt(r.ID, 10) + "-" + r.Filename})
	}
	if err := db.NewRaw(`SELECT a.id, a.job_id, j.title AS job_title, j.company_name AS company, a.status,
		a.cover_note, a.resume_id, a.created_at, a.status_changed_at
		FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.user_id = ? ORDER BY a.created_at, a.id`, userID).
		Scan(ctx, &d.Applications); err != nil {
		return nil, nil, err
	}
	for i := range d.Applications {
		d.Applications[i].StatusLabel = TermLabel(ApplicationStatuses, d.Applications[i].Status)
	}
	return d, resumes, nil
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
