#!/usr/bin/env bash
# Fuzzes parsing + validation, merges and Markdown rendering with cargo fuzz (libFuzzer),
# each for FUZZ_SECONDS (default 20), starting from the committed corpus in fuzz/corpus/.
# New inputs found go to a scratch copy, so a run leaves the checkout as it was; a crash
# is kept in fuzz/artifacts/ and fails the run.
#
# The machine's toolchain is stable Rust, and cargo fuzz needs nightly only for the
# sanitizers: `--sanitizer none` keeps libFuzzer's coverage instrumentation (stable `-C`
# flags) and drops AddressSanitizer, which safe Rust does not need to catch panics.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET=${FUZZ_SECONDS:-20}

if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
  echo "== setup: installing cargo-fuzz $CARGO_FUZZ_VERSION (about 1 minute)"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd fuzz
for target in parse_validate merge markdown; do
  mkdir -p "$scratch/$target"
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s (seed corpus: $(ls corpus/$target | wc -l) files)"
  log="$scratch/$target.log"
  if ! cargo fuzz run --sanitizer none --release "$target" "$scratch/$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 > "$log" 2>&1; then
    grep -aE -A3 'panicked|ERROR|SUMMARY' "$log" | head -40
    echo "fuzz $target: failed; the input is in fuzz/artifacts/$target/"
    exit 1
  fi
  grep -aE '^(Done|stat::number_of_executed_units)|^INFO: seed corpus' "$log"
done
