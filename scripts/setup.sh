#!/usr/bin/env bash
# Sets newsnlp up on a fresh machine (registries only) and runs the main job
# on the bundled example article. Idempotent: re-running skips what is done.
#
#   bash scripts/setup.sh            # set up, build, annotate the example
#   NEWSNLP_SKIP_EXAMPLE=1 bash scripts/setup.sh   # set up and build only
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi

log "building target/release/newsnlp"
cargo build --release --locked -p newsnlp-cli

if [ -z "${NEWSNLP_SKIP_EXAMPLE:-}" ]; then
  log "annotating the bundled example (tests/fixtures/seed_article.txt) -> out/seed_article.jsonl"
  mkdir -p out
  target/release/newsnlp run tests/fixtures/seed_article.txt --published 2025-11-08 -o out/seed_article.jsonl
  target/release/newsnlp stage sentences out/seed_article.jsonl --pretty | head -n 40
fi
