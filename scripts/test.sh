#!/usr/bin/env bash
# Tests everything: the domain and in-memory store natively, the IndexedDB store in
# headless Chromium and Firefox, then the release site end to end with Playwright, and its
# core journeys in Chromium, Firefox and WebKit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

echo "== formatting (rustfmt.toml): cargo fmt --check"
cargo fmt --all --check
(cd fuzz && cargo fmt --check)

echo "== native tests: domain and in-memory store"
cargo test --workspace --exclude catalogue-app

echo "== other tools' formats: what the catalogue writes for them passes their published schemas"
npm run --silent formats

echo "== browser tests: the store against real IndexedDB in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p catalogue-store --target wasm32-unknown-unknown

echo "== browser tests: the store against real IndexedDB in headless Firefox"
# crates/catalogue-store/webdriver.json names Debian's Firefox ESR.
GECKODRIVER=$(command -v geckodriver) \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p catalogue-store --target wasm32-unknown-unknown

echo "== release build of the site (at the root, and under a path as on GitHub Pages)"
trunk build --release --offline
trunk build --release --offline --public-url /service-catalogue/ --dist dist-pages

echo "== end-to-end journeys in Chromium"
npm run --silent e2e

echo "== core journeys in Chromium, Firefox and WebKit"
# WebKitGTK's MiniBrowser has no headless mode: it runs on a virtual display.
xvfb-run -a npm run --silent engines

echo "== search relevance on the demo catalogue: recall@10 and MRR beside MiniSearch (checks the bars, not speed)"
node bench/relevance.mjs --check

echo "== benchmark harness, S size (checks that every figure is produced, not how fast)"
cargo build --release -p catalogue-gen
node bench/run.mjs --size S --check
xvfb-run -a node bench/engines.mjs --size S --check

echo "== fuzzing, time-bounded: parsing + validation, merges, Markdown (FUZZ_SECONDS each, default 20)"
scripts/fuzz.sh
