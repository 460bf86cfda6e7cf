// Package models holds every SQL statement of CareerCenter next to the struct it
// returns, and the business rules (accounts, tokens, throttling) as functions
// named the way a product person would. Functions take a bun.IDB so they run on
// the database, inside a transaction, or in a test.
package models

import "strconv"

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
