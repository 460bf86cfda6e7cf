# Sourced by the load and benchmark scripts: a throwaway database on the
# PostgreSQL of TEST_DATABASE_URL, the binary built, and helpers to serve it.
# Sets server, db, url, bin; `serve_site PORT LOG` starts it and waits for
# /healthz; the database and server are removed on exit.
command -v wrk >/dev/null || scripts/apt-install.sh wrk
server="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
db="cc_${1:-load}_$$"
bin="$(mktemp -d)/careercenter"
url="${server%%/postgres\?*}/$db?sslmode=disable"

psql "$server" -qc "CREATE DATABASE $db" >/dev/null
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	psql "$server" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT
go build -o "$bin" .

serve_site() {
	APP_ENV=dev PORT="$1" DATABASE_URL="$url" "$bin" serve >"$2" 2>&1 &
	pid=$!
	for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
	echo "the site did not start; see $2" >&2
	return 1
}
