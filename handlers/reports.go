package handlers

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// reportJob records a reader's report of a job (guests too). A bad form comes
// back as its own page; the job page says thanks or that it was reported.
func (h *Handler) reportJob(c *fiber.Ctx) error {
	j, err := h.jobOfRoute(c)
	if err != nil {
		return err
	}
	if j.Status != models.JobActive {
		return fiber.ErrNotFound
	}
	f := readForm(c, "reason", "details")
	in := models.ReportInput{Reason: f.Get("reason"), Details: f.Get("details")}
	report := func(ctx context.Context, tx bun.Tx) error {
		_, err := models.ReportJob(ctx, tx, j.ID, h.reporter(c), in, h.now())
		return err
	}
	if currentUser(c) != nil {
		err = h.withinLimit(c, models.LimitReports, report)
	} else { // guests: ReportJob's own limit by cookie and address
		err = h.DB.RunInTx(c.UserContext(), nil, report)
	}
	if le, ok := models.AsLimit(err); ok {
		f.Error = le.Error()
		return h.render(c, fiber.StatusTooManyRequests, "reports/form", "Report this job", f,
			reportFormPage{Job: j, Reasons: models.ReportReasons})
	}
	switch {
	case errors.Is(err, models.ErrAlreadyReported):
		return redirect(c, j.Path(), "You already reported this job. Thank you: an admin will look at it.")
	case errors.Is(err, models.ErrTooManyReports):
		return fail(fiber.StatusTooManyRequests, "You sent many reports in the last hour. Try again later.")
	}
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "reports/form", "Report this job", f.failed(v),
			reportFormPage{Job: j, Reasons: models.ReportReasons})
	}
	if err != nil {
		return err
	}
	return redirect(c, j.Path(), "Thank you for your report. An admin will look at this job.")
}

// reporter is who reports, as keyed hashes: the account, or the guest's
// cookie and address (a guest gets a cookie on their first report).
func (h *Handler) reporter(c *fiber.Ctx) models.Reporter {
	if u := currentUser(c); u != nil {
		return models.Reporter{UserID: u.ID, Key: h.reportKey("u:" + strconv.FormatInt(u.ID, 10))}
	}
	ip := h.ipHash(c)
	return models.Reporter{Key: h.reportKey("g:" + h.ensureGuestID(c) + "|" + hex.EncodeToString(ip)), IPKey: ip}
}

func (h *Handler) reportKey(who string) []byte {
	m := hmac.New(sha256.New, []byte(h.Secret))
	m.Write([]byte("job-report|" + who))
	return m.Sum(nil)
}

// listReports is the admin reports queue: open reports grouped by job, the
// most reported (and scams) first.
func (h *Handler) listReports(c *fiber.Ctx) error {
	q, err := models.ReportQueue(c.UserContext(), h.DB)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "admin/reports", "Reports", nil, adminReportsPage{Queue: q})
}

// resolveReport closes the open reports of a job, recorded in the audit log.
func (h *Handler) resolveReport(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.FormValue("reason"))
	err = h.audited(c, "reports.resolve", "job_report", id, note, func(ctx context.Context, tx bun.Tx) error {
		_, err := models.ResolveReports(ctx, tx, id, h.now())
		return err
	})
	if err != nil {
		return err
	}
	return redirect(c, "/admin/reports", "The reports are resolved.")
}

// requestDomainCheck emails a verification link to an address on the
// company's domain. Only the owner may ask.
func (h *Handler) requestDomainCheck(c *fiber.Ctx) error {
	co, err := h.ownedCompany(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	f := readForm(c, "local")
	to, err := h.Mail.RequestDomainCheck(c.UserContext(), h.DB, co, u, f.Get("local"), h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "reports/verify_domain", "Verify your domain",
			f.failed(v), verifyDomainPage{Company: co})
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path(), fmt.Sprintf("We sent a link to %s. Open it within 48 hours to verify %s.", to, co.EmailDomain))
}

// confirmDomainCheck is where the verification email leads.
func (h *Handler) confirmDomainCheck(c *fiber.Ctx) error {
	co, err := models.ConfirmDomainCheck(c.UserContext(), h.DB, strings.Clone(c.Query("token")), h.now())
	if errors.Is(err, models.ErrDomainNotVerifiable) {
		return fail(fiber.StatusConflict, models.UnverifiableDomainMessage)
	}
	if errors.Is(err, models.ErrNotFound) {
		return fail(fiber.StatusNotFound, "This verification link is not valid: it was used already, it expired, or the company's domain changed. Ask for a new one on the company page.")
	}
	if err != nil {
		return err
	}
	return redirect(c, co.Path(), co.EmailDomain+" is verified for "+co.Name+".")
}
