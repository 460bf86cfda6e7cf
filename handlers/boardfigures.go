package handlers

import (
	"context"
	"html/template"
	"strconv"
	"sync"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// The board's own figures: employer responsiveness and real pay. Pages read
// them from aggregates the worker refreshes (models/responsiveness.go,
// models/paystats.go); below the minimum samples nothing is shown.

// payFigure is a group's pay in words: "$52k–$64k, median $58k, from 140 jobs".
type payFigure struct {
	Label  string // "remote CPC jobs"
	Range  string // the middle half: "$52k–$64k"
	Median string
	Jobs   int
}

func newPayFigure(g *models.PayGroup) *payFigure {
	if g == nil {
		return nil
	}
	return &payFigure{Label: g.Label(), Range: thousandsOfDollars(g.P25) + "–" + thousandsOfDollars(g.P75),
		Median: thousandsOfDollars(g.Median), Jobs: g.Jobs}
}

// thousandsOfDollars rounds a yearly amount to "$58k".
func thousandsOfDollars(n int) string {
	return "$" + strconv.Itoa((n+500)/1000) + "k"
}

// jobFigures is what a job page says of its employer's answers and its pay.
type jobFigures struct {
	Answers  *models.Responsiveness // nil for jobs that take applications elsewhere
	Pay      *models.PayStanding
	PayLabel string // "remote CPC jobs in outpatient facility"
}

// PayText says where the job's pay stands: "Pays more than 70 % of remote
// CPC jobs", or "" when it sits in the middle or cannot be compared.
func (f jobFigures) PayText() string {
	p := f.Pay
	switch {
	case p == nil:
		return ""
	case p.Below >= 50:
		return "Pays more than " + strconv.Itoa(p.Below) + " % of " + f.PayLabel
	case p.Above >= 50:
		return "Pays less than " + strconv.Itoa(p.Above) + " % of " + f.PayLabel
	}
	return "Pays about the median of " + f.PayLabel
}

// MedianText is the group's median and sample: "median $58k, from 140 jobs".
func (f jobFigures) MedianText() string {
	if f.Pay == nil {
		return ""
	}
	return "median " + thousandsOfDollars(f.Pay.Group.Median) + " a year, from " +
		strconv.Itoa(f.Pay.Group.Jobs) + " jobs"
}

func (h *Handler) jobFiguresFor(ctx context.Context, j *models.Job) (jobFigures, error) {
	var f jobFigures
	var err error
	if j.ApplyMethod == "onsite" {
		answers, err := h.companyAnswers(ctx, h.now())
		if err != nil {
			return f, err
		}
		f.Answers = answers[j.CompanyID]
	}
	groups, err := h.jobPayGroups(ctx, h.now())
	if err != nil {
		return f, err
	}
	if f.Pay = groups.StandingFor(j); f.Pay == nil {
		return f, nil
	}
	f.PayLabel = f.Pay.Group.Label()
	return f, nil
}

// payKey is what a job page's pay figure as drawn depends on: its group as
// last loaded (a pointer a reload replaces; nothing changes it in place)
// and where the job's pay stands in it.
type payKey struct {
	group        *models.PayGroup
	below, above int
	label        string
}

// drawnFigures are job pages' figures as drawn (partials/job_figures, in
// its two parts), so a guest's kept page does not run the template for them
// at every read: the answers by company's figures, the pay by standing. A
// map starts again when full, which also lets go of what a reload
// replaced.
type drawnFigures struct {
	mu      sync.Mutex
	answers map[*models.Responsiveness]template.HTML
	pay     map[payKey]template.HTML
}

const drawnFiguresMax = 4096

// drawFigures is f drawn as partials/job_figures draws it, "" when it
// shows nothing.
func (h *Handler) drawFigures(f jobFigures) (template.HTML, error) {
	if f.Answers == nil && f.Pay == nil {
		return "", nil
	}
	var pk payKey
	if f.Pay != nil {
		pk = payKey{group: f.Pay.Group, below: f.Pay.Below, above: f.Pay.Above, label: f.PayLabel}
	}
	h.drawn.mu.Lock()
	answers, haveAnswers := h.drawn.answers[f.Answers]
	pay, havePay := h.drawn.pay[pk]
	h.drawn.mu.Unlock()
	var err error
	if !haveAnswers {
		if answers, err = h.Views.Fragment("jobs/show", "job_answers", f); err != nil {
			return "", err
		}
		h.drawn.mu.Lock()
		h.drawn.answers = keepDrawn(h.drawn.answers, f.Answers, answers)
		h.drawn.mu.Unlock()
	}
	if !havePay {
		if pay, err = h.Views.Fragment("jobs/show", "job_pay", f); err != nil {
			return "", err
		}
		h.drawn.mu.Lock()
		h.drawn.pay = keepDrawn(h.drawn.pay, pk, pay)
		h.drawn.mu.Unlock()
	}
	return "\n" + answers + "\n" + pay + "\n", nil // the partial's own lines
}

// keepDrawn adds k's drawing to m, starting m again when it is full.
func keepDrawn[K comparable](m map[K]template.HTML, k K, drawn template.HTML) map[K]template.HTML {
	if m == nil || len(m) >= drawnFiguresMax {
		m = make(map[K]template.HTML)
	}
	m[k] = drawn
	return m
}

// salaryBar is one bar of the /salaries chart, laid out here so the
// template only draws.
type salaryBar struct {
	Label  string
	Median string
	Range  string
	Jobs   int
	Y      int // top of the bar, in chart units
	Width  int // of the bar, in chart units
	TextY  int // baseline of the bar's labels
	ValueX int // where the figure after the bar starts
}

// salaryChart is one chart of /salaries: a bar per group.
type salaryChart struct {
	Title  string
	Bars   []salaryBar
	Height int
}

// Chart geometry, in SVG units: a label column, then bars up to barMax.
const (
	barHeight = 22
	barGap    = 8
	barMax    = 360
	barLeft   = 280
)

func newSalaryChart(title string, gs []models.PayGroup, label func(models.PayKey) string) salaryChart {
	ch := salaryChart{Title: title}
	top := 0
	for _, g := range gs {
		top = max(top, g.Median)
	}
	for i, g := range gs {
		ch.Bars = append(ch.Bars, salaryBar{Label: label(g.PayKey), Median: thousandsOfDollars(g.Median),
			Range: thousandsOfDollars(g.P25) + "–" + thousandsOfDollars(g.P75), Jobs: g.Jobs,
			Y: i * (barHeight + barGap), Width: max(1, g.Median*barMax/max(top, 1))})
		b := &ch.Bars[i]
		b.TextY, b.ValueX = b.Y+16, barLeft+b.Width+8
	}
	ch.Height = len(gs) * (barHeight + barGap)
	return ch
}

// salariesPage is the data of /salaries.
type salariesPage struct {
	Charts []salaryChart
	Min    int
}

// showSalaries is /salaries: median yearly pay by credential and by setting,
// from live jobs and jobs closed in the last year.
func (h *Handler) showSalaries(c *fiber.Ctx) error {
	ctx := c.UserContext()
	byCred, err := models.PayByDimension(ctx, h.DB, "credential")
	if err != nil {
		return err
	}
	bySetting, err := models.PayByDimension(ctx, h.DB, "setting")
	if err != nil {
		return err
	}
	data := salariesPage{Min: models.MinPaySample, Charts: []salaryChart{
		newSalaryChart("By required credential", byCred, func(k models.PayKey) string { return k.Credential }),
		newSalaryChart("By setting", bySetting, func(k models.PayKey) string {
			return models.TermLabel(models.Settings, k.Setting)
		}),
	}}
	return h.render(c, fiber.StatusOK, "salaries/index", "Medical coding pay", nil, data)
}

// employerAnswer is one company's own figure on the dashboard.
type employerAnswer struct {
	models.EmployerAnswers
	Min int // the sample below which the public sees nothing
}

// employerAnswers reads the figures of the dashboard's companies.
func (h *Handler) employerAnswers(ctx context.Context, cs []models.Company) (map[int64]employerAnswer, error) {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	got, err := models.AnswersForCompanies(ctx, h.DB, ids, h.now())
	out := make(map[int64]employerAnswer, len(ids))
	for _, id := range ids {
		out[id] = employerAnswer{EmployerAnswers: got[id], Min: models.MinAnswerSample}
	}
	return out, err
}
