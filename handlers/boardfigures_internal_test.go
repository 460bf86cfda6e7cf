package handlers

import (
	"strings"
	"testing"

	"careercenter/models"
	"careercenter/views"
)

// A kept job page's figures are drawn once per figure shown: the same
// standing in the same loaded group is the drawing kept, and a reload of the
// figures (new values behind new pointers) is drawn again, never the old
// text.
func TestDrawFiguresKeepsEachDrawing(t *testing.T) {
	v, err := NewViews(views.FS, TemplateFuncs())
	if err != nil {
		t.Fatal(err)
	}
	h := &Handler{Views: v}
	days := float32(2)
	answers := &models.Responsiveness{Applications: 40, Answered: 40, MedianDays: &days}
	group := &models.PayGroup{Jobs: 140, Median: 58000}
	f := jobFigures{Answers: answers, Pay: &models.PayStanding{Group: group, Yearly: 70000, Below: 70, Above: 20}, PayLabel: "remote CPC jobs"}

	first, err := h.drawFigures(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Answers every applicant", "Pays more than 70 % of remote CPC jobs", "median $58k a year, from 140 jobs"} {
		if !strings.Contains(string(first), want) {
			t.Errorf("figures lack %q:\n%s", want, first)
		}
	}
	// Another job with the same standing (its own PayStanding value) gets the same drawing.
	again, err := h.drawFigures(jobFigures{Answers: answers, Pay: &models.PayStanding{Group: group, Yearly: 71000, Below: 70, Above: 20}, PayLabel: "remote CPC jobs"})
	if err != nil || again != first {
		t.Fatalf("same standing drawn as %q (err %v), want the first drawing", again, err)
	}
	if len(h.drawn.m) != 1 {
		t.Fatalf("%d drawings kept, want 1", len(h.drawn.m))
	}
	// Another standing is drawn on its own.
	below, err := h.drawFigures(jobFigures{Answers: answers, Pay: &models.PayStanding{Group: group, Yearly: 40000, Below: 10, Above: 80}, PayLabel: "remote CPC jobs"})
	if err != nil || !strings.Contains(string(below), "Pays less than 80 %") {
		t.Fatalf("lower standing drawn as %q (err %v)", below, err)
	}
	// A reload: new groups behind new pointers, with new figures.
	reloaded := &models.PayGroup{Jobs: 150, Median: 61000}
	newer, err := h.drawFigures(jobFigures{Answers: answers, Pay: &models.PayStanding{Group: reloaded, Yearly: 70000, Below: 70, Above: 20}, PayLabel: "remote CPC jobs"})
	if err != nil || !strings.Contains(string(newer), "median $61k a year, from 150 jobs") {
		t.Fatalf("reloaded figures drawn as %q (err %v)", newer, err)
	}
	// Nothing to show draws nothing and keeps nothing.
	if none, err := h.drawFigures(jobFigures{}); err != nil || none != "" {
		t.Fatalf("no figures drawn as %q (err %v)", none, err)
	}
	// A full map starts again.
	for i := 0; i < drawnFiguresMax; i++ {
		if _, err := h.drawFigures(jobFigures{Pay: &models.PayStanding{Group: group, Below: i}, PayLabel: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(h.drawn.m); n > drawnFiguresMax {
		t.Fatalf("%d drawings kept, more than %d", n, drawnFiguresMax)
	}
}
