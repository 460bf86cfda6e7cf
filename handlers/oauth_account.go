package handlers

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// oauthButton is one "Continue with <Label>" link.
type oauthButton struct {
	Label string
	URL   string
}

// oauthButtons are the links of partials/oauth_buttons for the login and
// registration pages, carrying next on to after the sign-in. None when no
// provider is configured.
func (h *Handler) oauthButtons(next string) []oauthButton {
	next = safeNext(next, "")
	out := make([]oauthButton, 0, len(h.OAuth))
	for _, p := range h.OAuth {
		to := "/auth/" + p.Name
		if next != "" {
			to += "?next=" + url.QueryEscape(next)
		}
		out = append(out, oauthButton{Label: p.Label, URL: to})
	}
	return out
}

// linkedIdentity is one provider account on the account page.
type linkedIdentity struct {
	ID    int64
	Label string
	Email string
}

// identitiesData is what partials/account_identities draws.
type identitiesData struct {
	Linked      []linkedIdentity
	Link        []oauthButton // providers to link (another account at one already linked is fine)
	HasPassword bool
	CSRF        string
}

// accountIdentities is the data of the account page's sign-in providers
// section (partials/account_identities); nil when no provider is configured
// and none is linked.
func (h *Handler) accountIdentities(c *fiber.Ctx) (*identitiesData, error) {
	u := currentUser(c)
	ids, err := models.IdentitiesOf(c.UserContext(), h.DB, u.ID)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 && len(h.OAuth) == 0 {
		return nil, nil
	}
	d := identitiesData{Link: h.oauthButtons("/account"), HasPassword: u.HasPassword(), CSRF: csrfToken(c)}
	for _, id := range ids {
		d.Linked = append(d.Linked, linkedIdentity{ID: id.ID, Label: h.providerLabel(id.Provider), Email: id.Email})
	}
	return &d, nil
}

// providerLabel names the provider of an identity, also one no longer
// configured.
func (h *Handler) providerLabel(key string) string {
	for _, p := range h.OAuth {
		if p.Key == key {
			return p.Label
		}
	}
	return key
}

// unlinkIdentity removes a provider account from the signed-in account,
// unless it is the last way to sign in.
func (h *Handler) unlinkIdentity(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	err = models.UnlinkIdentity(c.UserContext(), h.DB, currentUser(c), id)
	if errors.Is(err, models.ErrLastSignIn) {
		return h.render(c, fiber.StatusConflict, "auth/link_invalid", "Keep a way to log in", nil, linkInvalidPage{
			Message: "This is the only way to log in to your account. Choose a password first " +
				"(\"Forgot your password?\" on the login page sends a link), or link another provider, then unlink this one.",
			Retry: "/account", RetryLabel: "Back to your account"})
	}
	if err != nil {
		return err
	}
	return redirect(c, "/account", "The provider is unlinked: it no longer logs you in.")
}

// newWelcome asks a person who just signed up through a provider what they
// come for, once, before going on to where they were headed.
func (h *Handler) newWelcome(c *fiber.Ctx) error {
	f := &form{Values: map[string]string{"next": safeNext(c.Query("next"), "/account")}}
	return h.render(c, fiber.StatusOK, "auth/welcome", "Welcome to CareerCenter", f, nil)
}

// saveWelcome records the choice and goes on.
func (h *Handler) saveWelcome(c *fiber.Ctx) error {
	f := readForm(c, "account_type", "next")
	err := models.ChooseAccountType(c.UserContext(), h.DB, currentUser(c).ID, f.Get("account_type"))
	if v, ok := models.AsValidation(err); ok {
		return h.render(c, fiber.StatusUnprocessableEntity, "auth/welcome", "Welcome to CareerCenter", f.failed(v), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, safeNext(f.Get("next"), "/account"), "")
}
