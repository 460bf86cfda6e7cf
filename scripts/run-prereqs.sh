#!/usr/bin/env bash
# Checked by `make run`. Without DATABASE_URL the app in development uses the
# PostgreSQL on 127.0.0.1:5432, or starts a private one from the installed
# server binaries. When neither is there: as root, install and start one the
# way CI does (scripts/ensure-postgres.sh); otherwise say the one command to run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

[ -n "${DATABASE_URL:-}" ] && exit 0
(echo >/dev/tcp/127.0.0.1/5432) 2>/dev/null && exit 0
if command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
	echo "No PostgreSQL found: installing and starting one with scripts/ensure-postgres.sh"
	exec "$here/ensure-postgres.sh"
fi
echo "No PostgreSQL is installed or answering on 127.0.0.1:5432. Run this once, then make run again:" >&2
echo "  sudo scripts/ensure-postgres.sh" >&2
exit 1
