#!/usr/bin/env bash
# Builds the site and serves it on http://127.0.0.1:8080 with the demo catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# No auto-reload: its injected inline script would be refused by the page's security policy.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
