#!/usr/bin/env bash
# Makes sure the headless browser used by the browser tests is installed at
# /usr/bin/chromium (tests also honour $CHROMIUM).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
	exit 0
fi
"$(cd "$(dirname "$0")" && pwd)/apt-install.sh" chromium
