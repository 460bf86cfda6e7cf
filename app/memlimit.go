package app

import "runtime/debug"

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not set:
// the garbage collector works harder as the heap nears it, instead of
// letting it grow to twice what is live. The caches a process keeps are
// bounded well below it (models.SearchCacheSize, the job and code pages
// kept; the live heap under load is about 16 MB), and the binary's own pages
// add about 29 MB resident. Runtime memory stays close to the limit under
// load, so the resident peak follows the limit: 30 MiB keeps a web process
// a few MiB under 64 MiB (ratio runs peaked at 56 MiB at 28 MiB, 63.9 MiB
// at 32 MiB, 67 MiB at 40 MiB, and the lower the limit the more the
// collector runs); measured in the README's Performance section.
const defaultMemoryLimit = 30 << 20

// limitMemory sets the default soft memory limit unless GOMEMLIMIT chose
// one (the runtime reads it itself; Config.MemoryLimitChosen).
func limitMemory(cfg Config) {
	if !cfg.MemoryLimitChosen {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
