#!/usr/bin/env bash
# Makes sure stripe-mock (the Stripe API fake the payment tests talk to) is on
# the PATH, building the pinned version from the Go module proxy if needed.
set -euo pipefail

version=v0.203.0
if command -v stripe-mock >/dev/null; then
	echo "stripe-mock: $(command -v stripe-mock)"
	exit 0
fi
echo "installing stripe-mock $version (about a minute of CPU)"
GOBIN=/usr/local/bin go install "github.com/stripe/stripe-mock@$version"
echo "stripe-mock: $(command -v stripe-mock)"
