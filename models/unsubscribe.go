package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// UnsubscribeToken signs a saved search's id so the one-click unsubscribe
// link in every alert works without logging in and cannot be guessed.
func UnsubscribeToken(secret string, searchID int64) string {
	id := strconv.FormatInt(searchID, 10)
	return id + "." + unsubscribeSig(secret, id)
}

// SearchIDFromUnsubscribe checks a token and returns the saved search id.
func SearchIDFromUnsubscribe(secret, token string) (int64, bool) {
	id, sig, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(unsubscribeSig(secret, id))) {
		return 0, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil && n > 0
}

func unsubscribeSig(secret, id string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("unsubscribe:" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}
