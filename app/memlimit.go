package app

import "runtime/debug"

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not set:
// the garbage collector works harder as the heap nears it, instead of
// letting it grow to twice what is live. The caches a process keeps are
// bounded well below it (models.SearchCacheSize, the job and code pages
// kept; the live heap under load is about 10 MB), and the binary's own pages
// add about 29 MB resident, so 32 MiB keeps a web process under 64 MiB
// resident (at 40 MiB it peaked at 67 MiB); measured in the README's
// Performance section.
const defaultMemoryLimit = 32 << 20

// limitMemory sets the default soft memory limit unless GOMEMLIMIT chose
// one (the runtime reads it itself; Config.MemoryLimitChosen).
func limitMemory(cfg Config) {
	if !cfg.MemoryLimitChosen {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
