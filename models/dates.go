package models

import "time"

// DayLayout is the one way the site writes a date, in pages, flash messages
// and emails alike: "Mar 4, 2026".
const DayLayout = "Jan 2, 2006"

// DayText writes a date (UTC); a zero time is "".
func DayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(DayLayout)
}

// DayTimeText adds the time of day where it matters (logs, notes, mail):
// "Mar 4, 2026, 14:05 UTC".
func DayTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return DayText(t) + ", " + t.UTC().Format("15:04") + " UTC"
}
