package handlers

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/markbates/goth"
	"golang.org/x/oauth2"

	"careercenter/models"
)

// sessOAuth is the session key of the sign-in in progress.
const sessOAuth = "oauth"

// oauthTimeout is how long a person may take at the provider.
const oauthTimeout = 15 * time.Minute

// pendingOAuth is a sign-in in progress, kept in the server session as JSON
// between the redirect to the provider and its callback.
type pendingOAuth struct {
	Provider string
	State    string
	Verifier string // PKCE; empty when the provider takes none
	Goth     string // goth's own session, marshaled
	Next     string
	LinkUser int64 // the account that asked to link; 0 for a sign-in
	Started  int64
}

// expiredSignIn is the one answer to a missing, forged, replayed or stale
// callback.
var expiredSignIn = fail(fiber.StatusBadRequest,
	"This sign-in has expired or was already used. Start again from the login page.")

// keepOAuth stores the sign-in in progress; the one Save of the request.
func (h *Handler) keepOAuth(c *fiber.Ctx, p pendingOAuth) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	sess, err := h.Sessions.Get(c)
	if err != nil {
		return err
	}
	sess.Set(sessOAuth, string(raw))
	return sess.Save()
}

// takeOAuth spends the sign-in in progress and checks the state the
// provider sent back against it. It is deleted and saved before the state is
// even compared, so no callback can be used twice. A browser without a
// session gets no new one.
func (h *Handler) takeOAuth(c *fiber.Ctx, provider, state string) (*pendingOAuth, error) {
	sess, err := h.existingSession(c)
	if err != nil {
		return nil, err
	}
	if sess == nil {
		return nil, expiredSignIn
	}
	raw, _ := sess.Get(sessOAuth).(string)
	if raw == "" {
		return nil, expiredSignIn
	}
	sess.Delete(sessOAuth)
	if err := sess.Save(); err != nil {
		return nil, err
	}
	var p pendingOAuth
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil, expiredSignIn
	}
	fresh := h.now().Sub(time.Unix(p.Started, 0)) < oauthTimeout
	if subtle.ConstantTimeCompare([]byte(state), []byte(p.State)) != 1 || p.State == "" ||
		p.Provider != provider || !fresh {
		return nil, expiredSignIn
	}
	return &p, nil
}

// fetchExternalUser trades the code for tokens (with the PKCE verifier) and
// asks the provider who signed in. Only the code and the verifier are passed
// on: nothing else from the query reaches the token request.
func fetchExternalUser(ctx context.Context, p *OAuthProvider, pending *pendingOAuth, code string) (models.ExternalUser, error) {
	var ext models.ExternalUser
	if code == "" {
		return ext, expiredSignIn
	}
	gp, _, err := p.Open(ctx)
	if err != nil {
		return ext, providerDown(p, err)
	}
	gs, err := gp.UnmarshalSession(pending.Goth)
	if err != nil {
		return ext, expiredSignIn
	}
	params := url.Values{"code": {code}}
	if pending.Verifier != "" {
		params.Set("code_verifier", pending.Verifier)
	}
	if err := guard(func() error { _, err := gs.Authorize(gp, params); return err }); err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.ErrorCode == "invalid_grant" {
			return ext, fail(fiber.StatusBadRequest, p.Label+" did not accept this sign-in; it may have expired. "+
				"Start again from the login page.")
		}
		return ext, providerDown(p, err)
	}
	var gu goth.User
	err = guard(func() (err error) { gu, err = gp.FetchUser(gs); return err })
	if err == nil && gu.UserID == "" {
		err = errors.New("no subject in the user information")
	}
	if err != nil {
		return ext, providerDown(p, err)
	}
	verified, err := p.EmailVerified(ctx, gu)
	if err != nil {
		return ext, providerDown(p, err)
	}
	return models.ExternalUser{Provider: p.Key, Subject: gu.UserID, Email: gu.Email,
		EmailVerified: verified && gu.Email != "", Name: gothName(gu)}, nil
}

// guard turns a panic of goth's code into an error: its openidConnect
// provider type-asserts fields of what the provider sends (id_token, exp),
// and a provider sending something else must get the 502 page, not a 500.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("provider answer not understood: %v", r)
		}
	}()
	return f()
}

// providerDown is the page for a provider that cannot be reached or answers
// with an error. The cause is wrapped so the error handler logs it; the
// person sees only the message.
func providerDown(p *OAuthProvider, cause error) error {
	return fmt.Errorf("%w: %s: %v", fail(fiber.StatusBadGateway, "We could not reach "+p.Label+
		" to finish signing you in. Try again in a moment, or log in with your email and password."), p.Name, cause)
}

// providerRefused is the page for an error the provider sent back instead
// of a code, most often because the person said no.
func providerRefused(p *OAuthProvider, code string) error {
	if code == "access_denied" {
		return fail(fiber.StatusForbidden, "You did not allow "+p.Label+" to sign you in. "+
			"You can log in with your email and password instead.")
	}
	return fail(fiber.StatusBadRequest, p.Label+" could not sign you in just now. Try again in a moment, "+
		"or log in with your email and password.")
}

func gothName(u goth.User) string {
	if u.Name != "" {
		return u.Name
	}
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.NickName
}

// randomToken is 32 random bytes, URL-safe: states and PKCE verifiers.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// withCodeChallenge adds the PKCE S256 challenge of verifier to an
// authorization URL; goth's providers take the verifier but not the
// challenge.
func withCodeChallenge(authURL, verifier string) string {
	u, err := url.Parse(authURL)
	if err != nil {
		return authURL
	}
	sum := sha256.Sum256([]byte(verifier))
	q := u.Query()
	q.Set("code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]))
	q.Set("code_challenge_method", "S256")
	u.RawQuery = q.Encode()
	return u.String()
}

// safeNext keeps a "next" address only when it stays on this site however
// many times it is decoded: "%2F%2Fevil.example" and "/%5Cevil" count as
// the "//evil.example" and "/\evil" they become. Control characters (which
// browsers drop, turning "/\t/evil" into "//evil") are refused anywhere.
func safeNext(next, fallback string) string {
	s := next
	for i := 0; i < 4; i++ {
		if localPath(s, "") == "" || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
			return fallback
		}
		d, err := url.PathUnescape(s)
		if err != nil || d == s {
			return next
		}
		s = d
	}
	return fallback
}
