#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already installed at the
# right version: the wasm target, Trunk, the wasm-bindgen CLI (the version in Cargo.lock),
# the wasm splitter, geckodriver, Debian's Chromium and ChromeDriver, Firefox ESR, WebKitGTK's
# WebDriver and MiniBrowser, Xvfb, and the npm packages of package-lock.json.
# Nothing is downloaded at build time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than 1.95
WASM_SPLIT_VERSION=0.2.4 # splits the app's wasm at its lazy pages (scripts/build-app.mjs)
GECKODRIVER_VERSION=0.37.1 # runs the IndexedDB store's wasm tests in Firefox
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

step() { printf '== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo fmt --version >/dev/null 2>&1; then
  step "adding the rustfmt component (the test command checks formatting)"
  rustup component add rustfmt
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  step "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(cat "${CARGO_HOME:-$HOME/.cargo}/.wasm-split-version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ] || ! command -v wasm-split-cli >/dev/null; then
  step "installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  echo "$WASM_SPLIT_VERSION" > "${CARGO_HOME:-$HOME/.cargo}/.wasm-split-version"
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "installing Debian chromium and chromium-driver"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi

if ! geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION\b"; then
  step "installing geckodriver $GECKODRIVER_VERSION (about 5 minutes)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
fi

# Firefox and WebKit for the core journeys (tests/engines/): Firefox ESR, WebKitGTK's
# WebDriver (it brings MiniBrowser), and Xvfb, since MiniBrowser has no headless mode.
if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v xvfb-run >/dev/null; then
  step "installing Debian firefox-esr, webkit2gtk-driver and xvfb"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.installed-lock 2>/dev/null)" != "$lock_hash" ]; then
  step "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.installed-lock
fi
