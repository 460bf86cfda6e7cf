package handlers

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// recordLoginFailure counts a failed sign-in and, when it throttles the
// account, emails the owner once a day about the failed attempts.
func (h *Handler) recordLoginFailure(ctx context.Context, email string, ip []byte) error {
	return h.Mail.RecordLoginFailure(ctx, h.DB, email, ip, h.now())
}

// sendSignInLink emails a single-use sign-in link to the address's account,
// if it has one, and answers the same page either way.
func (h *Handler) sendSignInLink(c *fiber.Ctx) error {
	f := readForm(c, "email", "next")
	if f.Get("email") == "" {
		f.Errors.Add("email", "Enter your email address.")
		return h.renderLogin(c, fiber.StatusUnprocessableEntity, f, false)
	}
	ctx := c.UserContext()
	u, err := models.UserByEmail(ctx, h.DB, f.Get("email"))
	if errors.Is(err, models.ErrNotFound) {
		return h.signInLinkSent(c, f)
	}
	if err != nil {
		return err
	}
	err = h.Mail.SendSignInLink(ctx, h.DB, u, localPath(f.Get("next"), ""), h.now())
	if _, ok := models.AsLimit(err); ok {
		return h.signInLinkSent(c, f) // the links already sent are in the inbox
	}
	if err != nil {
		return err
	}
	return h.signInLinkSent(c, f)
}

func (h *Handler) signInLinkSent(c *fiber.Ctx, f *form) error {
	return h.render(c, fiber.StatusOK, "auth/link_sent", "Check your email", nil,
		signInLinkPage{Email: models.NormalizeEmail(f.Get("email"))})
}

// signInLinkPage is the data of the sign-in link's pages.
type signInLinkPage struct {
	Email string
	Token string
	Next  string
}

// showSignInLink asks the owner to confirm before the link is spent, so a
// mail scanner that opens links does not use it up.
func (h *Handler) showSignInLink(c *fiber.Ctx) error {
	return h.withLiveLink(c, models.PurposeSignIn, h.signInLinkInvalid, func(token string) error {
		return h.render(c, fiber.StatusOK, "auth/sign_in_link", "Sign in", nil,
			signInLinkPage{Token: token, Next: localPath(c.Query("next"), "")})
	})
}

// useSignInLink spends the link and signs its owner in. The back-off on
// passwords stays for whoever was guessing.
func (h *Handler) useSignInLink(c *fiber.Ctx) error {
	f := readForm(c, "token", "next")
	u, err := models.UseSignInLink(c.UserContext(), h.DB, f.Get("token"))
	if errors.Is(err, models.ErrNotFound) {
		return h.signInLinkInvalid(c)
	}
	if err != nil {
		return err
	}
	return h.signInTo(c, u, localPath(f.Get("next"), "/account"), "You are signed in.")
}

func (h *Handler) signInLinkInvalid(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusNotFound, "auth/link_invalid", "This link no longer works", nil,
		linkInvalidPage{Message: "This sign-in link has expired or has already been used. Links work once, within 15 minutes.",
			Retry: "/login", RetryLabel: "Back to sign-in"})
}
