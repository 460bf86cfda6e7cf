package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// Code pages opened from a running skills check do not spend the
// candidate's views: the check's links carry a token signed for the
// attempt and the candidate, valid until the attempt's deadline, and the
// meter honours it only while that candidate's attempt runs.

// checkToken signs a code-page link for a running attempt.
func (h *Handler) checkToken(a *models.Attempt) string {
	id, exp := strconv.FormatInt(a.ID, 10), strconv.FormatInt(a.Deadline.Unix(), 10)
	return id + "." + exp + "." + h.checkSign(id, a.UserID, exp)
}

func (h *Handler) checkSign(attemptID string, userID int64, exp string) string {
	m := hmac.New(sha256.New, []byte(h.Secret))
	m.Write([]byte("skillcheck:" + attemptID + ":" + strconv.FormatInt(userID, 10) + ":" + exp))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkTokenHolds reports a valid token of the signed-in candidate whose
// attempt is still running.
func (h *Handler) checkTokenHolds(c *fiber.Ctx, token string) (bool, error) {
	u := currentUser(c)
	parts := strings.Split(token, ".")
	if u == nil || len(parts) != 3 {
		return false, nil
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || !h.now().Before(time.Unix(exp, 0)) ||
		!hmac.Equal([]byte(parts[2]), []byte(h.checkSign(parts[0], u.ID, parts[1]))) {
		return false, nil
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return false, nil
	}
	_, err = models.RunningAttempt(c.UserContext(), h.DB, id, u.ID, h.now())
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// spendCodeView is spendView for code pages: free when opened from the
// viewer's running skills check.
func (h *Handler) spendCodeView(c *fiber.Ctx, kind, item string) (models.MeterDecision, error) {
	if token := c.Query("check"); token != "" {
		ok, err := h.checkTokenHolds(c, token)
		if err != nil {
			return models.MeterDecision{}, err
		}
		if ok {
			left, err := h.viewsLeft(c)
			return models.MeterDecision{Allowed: true, Remaining: left}, err
		}
	}
	return h.spendView(c, kind, item)
}

// lookupPage is the code look-up of a check (views/skillcheck/lookup.html),
// drawn alone into the page by htmx.
type lookupPage struct {
	Hits   []models.CodeHit
	Token  string
	Target string // the id of the answer box the codes are added to
	Query  string
}

// lookupSkillCheckCodes searches the site's codes for a candidate whose
// check is running, with links that do not spend their views.
func (h *Handler) lookupSkillCheckCodes(c *fiber.Ctx) error {
	_, _, a, err := h.checkForCandidate(c)
	if err != nil {
		return err
	}
	if a == nil || !a.Running(h.now()) {
		return fiber.ErrNotFound
	}
	q := strings.TrimSpace(c.Query("q"))
	hits, err := models.SearchCodes(c.UserContext(), h.DB, models.CodeQuery{Text: q, Limit: 8})
	if err != nil {
		return err
	}
	target := ""
	if sid, err := strconv.ParseInt(c.Query("scenario"), 10, 64); err == nil {
		target = "answer-" + strconv.FormatInt(sid, 10)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Render("skillcheck/lookup", lookupPage{Hits: hits, Token: h.checkToken(a), Target: target, Query: q})
}
