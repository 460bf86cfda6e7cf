package handlers

import (
	"strings"
	"testing"

	"careercenter/models"
	"careercenter/views"
)

// A kept job page's figures are drawn a part at a time and each drawing is
// kept: the whole is what the partial draws, the same company's answers
// and the same pay standing are drawn once, and a reload of the figures
// (new values behind new pointers) is drawn again, never the old text.
func TestDrawFiguresKeepsEachDrawing(t *testing.T) {
	v, err := NewViews(views.FS, TemplateFuncs())
	if err != nil {
		t.Fatal(err)
	}
	h := &Handler{Views: v}
	whole := func(f jobFigures) string {
		t.Helper()
		want, err := v.Fragment("jobs/show", "partials/job_figures", f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := h.drawFigures(f)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("drawFigures = %q, the partial draws %q", got, want)
		}
		return string(got)
	}
	days := float32(2)
	answers := &models.Responsiveness{Applications: 40, Answered: 40, MedianDays: &days}
	group := &models.PayGroup{Jobs: 140, Median: 58000}
	standing := func(g *models.PayGroup, below, above int) *models.PayStanding {
		return &models.PayStanding{Group: g, Yearly: 70000, Below: below, Above: above}
	}

	first := whole(jobFigures{Answers: answers, Pay: standing(group, 70, 20), PayLabel: "remote CPC jobs"})
	for _, want := range []string{"Answers every applicant", "Pays more than 70 % of remote CPC jobs", "median $58k a year, from 140 jobs"} {
		if !strings.Contains(first, want) {
			t.Errorf("figures lack %q:\n%s", want, first)
		}
	}
	whole(jobFigures{Answers: answers})                                          // answers only
	whole(jobFigures{Pay: standing(group, 10, 80), PayLabel: "remote CPC jobs"}) // pay only
	whole(jobFigures{Answers: &models.Responsiveness{Applications: 2}})          // too few to show
	// Another job of the same company with the same standing (its own
	// PayStanding value) adds no drawing.
	whole(jobFigures{Answers: answers, Pay: standing(group, 70, 20), PayLabel: "remote CPC jobs"})
	if len(h.drawn.answers) != 3 || len(h.drawn.pay) != 3 {
		t.Fatalf("%d answers and %d pay drawings kept, want 3 and 3", len(h.drawn.answers), len(h.drawn.pay))
	}
	// A reload: a new group behind a new pointer, with new figures.
	if newer := whole(jobFigures{Answers: answers, Pay: standing(&models.PayGroup{Jobs: 150, Median: 61000}, 70, 20), PayLabel: "remote CPC jobs"}); !strings.Contains(newer, "median $61k a year, from 150 jobs") {
		t.Fatalf("reloaded figures drawn as %q", newer)
	}
	// Nothing to show draws nothing.
	if none, err := h.drawFigures(jobFigures{}); err != nil || none != "" {
		t.Fatalf("no figures drawn as %q (err %v)", none, err)
	}
	// A full map starts again.
	for i := 0; i < drawnFiguresMax+10; i++ {
		if _, err := h.drawFigures(jobFigures{Pay: standing(group, i, 0), PayLabel: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(h.drawn.pay); n > drawnFiguresMax {
		t.Fatalf("%d drawings kept, more than %d", n, drawnFiguresMax)
	}
}
