package handlers

import (
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// employerPage is the employer dashboard (views/employer/index.html): the
// user's companies, then one page of their jobs, newest first, filtered by
// status, company and words of the title.
type employerPage struct {
	Companies       []models.Company
	List            models.EmployerJobList
	Filter          models.EmployerJobFilter
	Statuses        []statusOption
	Filtered        bool // some filter is on
	Prev, Next      string
	Now             time.Time
	PaymentsEnabled bool
	Answers         map[int64]employerAnswer // each company's answer figure
}

// statusOption is one status of the filter, with how many jobs have it.
type statusOption struct {
	Value string
	N     int
}

// employerDashboard lists the jobs of the user's companies with their
// status, expiry, views and applications, and what can be done next.
func (h *Handler) employerDashboard(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	companies, err := models.CompaniesForUser(ctx, h.DB, u.ID)
	if err != nil {
		return err
	}
	f := models.EmployerJobFilter{UserID: u.ID, Q: c.Query("q"), Page: c.QueryInt("page", 1)}
	if slices.Contains(models.JobStatuses, c.Query("status")) {
		f.Status = c.Query("status")
	}
	if id, _ := strconv.ParseInt(c.Query("company"), 10, 64); slices.ContainsFunc(companies,
		func(co models.Company) bool { return co.ID == id }) {
		f.CompanyID = id
	}
	list, err := models.EmployerJobs(ctx, h.DB, f)
	if err != nil {
		return err
	}
	answers, err := h.employerAnswers(ctx, companies)
	if err != nil {
		return err
	}
	p := employerPage{Companies: companies, List: list, Filter: f, Now: h.now(), Answers: answers,
		PaymentsEnabled: h.paymentsEnabled(), Filtered: f.Status != "" || f.Q != "" || f.CompanyID != 0}
	for _, s := range models.JobStatuses {
		if n := list.Counts[s]; n > 0 || s == f.Status {
			p.Statuses = append(p.Statuses, statusOption{Value: s, N: n})
		}
	}
	if list.Page > 1 {
		p.Prev = dashboardURL(f, list.Page-1)
	}
	if list.Page < list.Pages {
		p.Next = dashboardURL(f, list.Page+1)
	}
	return h.render(c, fiber.StatusOK, "employer/index", "Your jobs", nil, p)
}

// dashboardURL is the dashboard with filter f on page n.
func dashboardURL(f models.EmployerJobFilter, n int) string {
	v := url.Values{}
	if f.Q != "" {
		v.Set("q", f.Q)
	}
	if f.Status != "" {
		v.Set("status", f.Status)
	}
	if f.CompanyID != 0 {
		v.Set("company", strconv.FormatInt(f.CompanyID, 10))
	}
	v.Set("page", strconv.Itoa(n))
	return "/employer?" + v.Encode()
}
