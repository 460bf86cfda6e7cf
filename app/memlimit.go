package app

import "runtime/debug"

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not set:
// the garbage collector works harder as the heap nears it, instead of
// letting it grow to twice what is live. The caches a process keeps are
// bounded well below it (models.SearchCacheSize, the job and code pages
// kept), so under load a web process stays near 64 MiB resident; measured
// in the README's Performance section.
const defaultMemoryLimit = 40 << 20

// limitMemory sets the default soft memory limit unless GOMEMLIMIT chose
// one (the runtime reads it itself; Config.MemoryLimitChosen).
func limitMemory(cfg Config) {
	if !cfg.MemoryLimitChosen {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
