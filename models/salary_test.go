package models_test

import (
	"testing"

	"careercenter/models"
)

func TestSalaryText(t *testing.T) {
	n := func(v int) *int { return &v }
	hour, year := "hour", "year"
	tests := []struct {
		lo, hi *int
		period *string
		want   string
	}{
		{nil, nil, &hour, ""},
		{n(25), n(32), &hour, "$25–$32 per hour"},
		{n(60000), nil, &year, "From $60,000 per year"},
		{n(60000), n(60000), &year, "$60,000 per year"},
		{nil, n(1250000), &year, "Up to $1,250,000 per year"},
		{n(45), n(50), nil, "$45–$50"},
	}
	for _, tt := range tests {
		if got := models.SalaryText(tt.lo, tt.hi, tt.period); got != tt.want {
			t.Errorf("SalaryText = %q, want %q", got, tt.want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", -1000: "-1,000", -100: "-100"} {
		if got := models.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
