#!/usr/bin/env bash
# Short load run on loopback against a metered code page (meter included):
# builds the binary, serves it on a throwaway database, takes a guest cookie,
# then runs wrk for a few seconds at a few connection counts. Prints wrk's
# requests/s and latency percentiles. Needs Debian's wrk and a PostgreSQL on
# 127.0.0.1:5432 (TEST_DATABASE_URL's server).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${LOAD_PORT:-3917}"
duration="${LOAD_SECONDS:-10}"
. scripts/throwaway-site.sh load
serve_site "$port" /tmp/careercenter-load.log

page="http://127.0.0.1:$port/codes/icd-10-cm/E11.9"
cookie="$(curl -fs -o /dev/null -c - "$page" | awk '$6 == "cc_guest" {print $6 "=" $7}')"
[ -n "$cookie" ] || { echo "no guest cookie from $page" >&2; exit 1; }

echo "metered code page, guest re-opening a counted page, ${duration}s per run"
for c in 1 8 32; do
	echo "== $c connections"
	wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${duration}s" --latency -H "Cookie: $cookie" "$page" |
		grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
done
