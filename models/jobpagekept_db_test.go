package models_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/models"
)

// ageRows moves every job's and company's last change an hour back, with
// the triggers that would move it forward off for that one transaction.
func ageRows(t *testing.T, db bun.IDB, by time.Duration) {
	t.Helper()
	err := db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		for _, table := range []string{"jobs", "companies"} {
			if _, err := tx.NewRaw(`UPDATE ? SET page_changed_at = now() - ?::interval`, bun.Ident(table),
				by.String()).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (f *searchFixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.db.NewRaw(query, args...).Exec(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

func keptJobIDs(t *testing.T, db bun.IDB) []int64 {
	t.Helper()
	var ids []int64
	if err := db.NewRaw(`SELECT job_id FROM job_pages ORDER BY job_id`).Scan(context.Background(), &ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Kept pages a day past their time are forgotten; pages still in use stay.
func TestDeleteLapsedJobPages(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	lapsed := f.job(models.Job{Title: "Lapsed page"})
	current := f.job(models.Job{Title: "Current page"})
	ageRows(t, f.db, 96*time.Hour)
	now := time.Now()
	pages := []models.KeptJobPage{
		{JobID: lapsed.ID, CompanyID: lapsed.CompanyID, DrawnFor: "build", DrawnAt: now.Add(-72 * time.Hour),
			ValidUntil: now.Add(-25 * time.Hour), Head: []byte("h"), Body: []byte("b")},
		{JobID: current.ID, CompanyID: current.CompanyID, DrawnFor: "build", DrawnAt: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour),
			RelatedIDs: []int64{lapsed.ID}, RelatedAt: now.Add(-time.Hour), Head: []byte("h"), Body: []byte("b")},
	}
	f.exec(`INSERT INTO job_related (job_id, related_ids, ranked_at) VALUES (?, ?, ?)`, current.ID, "{"+itoa(lapsed.ID)+"}", now.Add(-time.Hour))
	if err := models.KeepJobPages(ctx, f.db, pages); err != nil {
		t.Fatal(err)
	}
	if got := keptJobIDs(t, f.db); len(got) != 2 {
		t.Fatalf("pages kept: %v, want both", got)
	}
	n, err := models.DeleteLapsedJobPages(ctx, f.db)
	if err != nil || n != 1 {
		t.Fatalf("deleted %d (%v), want the lapsed page", n, err)
	}
	if left := keptJobIDs(t, f.db); len(left) != 1 || left[0] != current.ID {
		t.Errorf("pages left: %v, want job %d's", left, current.ID)
	}
}

// A kept page is stored only when nothing it shows changed since it was
// drawn, not while a change to it is in progress, and a change to its
// company or a similar job drops it: what lets a guest's read check only
// the job itself and its ranking (migration 0050).
func TestKeptPagesAreStoredAndDroppedWithWhatTheyShow(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	other := f.company("other-health", "Other Health", models.CompanyEmployer)
	j := f.job(models.Job{Title: "Kept page"})
	similar := f.job(models.Job{Title: "Similar job", CompanyID: other.ID, CompanyName: other.Name})
	unrelated := f.job(models.Job{Title: "Unrelated job", CompanyID: other.ID, CompanyName: other.Name})
	rankedAt := time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Microsecond)
	f.exec(`INSERT INTO job_related (job_id, related_ids, ranked_at) VALUES (?, ?, ?)`, j.ID, "{"+itoa(similar.ID)+"}", rankedAt)
	page := func() models.KeptJobPage {
		now := time.Now()
		return models.KeptJobPage{JobID: j.ID, CompanyID: j.CompanyID, DrawnFor: "build",
			DrawnAt: models.KeptPageDrawnAt(now), ValidUntil: now.Add(time.Hour),
			RelatedAt: rankedAt, RelatedIDs: []int64{similar.ID}, Head: []byte("h"), Body: []byte("b")}
	}
	store := func(name string, want bool) {
		t.Helper()
		if err := models.KeepJobPages(ctx, f.db, []models.KeptJobPage{page()}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := slices.Contains(keptJobIDs(t, f.db), j.ID); got != want {
			t.Errorf("%s: page kept %v, want %v", name, got, want)
		}
	}
	keep := func(name string, want bool) {
		t.Helper()
		f.exec(`DELETE FROM job_pages`)
		store(name, want)
	}

	keep("rows just written (within the margin)", false)
	ageRows(t, f.db, time.Hour)
	keep("nothing changed since", true)

	// A change committed before the store is seen by it.
	for _, c := range []struct{ name, query string }{
		{"the similar job changed", `UPDATE jobs SET title = 'Similar job II' WHERE id = ` + itoa(similar.ID)},
		{"the company changed", `UPDATE companies SET name = 'Acme Health II' WHERE id = ` + itoa(j.CompanyID)},
		{"the job changed", `UPDATE jobs SET title = 'Kept page II' WHERE id = ` + itoa(j.ID)},
	} {
		ageRows(t, f.db, time.Hour)
		f.exec(c.query)
		keep(c.name, false)
	}

	// A change in progress: its rows are locked, the page is left out.
	for _, c := range []struct{ name, query string }{
		{"the similar job is being changed", `UPDATE jobs SET title = 'Similar job III' WHERE id = ` + itoa(similar.ID)},
		{"the company is being changed", `UPDATE companies SET name = 'Acme Health III' WHERE id = ` + itoa(j.CompanyID)},
	} {
		ageRows(t, f.db, time.Hour)
		f.exec(`DELETE FROM job_pages`)
		tx, err := f.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, c.query); err != nil {
			t.Fatal(err)
		}
		store(c.name, false)
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}

	// A change after the store drops the page; one to rows it does not
	// show, or a counter's, leaves it.
	for _, c := range []struct {
		name, query string
		dropped     bool
	}{
		{"an application is counted", `UPDATE jobs SET apply_count = apply_count + 1 WHERE id = ` + itoa(similar.ID), false},
		{"an unrelated job of the similar job's company changes", `UPDATE jobs SET title = 'Unrelated II' WHERE id = ` + itoa(unrelated.ID), false},
		{"the similar job changes", `UPDATE jobs SET title = 'Similar job IV' WHERE id = ` + itoa(similar.ID), true},
		{"the job changes", `UPDATE jobs SET title = 'Kept page IV' WHERE id = ` + itoa(j.ID), true},
		{"the job is hidden", `UPDATE jobs SET hidden_at = now() WHERE id = ` + itoa(j.ID), true},
		{"the company changes", `UPDATE companies SET name = 'Acme Health IV' WHERE id = ` + itoa(j.CompanyID), true},
		{"the company gets a logo", `INSERT INTO company_logos (company_id, content_type, data) VALUES (` + itoa(j.CompanyID) + `, 'image/png', '\x89')`, true},
	} {
		ageRows(t, f.db, time.Hour)
		keep(c.name+" (before)", true)
		f.exec(c.query)
		if kept := slices.Contains(keptJobIDs(t, f.db), j.ID); kept == c.dropped {
			t.Errorf("%s: page still kept %v, want %v", c.name, kept, !c.dropped)
		}
	}
}

// A guest's read of a job page has the fields that decide the page as Bun
// reads them (GuestJobPage scans them by hand): NULLs, arrays, JSON and
// times included; its kept page only while it fits; an unknown job is
// ErrNotFound.
func TestGuestJobPageReadsTheJob(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	lo, hi, period := 52000, 64000, "year"
	full := f.job(models.Job{Title: "Full fields", Settings: []string{"inpatient", "pro-fee"},
		CredentialsRequired: [][]string{{"CPC", "CCS"}, {"RHIT"}}, SalaryMin: &lo, SalaryMax: &hi, SalaryPeriod: &period,
		ApplyMethod: "onsite"})
	bare := f.job(models.Job{Title: "Bare fields"})
	f.exec(`UPDATE jobs SET hidden_at = now(), settings = '{}', credentials_required = '[]', salary_min = NULL, salary_max = NULL, salary_period = NULL WHERE id = ?`, bare.ID)
	now := time.Now()
	// Over pgx itself (a *bun.DB) and through database/sql (a transaction).
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	for _, db := range []bun.IDB{f.db, tx} {
		for _, id := range []int64{full.ID, bare.ID} {
			want, err := models.JobByID(ctx, f.db, id)
			if err != nil {
				t.Fatal(err)
			}
			read, err := models.GuestJobPage(ctx, db, id, "build", now, models.Viewer{IPHash: []byte("address")})
			if err != nil {
				t.Fatal(err)
			}
			got := read.Job
			if got.ID != want.ID || got.CompanyID != want.CompanyID || got.Status != want.Status || got.Title != want.Title ||
				got.Slug != want.Slug || !got.ExpiresAt.Equal(want.ExpiresAt) || !got.HiddenAt.Equal(want.HiddenAt) ||
				got.HiddenAt.IsZero() != want.HiddenAt.IsZero() || got.ApplyMethod != want.ApplyMethod || got.WorkMode != want.WorkMode ||
				!slices.Equal(got.Settings, want.Settings) || len(got.CredentialsRequired) != len(want.CredentialsRequired) ||
				!equalIntPtr(got.SalaryMin, want.SalaryMin) || !equalIntPtr(got.SalaryMax, want.SalaryMax) ||
				(got.SalaryPeriod == nil) != (want.SalaryPeriod == nil) || (got.SalaryPeriod != nil && *got.SalaryPeriod != *want.SalaryPeriod) {
				t.Errorf("%T: job %d read as\n%+v\nBun reads\n%+v", db, id, *got, *want)
			}
			for i := range want.CredentialsRequired {
				if i < len(got.CredentialsRequired) && !slices.Equal(got.CredentialsRequired[i], want.CredentialsRequired[i]) {
					t.Errorf("job %d credentials %v, want %v", id, got.CredentialsRequired, want.CredentialsRequired)
				}
			}
			if read.Page != nil || read.ViewsLeft != 1 || read.At.IsZero() {
				t.Errorf("job %d: page %v, views left %d, read at %v; want no page, 1 view, a time", id, read.Page, read.ViewsLeft, read.At)
			}
		}
	}

	// A kept page that fits is read with the job.
	ageRows(t, f.db, time.Hour)
	page := models.KeptJobPage{JobID: full.ID, CompanyID: full.CompanyID, DrawnFor: "build",
		DrawnAt: models.KeptPageDrawnAt(now), ValidUntil: now.Add(time.Hour), Head: []byte("<head part>"), Body: []byte("<body \x00 part>")}
	if err := models.KeepJobPages(ctx, f.db, []models.KeptJobPage{page}); err != nil {
		t.Fatal(err)
	}
	for _, db := range []bun.IDB{f.db, tx} {
		read, err := models.GuestJobPage(ctx, db, full.ID, "build", now, models.Viewer{GuestID: "g1", IPHash: []byte("address")})
		if err != nil {
			t.Fatal(err)
		}
		if read.Page == nil || !bytes.Equal(read.Page.Head, page.Head) || !bytes.Equal(read.Page.Body, page.Body) || !read.Page.ValidUntil.Equal(page.ValidUntil.Truncate(time.Microsecond)) {
			t.Fatalf("%T: kept page read as %+v, want %+v", db, read.Page, page)
		}
	}
	if read, err := models.GuestJobPage(ctx, f.db, full.ID, "another build", now, models.Viewer{}); err != nil || read.Page != nil {
		t.Fatalf("another build's read: page %v, err %v; want none", read.Page, err)
	}
	if _, err := models.GuestJobPage(ctx, f.db, full.ID+1000, "build", now, models.Viewer{}); err != models.ErrNotFound {
		t.Fatalf("unknown job: err %v, want ErrNotFound", err)
	}
}

func equalIntPtr(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
