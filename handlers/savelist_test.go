package handlers_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"careercenter/models"
)

// The job search list carries a save toggle per job for signed-in readers,
// showing what they already saved; guests get none.
func TestSearchListHasSaveToggles(t *testing.T) {
	k := newJobKit(t)
	co := k.company("acme-health", "Acme Health", "employer")
	a := k.job(co, func(j *models.Job) { j.Title = "Inpatient Coder" })
	b := k.job(co, func(j *models.Job) { j.Title = "Outpatient Coder" })
	reader, _ := k.user("reader@example.com", false)

	if res := reader.post("/jobs/"+strconv.FormatInt(a.ID, 10)+"/save", url.Values{"saved": {"1"}}); res.Status != 303 {
		t.Fatalf("save: %d", res.Status)
	}
	body := reader.get("/jobs").Body
	for id, want := range map[int64]string{a.ID: `value="0"`, b.ID: `value="1"`} {
		i := strings.Index(body, `id="save-job-`+strconv.FormatInt(id, 10)+`"`)
		if i < 0 {
			t.Fatalf("no save toggle for job %d", id)
		}
		if !strings.Contains(body[i:i+600], want) {
			t.Errorf("job %d: toggle should send %s", id, want)
		}
	}
	if home := reader.get("/").Body; !strings.Contains(home, `id="save-job-`+strconv.FormatInt(a.ID, 10)+`"`) {
		t.Fatal("no save toggle on the home page's newest jobs")
	}
	if strings.Contains(k.s.browser().get("/jobs").Body, `class="save-job"`) {
		t.Fatal("guests see save toggles")
	}
}
