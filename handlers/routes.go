package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
)

// csp allows only this site's own files: no inline script or style, no CDN.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
	"base-uri 'self'; object-src 'none'"

// Unsafe routes that do not carry a CSRF token because they authenticate by
// other means (signed webhooks).
var csrfExempt = map[string]bool{}

// Routes whose POSTs are rate limited per client address, against guessing
// passwords and flooding inboxes.
var rateLimited = map[string]bool{
	"/login": true, "/register": true, "/password/forgot": true,
	"/password/reset": true, "/verify/resend": true,
}

// Routes is the whole site: the middleware stack, then every route.
func (h *Handler) Routes(app *fiber.App) {
	// Middleware, outermost first. The limiter runs before CSRF so rejected
	// posts are counted too.
	app.Use(recover.New())
	app.Use(requestid.New())
	app.Use(h.logRequests)
	app.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy:     csp,
		CrossOriginEmbedderPolicy: "unsafe-none",
		ReferrerPolicy:            "strict-origin-when-cross-origin",
		HSTSMaxAge:                hstsAge(h.Dev),
	}))
	app.Get("/healthz", h.healthz)
	app.Get("/readyz", h.readyz)
	app.Get("/assets/:version/*", h.asset)
	app.Use(limiter.New(limiter.Config{
		Next:         func(c *fiber.Ctx) bool { return c.Method() != fiber.MethodPost || !rateLimited[c.Path()] },
		Max:          20,
		Expiration:   time.Minute,
		KeyGenerator: func(c *fiber.Ctx) string { return c.Path() + "|" + c.IP() },
		Storage:      h.Limits,
		LimitReached: func(c *fiber.Ctx) error { return fiber.ErrTooManyRequests },
	}))
	app.Use(h.csrf(csrfExempt))
	app.Use(h.loadUser)

	// Pages
	app.Get("/", h.home)

	// Code pages (metered) and their search
	app.Get("/codes", h.listCodes)
	app.Get("/codes/:system/:code", h.showCode)
	app.Get("/pricing", h.showPricing)

	// Accounts: registration, verification, sign-in, password reset
	app.Get("/register", h.newRegistration)
	app.Post("/register", h.createRegistration)
	app.Get("/verify", h.verifyEmail)
	app.Get("/verify/resend", h.newVerificationResend)
	app.Post("/verify/resend", h.resendVerification)
	app.Get("/login", h.newLogin)
	app.Post("/login", h.createLogin)
	app.Post("/logout", h.logout)
	app.Get("/password/forgot", h.newPasswordReset)
	app.Post("/password/forgot", h.requestPasswordReset)
	app.Get("/password/reset", h.editPassword)
	app.Post("/password/reset", h.resetPassword)

	// The signed-in account
	account := app.Group("/account", requireUser)
	account.Get("/", h.showAccount)
	account.Post("/password", h.changePassword)
	account.Post("/email", h.changeEmail)
	account.Post("/delete", h.deleteAccount)
	app.Get("/email/confirm", h.confirmEmailChange) // from the email; may be signed out

	// Development only: the outbox of mail that was not sent
	if h.Dev {
		app.Get("/dev/mail", h.listDevMail)
		app.Get("/dev/mail/:id", h.showDevMail)
	}

	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

func hstsAge(dev bool) int {
	if dev {
		return 0
	}
	return 180 * 24 * 3600
}
