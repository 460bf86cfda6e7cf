#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 for the postgres role without a
# password (what the tests expect). Does nothing when it already does; otherwise
# installs Debian's postgresql package if needed and starts the system cluster on
# port 5432 with a trust-only hba file kept in /tmp, leaving /etc untouched.
# Runs as root (pg_ctlcluster switches to the cluster owner). POSTGRES_PORT
# overrides the port (used to try this script on a throwaway cluster).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
port="${POSTGRES_PORT:-5432}"
hba=/tmp/careercenter-pg_hba.conf

answers() {
	command -v psql >/dev/null &&
		PGCONNECT_TIMEOUT=3 psql -X -w -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1
}

if answers; then
	echo "PostgreSQL answers on 127.0.0.1:$port"
	exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null ||
	! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
	"$here/apt-install.sh" postgresql
fi

# The cluster on port $port (version, name, status), or create one.
read -r version name status < <(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1, $2, $4; exit }') || true
if [ -z "${version:-}" ]; then
	version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
	name=main
	status=down
	if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
		echo "cluster $version/main exists but does not use port $port" >&2
		exit 1
	fi
	echo "creating cluster $version/$name on port $port"
	pg_createcluster --port "$port" "$version" "$name"
fi

printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >"$hba"
chmod 644 "$hba"
if [ "$status" = online ]; then
	echo "cluster $version/$name is up but asks for a password: restarting it with $hba"
	pg_ctlcluster --skip-systemctl-redirect "$version" "$name" stop
fi
echo "starting cluster $version/$name with $hba"
pg_ctlcluster --skip-systemctl-redirect -o "-c hba_file=$hba" "$version" "$name" start

for _ in $(seq 1 30); do
	if answers; then
		echo "PostgreSQL answers on 127.0.0.1:$port"
		exit 0
	fi
	sleep 1
done
echo "PostgreSQL still does not answer on 127.0.0.1:$port; see /var/log/postgresql/postgresql-$version-$name.log" >&2
exit 1
