#!/usr/bin/env bash
# Runs the several-process test (app/cluster_test.go) through PgBouncer in
# transaction mode: once with River polling (no direct URL), once with
# DATABASE_DIRECT_URL for River's LISTEN/NOTIFY. Installs Debian's pgbouncer
# when missing (as root, or with sudo), starts it on a free port in front of
# the PostgreSQL of TEST_DATABASE_URL (default 127.0.0.1:5432), and stops it
# on exit. Results are in the README's "Running in production" section.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || scripts/apt-install.sh pgbouncer
bouncer="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"

server="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
hostport="${server#*@}"
hostport="${hostport%%/*}"
pghost="${hostport%:*}"
pgport="${hostport##*:}"

port=""
for p in $(seq 6432 6532); do
	if ! (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
		port=$p
		break
	fi
done
[ -n "$port" ] || { echo "no free port in 6432-6532" >&2; exit 1; }

dir="$(mktemp -d /tmp/careercenter-pgbouncer.XXXXXX)"
chmod 755 "$dir"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=$pghost port=$pgport

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo '"postgres" ""' >"$dir/users.txt"
user_opt=()
if [ "$(id -u)" -eq 0 ]; then
	chown -R postgres "$dir"
	user_opt=(-u postgres)
fi
"$bouncer" -d "${user_opt[@]}" "$dir/pgbouncer.ini"
cleanup() {
	[ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
	sleep 0.5
	rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
	(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done
echo "pgbouncer $("$bouncer" --version | head -n 1 | awk '{print $2}') in transaction mode on 127.0.0.1:$port"

status=0
echo "==> through the pooler, River polling"
CLUSTER_POOLER="127.0.0.1:$port" go test ./app -run 'TestSeveralProcessesBehaveAsOneSite' -count=1 -v "$@" | grep -E '^(=== RUN|--- |\s+---|\s+cluster_test|PASS|FAIL|ok)' || status=1
echo "==> through the pooler, River listening on DATABASE_DIRECT_URL"
CLUSTER_POOLER="127.0.0.1:$port" CLUSTER_DIRECT=1 go test ./app -run 'TestSeveralProcessesBehaveAsOneSite' -count=1 -v "$@" | grep -E '^(=== RUN|--- |\s+---|\s+cluster_test|PASS|FAIL|ok)' || status=1
exit $status
