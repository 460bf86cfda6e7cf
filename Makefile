# Development and CI tasks. `make run` needs nothing but Go and the PostgreSQL
# binaries: with APP_ENV=dev and no DATABASE_URL the app uses the PostgreSQL on
# 127.0.0.1:5432, or starts a private one on port 54329 and leaves it running.
# With no PostgreSQL at all, it installs one as root (scripts/ensure-postgres.sh)
# or stops and names that command.
#
# Chromium: the browser tests use /usr/bin/chromium, or the path in $CHROMIUM
# (Debian: apt-get install -y --no-install-recommends chromium).

APP_ENV ?= dev
GO ?= go
TESTFLAGS ?=
# How many inputs each fuzz target (job search query, cursor, code search) tries in
# `make test`, a few seconds each here. A count, not a duration: with a duration,
# Go's fuzz coordinator can fail a target with "context deadline exceeded" at the
# deadline on a loaded machine, having found nothing (go.dev/issue/75804).
FUZZ_FILTER ?= 10000x
FUZZ_CURSOR ?= 10000x
FUZZ_CODES ?= 500x

# Go files to check, minus ignored ones (.data/, tmp/); plain find outside a git checkout.
GOFILES = $(wildcard $(shell git ls-files -co --exclude-standard -- '*.go' 2>/dev/null || find . \( -path './.*' -o -path ./tmp \) -prune -o -name '*.go' -print))

.PHONY: run test build fmt vet check bench load pooler-test

run:
	@scripts/run-prereqs.sh
	APP_ENV=$(APP_ENV) $(GO) run . serve

test:
	$(GO) test -count=1 -timeout 15m $(TESTFLAGS) ./...
	$(GO) test -count=1 -race -run 'Meter' ./models/
	$(GO) test -run '^$$' -fuzz '^FuzzParseJobFilter$$' -fuzztime $(FUZZ_FILTER) -parallel 2 ./models/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeCursor$$' -fuzztime $(FUZZ_CURSOR) -parallel 2 ./models/
	$(GO) test -run '^$$' -fuzz '^FuzzSearchCodes$$' -fuzztime $(FUZZ_CODES) -parallel 2 ./models/

build:
	$(GO) build -o careercenter .

fmt:
	@files="$$(gofmt -l $(GOFILES) </dev/null)"; \
	if [ -n "$$files" ]; then echo "gofmt needed (run gofmt -w):"; echo "$$files"; exit 1; fi; \
	echo "gofmt: ok"

vet:
	$(GO) vet ./...

check: fmt vet test

# Go benchmarks of the hot paths (figures in the README's Performance section),
# then job search at 100,000 jobs: query p50/p99 and /jobs under wrk.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./handlers/
	$(GO) test -run '^$$' -bench JobSearch -benchtime 300x -timeout 20m ./models/
	scripts/bench-search.sh

# The several-process test through PgBouncer in transaction mode (installs
# Debian's pgbouncer when missing).
pooler-test:
	scripts/pooler-test.sh

# A short load run on loopback with wrk.
load:
	scripts/load.sh
