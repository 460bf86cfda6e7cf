package app_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careercenter/models"
	"careercenter/models/demo"
)

// TestResponsiveEmployersAndPayJourney: on the synthetic board, a coder sees
// the pay of the whole board, narrows to remote jobs and sees their pay,
// sorts by the employers who answer most, keeps only those employers, and
// opens a job that says how its employer answers.
func TestResponsiveEmployersAndPayJourney(t *testing.T) {
	exe := chromium(t)
	base, d := startSite(t)
	ctx := startBrowser(t, exe)
	bg := context.Background()
	if _, err := demo.SeedSyntheticBoard(bg, d.Bun, demo.SyntheticBoardJobs, time.Now()); err != nil {
		t.Fatal(err)
	}
	figure := func(k models.PayKey) string {
		g, err := models.PayGroupFor(bg, d.Bun, k)
		if err != nil || g == nil {
			t.Fatalf("pay of %+v: %v %v", k, g, err)
		}
		return fmt.Sprintf("median $%dk, from %d jobs", (g.Median+500)/1000, g.Jobs)
	}

	page := load(t, ctx, "/jobs", chromedp.Navigate(base+"/jobs"))
	expectText(t, page, figure(models.PayKey{}), "The middle half of pay in all jobs")

	// Filter groups are folded in <details>: open them from their summary.
	run(t, ctx, chromedp.Click(chromedp.CSS(`details:has(input[name="work_mode"]) > summary`)))
	run(t, ctx, chromedp.Click(chromedp.ID("f-work_mode-remote")))
	page = waitForSearch(t, ctx, url.Values{"work_mode": {"remote"}}, "#f-work_mode-remote")
	expectText(t, page, figure(models.PayKey{WorkMode: "remote"}), "The middle half of pay in remote jobs")

	run(t, ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById("f-sort");
		s.value = "responsive"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`))
	waitForSearch(t, ctx, url.Values{"work_mode": {"remote"}, "sort": {"responsive"}}, "#f-work_mode-remote")
	lines := cardAnswers(t, ctx)
	if len(lines) != models.JobsPerPage || lines[0] < 7 {
		t.Fatalf("sorted by answers: %v", lines)
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] > lines[i-1] {
			t.Fatalf("card %d answers more than the one before: %v", i, lines)
		}
	}

	run(t, ctx, chromedp.Click(chromedp.CSS(`details:has(input[name="answers"]) > summary`)))
	run(t, ctx, chromedp.Click(chromedp.ID("f-answers")))
	waitForSearch(t, ctx, url.Values{"work_mode": {"remote"}, "sort": {"responsive"}, "answers": {"1"}},
		"#f-work_mode-remote", "#f-answers")
	lines = cardAnswers(t, ctx)
	if len(lines) == 0 {
		t.Fatal("no employer answers most applicants")
	}
	for _, n := range lines {
		if n < 7 {
			t.Fatalf("filtered for answers, a card shows %d in 10: %v", n, lines)
		}
	}

	_, page = loadMatching(t, ctx, `/jobs/[0-9]+/[a-z0-9-]+`,
		chromedp.Click(chromedp.CSS(`#results .job-card h3 a`)))
	expectText(t, page, "within 14 days", "applications on CareerCenter in the last 6 months")
}

var answersIn10 = regexp.MustCompile(`^Answers (every applicant|fewer than 1 in 10|(\d+) in 10)`)

// cardAnswers reads the answer line of each result card as tenths of
// applicants answered: 10 for every one, -1 for a card without a figure.
func cardAnswers(t *testing.T, ctx context.Context) []int {
	t.Helper()
	texts := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#results .job-card")]
		.map(c => c.querySelector(".answers")?.innerText || "")`))
	out := make([]int, len(texts))
	for i, s := range texts {
		m := answersIn10.FindStringSubmatch(s)
		switch {
		case s == "":
			out[i] = -1
		case m == nil:
			t.Fatalf("card %d says %q", i, s)
		case m[1] == "every applicant":
			out[i] = 10
		case m[2] == "":
			out[i] = 0
		default:
			out[i], _ = strconv.Atoi(m[2])
		}
	}
	return out
}
