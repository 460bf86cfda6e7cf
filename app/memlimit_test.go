package app

import (
	"math"
	"runtime/debug"
	"testing"
)

// The web gets a soft memory limit unless GOMEMLIMIT chose one.
func TestLimitMemoryDefaultsUnlessChosen(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory(func(string) string { return "off" })
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT set: the limit became %d", got)
	}
	limitMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Fatalf("no GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}
}
