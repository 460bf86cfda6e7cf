package handlers

import "testing"

func TestFillMarksReplacesEveryStandIn(t *testing.T) {
	cases := []struct{ body, want string }{
		{"", ""},
		{"no marks here", "no marks here"},
		{"<p>T</p><input value=\"T\"><!--F-->", "<p>token</p><input value=\"token\"><b>figures</b>"},
		{"<!--F-->T<!--F-->", "<b>figures</b>token<b>figures</b>"},
	}
	for _, c := range cases {
		if got := fillMarks(c.body, "T", "token", "<!--F-->", "<b>figures</b>"); got != c.want {
			t.Errorf("fillMarks(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

func TestFillMarksWithOverlappingAndRepeatedStandIns(t *testing.T) {
	cases := []struct{ body, want string }{
		{"ABAB", "xyxy"},
		{"AAB", "xxy"},
		{"BA", "yx"},
	}
	for _, c := range cases {
		if got := fillMarks(c.body, "A", "x", "B", "y", "AB", "never"); got != c.want {
			t.Errorf("fillMarks(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}
