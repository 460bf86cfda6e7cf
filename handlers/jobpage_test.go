package handlers_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"careercenter/models"
)

const ldOpen = `<script type="application/ld+json">`

func TestLiveJobPageShowsEveryField(t *testing.T) {
	k := newJobKit(t)
	acme := k.company("acme", "Acme Staffing", models.CompanyAgency)
	k.addLogo(acme)
	hour, min, max := "hour", 25, 32
	j := k.job(acme, func(j *models.Job) {
		j.Title, j.RemoteStates, j.EmploymentType = "Inpatient Coder II", []string{"TX", "FL", "GA"}, "part_time"
		j.Settings, j.Specialties = []string{"inpatient-facility", "cdi"}, []string{"cardiology", "oncology"}
		j.CodeSets = []string{"icd-10-cm", "icd-10-pcs"}
		j.CredentialsRequired, j.CredentialsPreferred = [][]string{{"RHIT"}, {"CCS", "CIC"}}, []string{"CRC", "CDIP"}
		j.ApprenticeOK, j.ExperienceMinYears = true, 3
		j.SalaryMin, j.SalaryMax, j.SalaryPeriod = &min, &max, &hour
		j.Systems = []string{"Epic", "3M 360 Encompass"}
		j.ApplyURL = "https://careers.acme.example/jobs/9?src=cc&ref=1"
		j.Description = "We code **inpatient** charts.\n\n- DRG validation\n- Query physicians\n"
	})
	similar := k.job(acme, func(j *models.Job) { j.Title, j.Specialties = "Cardiology Pro-Fee Coder", []string{"cardiology"} })
	k.job(acme, func(j *models.Job) { j.Title, j.Specialties = "Radiology Coder", []string{"radiology"} })
	k.job(acme, func(j *models.Job) {
		j.Title, j.Specialties, j.ExpiresAt = "Expired Cardiology Coder", []string{"cardiology"}, time.Now().Add(-time.Hour)
	})

	res := k.s.browser().get(j.Path())
	if res.Status != http.StatusOK {
		t.Fatalf("status %d", res.Status)
	}
	mustContain(t, res.Body, "<h1>Inpatient Coder II</h1>", `<a href="/companies/acme">Acme Staffing</a>`,
		"Staffing agency", `<img src="/companies/acme/logo" alt="Acme Staffing logo"`,
		"Remote — candidates in Texas, Florida, Georgia", "Part-time", "$25–$32 per hour",
		`<a href="/jobs?setting=inpatient-facility" class="tag">Inpatient facility</a>`,
		`<a href="/jobs?setting=cdi" class="tag">Clinical documentation integrity</a>`,
		`<a href="/jobs?specialty=cardiology" class="tag">Cardiology</a>`, `<a href="/jobs?specialty=oncology" class="tag">Oncology</a>`,
		`<a href="/jobs?code_set=icd-10-cm" class="tag">ICD-10-CM</a>`, `<a href="/codes/icd-10-pcs" class="tag-browse">browse ICD-10-PCS codes</a>`,
		"Credentials required: <strong>RHIT and (CCS or CIC)</strong>", "Preferred: CRC, CDIP", "CPC-A considered",
		"At least 3 years of coding experience", "Epic, 3M 360 Encompass",
		"<strong>inpatient</strong>", "<li>DRG validation</li>",
		"Posted</dt>\n  <dd>"+j.PublishedAt.UTC().Format("Jan 2, 2006"),
		"Apply by</dt>\n  <dd>"+j.ExpiresAt.UTC().Format("Jan 2, 2006"),
		`<a href="https://careers.acme.example/jobs/9?src=cc&amp;ref=1" role="button" rel="nofollow noopener">`,
		"Never pay for equipment", "Similar jobs", similar.Path(), ldOpen)
	lacks(t, res.Body, "Radiology Coder", "Expired Cardiology Coder", "This job expired", "noindex")
	if res.Header.Get("X-Robots-Tag") != "" {
		t.Fatalf("live page not indexable: %q", res.Header.Get("X-Robots-Tag"))
	}
	if want := `<http://jobs.test` + j.Path() + `>; rel="canonical"`; res.Header.Get("Link") != want {
		t.Fatalf("canonical link header %q, want %q", res.Header.Get("Link"), want)
	}
	for _, c := range res.Cookies {
		if c.Name == "cc_guest" {
			t.Fatal("a job view set a guest cookie")
		}
	}
}

func TestJobPageLocationsAndApplyMethods(t *testing.T) {
	k := newJobKit(t)
	co := k.company("clinic", "Bayside Clinic", models.CompanyEmployer)
	cases := []struct {
		name      string
		edit      func(*models.Job)
		want, not []string
	}{
		{"on-site, email", func(j *models.Job) {
			j.Title, j.WorkMode, j.City, j.State = "Coder & Auditor", "onsite", "Tampa", "FL"
			j.ApplyMethod, j.ApplyEmail = "email", "jobs@bayside.example"
		}, []string{"On-site — Tampa, FL", `href="mailto:jobs@bayside.example?subject=Coder%20%26%20Auditor"`,
			"Apply by email", "Direct employer"}, []string{"Never pay for", "Staffing agency", "<img"}},
		{"hybrid, on-site apply", func(j *models.Job) {
			j.Title, j.WorkMode, j.City, j.State, j.ApplyMethod = "Hybrid Coder", "hybrid", "Austin", "TX", "onsite"
		}, []string{"Hybrid — Austin, TX", `/apply" role="button" rel="nofollow">Apply on CareerCenter</a>`},
			[]string{"opens soon", "mailto:", "Apply on the employer's site"}},
		{"remote anywhere", func(j *models.Job) { j.Title = "Remote Coder" },
			[]string{"Remote — anywhere in the US", "Never pay for equipment"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := k.job(co, c.edit)
			res := k.s.browser().get(j.Path())
			if res.Status != http.StatusOK {
				t.Fatalf("status %d", res.Status)
			}
			mustContain(t, res.Body, c.want...)
			lacks(t, res.Body, c.not...)
		})
	}
}

func TestClosedJobsAreReadableButNotIndexedOrOpen(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	past := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		edit   func(*models.Job)
		banner string
	}{
		{"active past expiry", func(j *models.Job) { j.ExpiresAt = past }, "This job expired on Jan 5, 2026."},
		{"expired", func(j *models.Job) { j.Status, j.ExpiresAt = models.JobExpired, past }, "This job expired on Jan 5, 2026."},
		{"filled", func(j *models.Job) { j.Status = models.JobFilled }, "This job has been filled."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := k.job(co, c.edit)
			res := k.s.browser().get(j.Path())
			if res.Status != http.StatusOK {
				t.Fatalf("status %d", res.Status)
			}
			mustContain(t, res.Body, c.banner, "<h1>Medical Coder</h1>", "Code charts.")
			lacks(t, res.Body, "How to apply", j.ApplyURL, "Apply by", "application/ld+json")
			if res.Header.Get("X-Robots-Tag") != "noindex" {
				t.Fatalf("X-Robots-Tag %q", res.Header.Get("X-Robots-Tag"))
			}
			if k.views(j) != 0 {
				t.Fatal("a closed job's view was counted")
			}
		})
	}
}

func TestRemovedJobsAreGone(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	member, u := k.user("member@example.com", false)
	k.join(co, u)
	for _, status := range []string{models.JobRejected, models.JobWithdrawn, models.JobRemoved} {
		j := k.job(co, func(j *models.Job) { j.Status, j.Title = status, "Secret "+status+" title" })
		for _, b := range []*browser{k.s.browser(), member} {
			res := b.get(j.Path())
			if res.Status != http.StatusGone {
				t.Fatalf("%s: status %d", status, res.Status)
			}
			mustContain(t, res.Body, "This job was removed", `href="/jobs"`)
			lacks(t, res.Body, j.Title)
		}
	}
}

func TestUnpublishedJobsOnlyForTheirCompanyAndAdmins(t *testing.T) {
	k := newJobKit(t)
	acme := k.company("acme", "Acme Health", models.CompanyEmployer)
	other := k.company("other", "Other Health", models.CompanyEmployer)
	member, mu := k.user("member@example.com", false)
	k.join(acme, mu)
	outsider, ou := k.user("outsider@example.com", false)
	k.join(other, ou)
	admin, _ := k.user("admin@example.com", true)

	cases := []struct{ status, banner string }{
		{models.JobDraft, "Draft."}, {models.JobPendingPayment, "Awaiting payment."},
		{models.JobPendingReview, "In review."},
	}
	for _, c := range cases {
		j := k.job(acme, func(j *models.Job) {
			j.Status, j.Title, j.PublishedAt, j.ExpiresAt = c.status, "Unpublished "+c.status, time.Time{}, time.Time{}
		})
		for name, b := range map[string]*browser{"guest": k.s.browser(), "other company": outsider} {
			if res := b.get(j.Path()); res.Status != http.StatusNotFound || strings.Contains(res.Body, j.Title) {
				t.Fatalf("%s, %s: status %d", c.status, name, res.Status)
			}
			if res := b.get("/jobs/" + strconv.FormatInt(j.ID, 10) + "/wrong"); res.Status != http.StatusNotFound {
				t.Fatalf("%s, %s, wrong slug: status %d (must not reveal the slug)", c.status, name, res.Status)
			}
		}
		for name, b := range map[string]*browser{"member": member, "admin": admin} {
			res := b.get(j.Path())
			if res.Status != http.StatusOK {
				t.Fatalf("%s, %s: status %d", c.status, name, res.Status)
			}
			mustContain(t, res.Body, c.banner, "This job is not public yet", j.Title)
			lacks(t, res.Body, "application/ld+json", "How to apply")
			if res.Header.Get("X-Robots-Tag") != "noindex" {
				t.Fatalf("%s, %s: X-Robots-Tag %q", c.status, name, res.Header.Get("X-Robots-Tag"))
			}
		}
		if k.views(j) != 0 {
			t.Fatal("an unpublished job's view was counted")
		}
	}
}

func TestJobPageRedirectsToItsCanonicalPath(t *testing.T) {
	k := newJobKit(t)
	j := k.job(k.company("acme", "Acme Health", models.CompanyEmployer), nil)
	id := "/jobs/" + strconv.FormatInt(j.ID, 10)
	for _, path := range []string{id, id + "/", id + "/old-title", id + "/medical-coder-2?utm=x"} {
		res := k.s.browser().get(path)
		if res.Status != http.StatusMovedPermanently || res.Location != j.Path() {
			t.Fatalf("%s: %d → %q, want 301 → %s", path, res.Status, res.Location, j.Path())
		}
	}
	if res := k.s.browser().get("/jobs/999999/medical-coder"); res.Status != http.StatusNotFound {
		t.Fatalf("missing job: %d", res.Status)
	}
}

func TestJobViewsCountOncePerViewerAndDayAndAreNeverMetered(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme", "Acme Health", models.CompanyEmployer)
	j := k.job(co, nil)
	others := []*models.Job{k.job(co, nil), k.job(co, nil), k.job(co, nil)}

	guest := k.s.browser()
	steps := []struct {
		name string
		b    *browser
		want int
	}{
		{"guest", guest, 1},
		{"same guest again", guest, 1},
		{"guest on another address", &browser{s: k.s, cookies: map[string]string{}, ip: "198.51.100.9"}, 2},
	}
	for _, st := range steps {
		if res := st.b.get(j.Path()); res.Status != http.StatusOK {
			t.Fatalf("%s: status %d", st.name, res.Status)
		}
		if n := k.views(j); n != st.want {
			t.Fatalf("%s: %d views, want %d", st.name, n, st.want)
		}
	}

	coder, _ := k.user("coder@example.com", false) // same address as the first guest
	coder.get(j.Path())
	coder.get(j.Path())
	if n := k.views(j); n != 3 {
		t.Fatalf("signed-in coder: %d views, want 3", n)
	}
	member, mu := k.user("member@example.com", false)
	k.join(co, mu)
	admin, _ := k.user("admin@example.com", true)
	member.get(j.Path())
	admin.get(j.Path())
	if n := k.views(j); n != 3 {
		t.Fatalf("company member and admin: %d views, want 3", n)
	}

	// Job pages spend nothing of the shared quota.
	for _, o := range others {
		if res := guest.get(o.Path()); res.Status != http.StatusOK {
			t.Fatalf("guest's next job page: %d", res.Status)
		}
	}
	mustContain(t, guest.get("/").Body, "1 code page view remaining")
	var metered int
	if err := k.s.db.Bun.NewRaw(`SELECT count(*) FROM meter_views`).Scan(context.Background(), &metered); err != nil {
		t.Fatal(err)
	}
	if metered != 0 {
		t.Fatalf("job pages were metered: %d rows", metered)
	}
}
