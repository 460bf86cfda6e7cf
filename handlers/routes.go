package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
)

// csp allows only this site's own files: no inline script or style, no CDN.
// Forms may continue to Stripe's hosted pages (browsers apply form-action to
// the redirect after a POST).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self' https://checkout.stripe.com https://billing.stripe.com; " +
	"frame-ancestors 'none'; " +
	"base-uri 'self'; object-src 'none'"

// Unsafe routes that do not carry a CSRF token because they authenticate by
// other means (signed webhooks).
// One-click unsubscribe (RFC 8058) is posted by mail clients, authenticated
// by the signed token in its URL.
var csrfExempt = map[string]bool{"/stripe/webhook": true, "/alerts/unsubscribe": true}

// perAddress limits a route's requests per client address and path, against
// guessing passwords and flooding inboxes: routes carry it as `limited` in
// the table below. It runs after CSRF, so a post refused there (which costs no
// database work) is not counted.
func (h *Handler) perAddress() fiber.Handler {
	return limiter.New(limiter.Config{
		Max:          20,
		Expiration:   time.Minute,
		KeyGenerator: func(c *fiber.Ctx) string { return c.Path() + "|" + c.IP() },
		Storage:      h.Limits,
		LimitReached: func(c *fiber.Ctx) error { return fiber.ErrTooManyRequests },
	})
}

// Routes is the whole site: the middleware stack, then every route.
func (h *Handler) Routes(app *fiber.App) {
	h.keepLists()
	// Middleware, outermost first. Assets come before the security headers
	// of pages, the request id, the log and the rest: they are embedded
	// files, answered from memory (already compressed) with their own
	// headers, and never logged.
	app.Use(recover.New())
	app.Get("/assets/:version/*", h.asset)
	app.Use(h.secureHeaders)
	app.Use(requestid.New())
	app.Use(h.logRequests)
	app.Use(h.cleanInput) // NUL or invalid UTF-8 anywhere: 400
	app.Use(compressText())
	app.Get("/healthz", h.healthz)
	app.Get("/readyz", h.readyz)
	app.Use(h.csrf(csrfExempt))
	app.Use(h.loadUser)
	limited := h.perAddress() // rate limited per client address

	// Pages
	app.Get("/", h.home)
	app.Get("/robots.txt", h.robots)
	app.Get("/sitemap.xml", validators, h.sitemap)
	for _, p := range []string{"/about", "/terms", "/privacy", "/contact"} {
		app.Get(p, h.showSitePage) // Markdown the operator may replace (CONTENT_DIR)
	}

	// Job search, its feed, pay figures, and job pages (never metered)
	app.Get("/jobs", h.listJobs)
	app.Get("/salaries", h.showSalaries)
	app.Get("/jobs.rss", validators, h.jobsFeed)

	// Writing a job: draft → preview → submit; the employer's actions
	app.Get("/jobs/new", requireUser, h.newJob)
	app.Post("/jobs", requireUser, h.createJob)
	app.Get("/jobs/:id<int>/edit", requireUser, h.editJob)
	app.Post("/jobs/:id<int>", requireUser, h.updateJob)
	app.Get("/jobs/:id<int>/preview", requireUser, h.previewJob)
	app.Post("/jobs/:id<int>/submit", requireUser, h.submitJob)
	app.Get("/jobs/:id<int>/close", requireUser, h.confirmCloseJob) // asks first; the form posts
	app.Post("/jobs/:id<int>/close", requireUser, h.closeJob)
	app.Get("/jobs/:id<int>/fill", requireUser, h.confirmFillJob)
	app.Post("/jobs/:id<int>/fill", requireUser, h.markJobFilled)
	app.Post("/jobs/:id<int>/reopen", requireUser, h.reopenJob)
	app.Post("/jobs/:id<int>/renew", requireUser, h.renewJob)
	app.Post("/jobs/:id<int>/upgrade", requireUser, h.upgradeJob)
	app.Post("/jobs/:id<int>/duplicate", requireUser, h.duplicateJob)
	app.Get("/employer", requireUser, h.employerDashboard)

	// Applying on the site; before the job page, whose optional slug would
	// otherwise take "apply"
	app.Get("/jobs/:id<int>/apply", requireUser, h.newApplication)
	app.Post("/jobs/:id<int>/apply", requireUser, h.createApplication)

	// The skills check, a step of applying: started and timed on the server;
	// its code look-up links to code pages that spend no views
	app.Get("/jobs/:id<int>/check", requireUser, h.showSkillCheck)
	app.Post("/jobs/:id<int>/check/start", requireUser, h.startSkillCheck)
	app.Post("/jobs/:id<int>/check/answers", requireUser, h.saveSkillCheckAnswers)
	app.Get("/jobs/:id<int>/check/lookup", requireUser, h.lookupSkillCheckCodes)

	// The public job page; /jobs/:id alone redirects to the canonical URL
	app.Get("/jobs/:id<int>/:slug?", h.showJob)

	// Saved jobs, saved searches and their email alerts
	app.Post("/jobs/:id<int>/save", requireUser, h.toggleSavedJob)
	app.Get("/saved", requireUser, h.listSavedJobs)
	app.Get("/alerts", requireUser, h.listAlerts)
	app.Post("/alerts", limited, h.createAlert) // guests subscribe with an email address
	app.Get("/alerts/confirm", h.confirmAlert)
	app.Get("/alerts/unsubscribe", h.unsubscribeAlert)
	app.Post("/alerts/unsubscribe", h.unsubscribeAlert)
	app.Post("/alerts/:id<int>", requireUser, h.updateAlert)
	app.Post("/alerts/:id<int>/delete", requireUser, h.deleteAlert)

	// Reports of a job by readers (guests too), and company domain checks
	app.Post("/jobs/:id<int>/report", h.reportJob)
	app.Post("/companies/:slug/verify-domain", requireUser, h.requestDomainCheck)
	app.Get("/domain-check", h.confirmDomainCheck)

	// Candidates: the coder's profile, resume, applications and data
	app.Get("/profile", requireUser, h.editProfile)
	app.Post("/profile", requireUser, h.saveProfile)
	app.Post("/profile/credentials", requireUser, h.addCredential)
	app.Post("/profile/credentials/:id<int>/delete", requireUser, h.deleteCredential)
	app.Post("/profile/resumes", requireUser, h.uploadResume)
	app.Get("/profile/resumes/:id<int>", requireUser, h.downloadOwnResume)
	app.Post("/profile/resumes/:id<int>/delete", requireUser, h.deleteResume)
	app.Get("/account/export", requireUser, h.exportData)
	app.Get("/applications", requireUser, h.listMyApplications)
	app.Post("/applications/:id<int>/withdraw", requireUser, h.withdrawApplication)

	// Employers: the applicant pipeline of a job, and candidate search (metered)
	app.Get("/employer/jobs/:id<int>/applicants", requireUser, h.listApplicants)
	app.Get("/employer/jobs/:id<int>/applicants.csv", requireUser, h.exportApplicants)
	app.Post("/employer/jobs/:id<int>/applicants/status", requireUser, h.bulkApplicationStatus)
	app.Post("/employer/jobs/:id<int>/rejection-emails", requireUser, h.setRejectionEmails)
	app.Get("/employer/applications/:id<int>", requireUser, h.showApplication)
	app.Post("/employer/applications/:id<int>/status", requireUser, h.setApplicationStatus)
	app.Post("/employer/applications/:id<int>/undo", requireUser, h.undoApplicationStatus)
	app.Post("/employer/applications/:id<int>/notes", requireUser, h.addApplicationNote)
	app.Get("/employer/applications/:id<int>/resume", requireUser, h.downloadApplicantResume)

	// Employers: a job's skills check, its scenarios (from the library or
	// their own) and each applicant's result
	app.Get("/employer/jobs/:id<int>/check", requireUser, h.editSkillCheck)
	app.Post("/employer/jobs/:id<int>/check", requireUser, h.saveSkillCheck)
	app.Get("/employer/jobs/:id<int>/check/scenarios/new", requireUser, h.newScenario)
	app.Post("/employer/jobs/:id<int>/check/scenarios", requireUser, h.createScenario)
	app.Get("/employer/jobs/:id<int>/check/scenarios/:sid<int>/edit", requireUser, h.editScenario)
	app.Post("/employer/jobs/:id<int>/check/scenarios/:sid<int>", requireUser, h.updateScenario)
	app.Post("/employer/jobs/:id<int>/check/scenarios/:sid<int>/delete", requireUser, h.deleteScenario)
	app.Get("/employer/applications/:id<int>/check", requireUser, h.showCheckResult)
	app.Get("/candidates", requireUser, h.searchCandidates)
	app.Get("/candidates/:id<int>", requireUser, h.showCandidate)
	app.Post("/candidates/:id<int>/invites", limited, requireUser, h.inviteCandidate)

	// Companies and their members
	app.Get("/companies/new", requireUser, h.newCompany)
	app.Post("/companies", requireUser, h.createCompany)
	app.Get("/companies/:slug", h.showCompany)
	app.Get("/companies/:slug/logo", h.companyLogo)
	app.Get("/companies/:slug/edit", requireUser, h.editCompany)
	app.Post("/companies/:slug", requireUser, h.updateCompany)
	app.Get("/companies/:slug/members", requireUser, h.listMembers)
	app.Post("/companies/:slug/invites", limited, requireUser, h.inviteMember)
	app.Get("/companies/:slug/members/:user<int>/remove", requireUser, h.confirmRemoveMember)
	app.Post("/companies/:slug/members/:user<int>/remove", requireUser, h.removeMember)
	app.Post("/companies/:slug/leave", requireUser, h.leaveCompany)
	app.Get("/invites/accept", h.showInvite)
	app.Post("/invites/accept", requireUser, h.acceptInvite)

	// Payments: Stripe Checkout, its return pages, the webhook, billing
	app.Get("/checkout/success", requireUser, h.checkoutSuccess)
	app.Get("/checkout/cancel", requireUser, h.checkoutCancel)
	app.Post("/stripe/webhook", h.stripeWebhook)
	app.Post("/pro/checkout", requireUser, h.proCheckout)
	app.Post("/billing/portal", requireUser, h.billingPortal)
	app.Get("/employer/billing", requireUser, h.employerBilling)

	// Admin: the review queue and payments
	admin := app.Group("/admin", requireAdmin)
	admin.Get("/", h.adminHome)
	admin.Get("/review", h.listPendingJobs)
	admin.Post("/jobs/:id<int>/approve", h.approveJob)
	admin.Post("/jobs/:id<int>/reject", h.rejectJob)
	admin.Post("/credentials/:id<int>/verify", h.verifyCredential)
	admin.Post("/jobs/:id<int>/changes", h.askForChanges)
	admin.Get("/reports", h.listReports)
	admin.Post("/reports/:id<int>/resolve", h.resolveReport)
	admin.Get("/jobs", h.adminJobs)
	admin.Post("/jobs/:id<int>/remove", h.removeJob)
	admin.Post("/jobs/:id<int>/feature", h.featureJob)
	admin.Post("/jobs/:id<int>/extend", h.extendJob)
	admin.Post("/jobs/:id<int>/unhide", h.unhideJob)
	admin.Get("/users", h.adminUsers)
	admin.Post("/users/:id<int>/ban", h.banUser)
	admin.Post("/users/:id<int>/unban", h.unbanUser)
	admin.Post("/users/:id<int>/admin", h.setAdmin)
	admin.Get("/companies", h.adminCompanies)
	admin.Post("/companies/:id<int>/verify", h.verifyCompany)
	admin.Post("/companies/:id<int>/trust", h.trustCompany)
	admin.Get("/domains", h.listBannedDomains)
	admin.Post("/domains", h.banDomain)
	admin.Post("/domains/delete", h.unbanDomain)
	admin.Get("/audit", h.auditLog)
	admin.Get("/payments", h.listPayments)
	admin.Post("/orders/:id<int>/refund", h.refundOrder)

	// Code pages (metered) and their search
	app.Get("/codes", h.listCodes)
	app.Get("/codes/:system", h.browseCodes)
	app.Get("/codes/:system/:code", h.showCode)
	app.Get("/pricing", h.showPricing)

	// Accounts: registration, verification, sign-in, password reset
	app.Get("/register", h.newRegistration)
	app.Post("/register", limited, h.createRegistration)
	app.Get("/verify", h.verifyEmail)
	app.Get("/start", requireUser, h.showFirstSteps) // where a confirmed account lands
	app.Get("/verify/resend", h.newVerificationResend)
	app.Post("/verify/resend", limited, h.resendVerification)
	app.Get("/login", h.newLogin)
	app.Post("/login", limited, h.createLogin)
	app.Post("/logout", h.logout)
	app.Post("/login/link", limited, h.sendSignInLink) // for the owner of a throttled account
	app.Get("/login/link", h.showSignInLink)
	app.Post("/login/link/use", limited, h.useSignInLink)
	app.Get("/password/forgot", h.newPasswordReset)
	app.Post("/password/forgot", limited, h.requestPasswordReset)
	app.Get("/password/reset", h.editPassword)
	app.Post("/password/reset", limited, h.resetPassword)

	// Sign-in with OAuth / OpenID Connect providers
	app.Get("/auth/:provider", h.beginOAuth)
	app.Get("/auth/:provider/callback", h.oauthCallback)
	app.Get("/welcome", requireUser, h.newWelcome)
	app.Post("/welcome", requireUser, h.saveWelcome)

	// The signed-in account
	account := app.Group("/account", requireUser)
	account.Get("/", h.showAccount)
	account.Post("/password", h.changePassword)
	account.Post("/email", h.changeEmail)
	account.Post("/delete", h.deleteAccount)
	account.Post("/identities/:id<int>/unlink", h.unlinkIdentity)
	app.Get("/email/confirm", h.confirmEmailChange) // from the email; may be signed out

	// Development only: the outbox of mail that was not sent
	if h.Dev {
		app.Get("/dev/mail", h.listDevMail)
		app.Get("/dev/mail/:id", h.showDevMail)
		app.Get("/dev/mail/:id/html", h.showDevMailHTML)
	}

	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

func hstsAge(dev bool) int {
	if dev {
		return 0
	}
	return 180 * 24 * 3600
}
