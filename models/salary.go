package models

import "strconv"

// SalaryText writes a job's pay the one way every page, feed and email
// shows it: "$25–$32 per hour", "From $60,000 per year", "Up to $40 per
// hour"; "" when no pay is given.
func SalaryText(lo, hi *int, period *string) string {
	if lo == nil && hi == nil {
		return ""
	}
	per := ""
	if period != nil {
		per = " " + TermLabel(SalaryPeriods, *period)
	}
	switch {
	case lo != nil && hi != nil && *lo != *hi:
		return Dollars(*lo) + "–" + Dollars(*hi) + per
	case lo != nil && hi == nil:
		return "From " + Dollars(*lo) + per
	case lo != nil:
		return Dollars(*lo) + per
	default:
		return "Up to " + Dollars(*hi) + per
	}
}

// Dollars writes whole dollars with thousands separators: "$60,000".
func Dollars(n int) string { return "$" + Thousands(n) }

// Thousands writes n with a comma between each group of three digits.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
