#!/usr/bin/env bash
# Installs Debian packages without prompting. The package lists are refreshed at
# most once an hour, so several calls in one CI run update only once.
set -euo pipefail

if [ "$#" -eq 0 ]; then
	echo "usage: $0 package..." >&2
	exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | head -n 1)" ]; then
	echo "apt-get update"
	$sudo apt-get update -q
fi
echo "apt-get install $*"
$sudo apt-get install -y -q --no-install-recommends "$@" </dev/null
