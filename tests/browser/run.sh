#!/usr/bin/env bash
# Exports the seed article's review page and checks it in headless Chromium.
#   bash tests/browser/run.sh [--screenshot OUT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
# The chromium to drive: $CHROMIUM, else chromium or chromium-browser on PATH (scripts/test_tools.sh).
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "chromium missing: run scripts/test_tools.sh" >&2; exit 1; }
export CHROMIUM
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm install --silent --no-audit --no-fund)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/newsnlp run tests/fixtures/seed_article.txt --published 2025-11-08 -o "$work/seed.jsonl"
target/release/newsnlp export --format html "$work/seed.jsonl" -o "$work/review.html"
node tests/browser/review_page.mjs "$work/review.html" "$@"
