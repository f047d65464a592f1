#!/usr/bin/env bash
# Checks the seed article's review page and the corpus report page in headless Chromium.
#   bash tests/browser/run.sh [--screenshot REVIEW.png] [--report-screenshot REPORT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
review_args=()
report_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) review_args=(--screenshot "$2"); shift 2 ;;
    --report-screenshot) report_args=(--screenshot "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# The chromium to drive: $CHROMIUM, else chromium or chromium-browser on PATH (scripts/test_tools.sh).
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "chromium missing: run scripts/test_tools.sh" >&2; exit 1; }
export CHROMIUM
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm install --silent --no-audit --no-fund)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/newsnlp run tests/fixtures/seed_article.txt --published 2025-11-08 -o "$work/seed.jsonl"
target/release/newsnlp export --format html "$work/seed.jsonl" -o "$work/review.html"
node tests/browser/review_page.mjs "$work/review.html" "${review_args[@]}"
# The corpus report of four invented articles from three outlets, linked to their review page.
target/release/newsnlp run tests/fixtures/corpus_articles.jsonl -o "$work/corpus.jsonl"
mkdir -p "$work/report"
target/release/newsnlp export --format html "$work/corpus.jsonl" -o "$work/report/review.html"
target/release/newsnlp report "$work/corpus.jsonl" -o "$work/report" --review review.html
node tests/browser/report_page.mjs "$work/report" "${report_args[@]}"
