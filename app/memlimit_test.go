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
	limitMemory(Config{MemoryLimitChosen: true})
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT set: the limit became %d", got)
	}
	limitMemory(Config{})
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Fatalf("no GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}
}

// GOMEMLIMIT in the environment counts as chosen, whatever its value.
func TestConfigReadsWhetherAMemoryLimitIsChosen(t *testing.T) {
	for env, want := range map[string]bool{"": false, "64MiB": true, "off": true} {
		cfg, err := LoadConfig(envOf(map[string]string{"APP_ENV": "dev", "GOMEMLIMIT": env}))
		if err != nil || cfg.MemoryLimitChosen != want {
			t.Errorf("GOMEMLIMIT=%q: chosen %v, want %v (%v)", env, cfg.MemoryLimitChosen, want, err)
		}
	}
}
