package models

import (
	"testing"
	"time"
)

func TestKeptPageValidUntilTheFirstChangeByTheClock(t *testing.T) {
	drawn := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return drawn.Add(d) }
	cases := []struct {
		name  string
		job   Job
		shown []Job
		want  time.Time
	}{
		{"nothing expires soon: the figures are due", Job{ExpiresAt: at(30 * 24 * time.Hour)}, nil, at(KeptPageMaxAge)},
		{"the job expires", Job{ExpiresAt: at(10 * time.Minute)}, nil, at(10 * time.Minute)},
		{"the job stops being featured", Job{FeaturedUntil: at(20 * time.Minute)}, nil, at(20 * time.Minute)},
		{"a similar job expires first", Job{ExpiresAt: at(10 * time.Minute)},
			[]Job{{ExpiresAt: at(time.Hour * 5)}, {ExpiresAt: at(5 * time.Minute)}}, at(5 * time.Minute)},
		{"a similar job stops being featured", Job{}, []Job{{FeaturedUntil: at(7 * time.Minute)}}, at(7 * time.Minute)},
		{"times already past change nothing", Job{FeaturedUntil: at(-time.Hour)}, []Job{{ExpiresAt: at(-time.Minute)}},
			at(KeptPageMaxAge)},
	}
	for _, c := range cases {
		if got := KeptPageValidUntil(drawn, &c.job, c.shown); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestKeptPageDrawnAtAllowsForTransactionsStillOpen(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if got := KeptPageDrawnAt(at); !got.Before(at.Add(-10 * time.Second)) {
		t.Errorf("drawn at %v for a read at %v: a change made just before the read would not count", got, at)
	}
	if keptPageMargin <= SearchCacheTTL {
		t.Errorf("margin %v: a page drawn from a process's kept job or company (up to %v old) could outlive a change",
			keptPageMargin, SearchCacheTTL)
	}
}

func TestIntArrayText(t *testing.T) {
	for _, c := range []struct {
		ids  []int64
		want string
	}{{nil, "{}"}, {[]int64{7}, "{7}"}, {[]int64{1, 22, 333}, "{1,22,333}"}} {
		if got := intArrayText(c.ids); got != c.want {
			t.Errorf("%v: %q, want %q", c.ids, got, c.want)
		}
	}
}
