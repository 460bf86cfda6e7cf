package handlers

import "time"

// dayLayout is the one way the site writes a date, in pages, flash messages
// and emails alike: "Mar 4, 2026".
const dayLayout = "Jan 2, 2006"

// dayText writes a date (UTC); a zero time is "".
func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(dayLayout)
}

// dayTimeText adds the time of day where it matters (logs, notes, mail):
// "Mar 4, 2026, 14:05 UTC".
func dayTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dayText(t) + ", " + t.UTC().Format("15:04") + " UTC"
}
