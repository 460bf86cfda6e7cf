package handlers

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// exportApplicants downloads a job's applicants as CSV (the status filter
// of the page applies), for members of its company.
func (h *Handler) exportApplicants(c *fiber.Ctx) error {
	j, err := h.jobForMember(c, false)
	if err != nil {
		return err
	}
	status := c.Query("status")
	if !models.IsTerm(models.ApplicationStatuses, status) {
		status = ""
	}
	list, err := models.ApplicantsForJob(c.UserContext(), h.DB, j.ID, status)
	if err != nil {
		return err
	}
	body, err := applicantsCSV(list)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="applicants-`+strconv.FormatInt(j.ID, 10)+"-"+j.Slug+`.csv"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(body)
}

// applicantsCSV writes one row per applicant; a candidate who deleted their
// account is only "Withdrawn candidate".
func applicantsCSV(list []models.Applicant) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := [][]string{{"Name", "Email", "Status", "Applied at (UTC)", "Credentials", "Headline"}}
	for _, a := range list {
		name := a.Name
		if a.Gone() {
			name = "Withdrawn candidate"
		}
		rows = append(rows, []string{csvCell(name), csvCell(a.Email), a.StatusLabel(),
			a.CreatedAt.UTC().Format("2006-01-02 15:04"), csvCell(a.Credentials), csvCell(a.Headline)})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// csvCell keeps text that people typed from being read as a formula by a
// spreadsheet: a cell starting with = + - @ (or a tab or carriage return)
// gets a leading apostrophe.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
