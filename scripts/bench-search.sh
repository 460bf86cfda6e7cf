#!/usr/bin/env bash
# Job search under load on loopback: builds the binary, migrates a throwaway
# database, fills it with the 100,000-job benchmark board (the same generator
# as BenchmarkJobSearch), serves it, and runs wrk against /jobs for a few
# typical searches. Prints requests/s and latency percentiles. Needs Debian's
# wrk and a PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_URL's server).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${LOAD_PORT:-3918}"
duration="${LOAD_SECONDS:-10}"
conns="${LOAD_CONNECTIONS:-8}"
. scripts/throwaway-site.sh bench_search
APP_ENV=dev DATABASE_URL="$url" "$bin" migrate >/dev/null
echo "filling $db with the benchmark board"
BENCH_FILL_DATABASE_URL="$url" go test -count=1 -run '^TestFillBenchJobs$' ./models/ >/dev/null
serve_site "$port" /tmp/careercenter-bench-search.log

base="http://127.0.0.1:$port"
echo "/jobs as a guest, $conns connections, ${duration}s per search"
for search in "" "?q=coder&credential=CPC&work_mode=remote" "?setting=risk-adjustment&state=TX" "?q=auditor"; do
	curl -fs -o /dev/null "$base/jobs$search" || { echo "GET /jobs$search failed" >&2; exit 1; }
	echo "== /jobs$search"
	wrk -t2 -c"$conns" -d"${duration}s" --latency "$base/jobs$search" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
done
echo "== /jobs?q=coder&credential=CPC&work_mode=remote as htmx (the results fragment)"
wrk -t2 -c"$conns" -d"${duration}s" --latency -H "HX-Request: true" "$base/jobs?q=coder&credential=CPC&work_mode=remote" |
	grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'

# A job page (never metered): the newest job, by a guest re-reading it, so the
# per-day view row already exists, as for most page views.
job="$(curl -fs "$base/jobs" | grep -o 'href="/jobs/[0-9]*/[^"]*"' | head -1 | cut -d'"' -f2)"
[ -n "$job" ] || { echo "no job link on /jobs" >&2; exit 1; }
curl -fs -o /dev/null "$base$job"
for c in 1 "$conns"; do
	echo "== $job (a job page), $c connection(s)"
	wrk -t1 -c"$c" -d"${duration}s" --latency "$base$job" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
done
