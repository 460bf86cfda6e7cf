package models_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

func TestJobFacets(t *testing.T) {
	f := newSearchFixture(t)
	addSearchSet(f)
	cases := []struct {
		query string
		want  map[string]string // dimension → "value=count ..." of the values with jobs; * marks chosen
	}{
		{"", map[string]string{
			"work_mode":       "remote=3 hybrid=1 onsite=1",
			"employment_type": "full_time=3 part_time=1 contract=1",
			"credential":      "CPC=3 CRC=1 CPMA=1 CEMC=1 CCS=2 RHIT=1 RHIA=1",
			"setting":         "inpatient-facility=1 pro-fee=1 emergency-department=1 risk-adjustment=1 auditing=1",
			"code_set":        "cpt=3 hcpcs=1 icd-10-cm=3 icd-10-pcs=1",
			"cpca":            "1=1",
			"posted":          "1=1 7=3 30=5",
		}},
		// A dimension counts under the other filters only, so its own
		// alternatives stay visible.
		{"work_mode=remote", map[string]string{
			"work_mode":  "remote=3* hybrid=1 onsite=1",
			"credential": "CPC=1 CRC=1 CPMA=1 CCS=1 RHIT=1 RHIA=1",
			"cpca":       "1=1",
			"posted":     "7=1 30=3",
		}},
		{"work_mode=remote&credential=CPC", map[string]string{
			"work_mode":  "remote=1* hybrid=1 onsite=1",
			"credential": "CPC=1* CRC=1 CPMA=1 CCS=1 RHIT=1 RHIA=1",
			"setting":    "risk-adjustment=1",
		}},
		{"q=coder&setting=pro-fee", map[string]string{
			"setting":   "inpatient-facility=1 pro-fee=1* emergency-department=1 risk-adjustment=1",
			"work_mode": "onsite=1",
			"specialty": "cardiology=1",
		}},
		{"posted=7&cpca=1", map[string]string{
			"posted":    "7=0* 30=1",
			"cpca":      "1=0*",
			"work_mode": "",
		}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			facets, err := models.JobFacets(context.Background(), f.db, models.ParseJobFilter(mustQuery(t, c.query)), f.now)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range models.FacetDims {
				if len(facets[d]) == 0 {
					t.Errorf("%s: no values offered", d)
				}
			}
			for dim, want := range c.want {
				if got := facetText(facets[dim]); !sameWords(got, want) {
					t.Errorf("%s: got %q, want %q", dim, got, want)
				}
			}
		})
	}
}

// facetText lists the values that have jobs or are chosen.
func facetText(fs []models.Facet) string {
	var parts []string
	for _, fc := range fs {
		if fc.Count == 0 && !fc.Selected {
			continue
		}
		p := fc.Value + "=" + strconv.Itoa(fc.Count)
		if fc.Selected {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func sameWords(a, b string) bool {
	x, y := strings.Fields(a), strings.Fields(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// A search with words and filters samples one pass over the matches (see
// wordScan), which stops at a bound; a sample that the bound cut short is
// counted again on its own. Here the only jobs under every filter come
// after 5,100 jobs that pass all filters but one.
func TestJobFacetsWordsPastTheOnePass(t *testing.T) {
	f := newSearchFixture(t)
	f.job(models.Job{Title: "Remote Coder", Slug: "remote-coder", CredentialsRequired: [][]string{{"CCS"}}})
	// The three CPC jobs come last in every order: in the table (one
	// statement lays its rows out in its order) and by date.
	_, err := f.db.ExecContext(context.Background(), `INSERT INTO jobs (company_id, status, plan, title, slug,
			company_name, work_mode, employment_type, credentials, apply_method, published_at, expires_at)
		SELECT company_id, status, plan, title, slug, company_name, work_mode,
			CASE WHEN g > 5100 THEN 'contract' ELSE employment_type END,
			CASE WHEN g > 5100 THEN '{CPC}' ELSE credentials END,
			apply_method, published_at - CASE WHEN g > 5100 THEN interval '1 hour' ELSE '0' END, expires_at
		FROM jobs, generate_series(1, 5103) g ORDER BY g`)
	if err != nil {
		t.Fatal(err)
	}
	facets, err := models.JobFacets(context.Background(), f.db,
		models.ParseJobFilter(mustQuery(t, "q=coder&work_mode=remote&credential=CPC")), f.now)
	if err != nil {
		t.Fatal(err)
	}
	for dim, want := range map[string]string{
		"work_mode":       "remote=3*", // under credential=CPC
		"employment_type": "contract=3",
	} {
		if got := facetText(facets[dim]); !sameWords(got, want) {
			t.Errorf("%s: got %q, want %q", dim, got, want)
		}
	}
}
