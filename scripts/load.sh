#!/usr/bin/env bash
# Short load run on loopback against a metered code page (meter included):
# builds the binary, serves it on a throwaway database, takes a guest cookie,
# then runs wrk for a few seconds at a few connection counts. Prints wrk's
# requests/s and latency percentiles. Needs Debian's wrk and a PostgreSQL on
# 127.0.0.1:5432 (TEST_DATABASE_URL's server).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || scripts/apt-install.sh wrk
server="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
db="cc_load_$$"
port="${LOAD_PORT:-3917}"
duration="${LOAD_SECONDS:-10}"
bin="$(mktemp -d)/careercenter"

psql "$server" -qc "CREATE DATABASE $db" >/dev/null
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	psql "$server" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT

go build -o "$bin" .
url="${server%%/postgres\?*}/$db?sslmode=disable"
APP_ENV=dev PORT="$port" DATABASE_URL="$url" "$bin" serve >/tmp/careercenter-load.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

page="http://127.0.0.1:$port/codes/icd-10-cm/E11.9"
cookie="$(curl -fs -o /dev/null -c - "$page" | awk '$6 == "cc_guest" {print $6 "=" $7}')"
[ -n "$cookie" ] || { echo "no guest cookie from $page" >&2; exit 1; }

echo "metered code page, guest re-opening a counted page, ${duration}s per run"
for c in 1 8 32; do
	echo "== $c connections"
	wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${duration}s" --latency -H "Cookie: $cookie" "$page" |
		grep -E 'Requests/sec|^ +(50|99)%|Non-2xx'
done
