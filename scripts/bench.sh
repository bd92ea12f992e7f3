#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md): builds the release site and the dataset generator,
# then drives headless Chromium over a generated catalogue of the given size.
#   scripts/bench.sh [S|M|L]     (default L)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
SIZE=${1:-L}
trunk build --release --offline
cargo build --release -p catalogue-gen
node bench/run.mjs --size "$SIZE"
